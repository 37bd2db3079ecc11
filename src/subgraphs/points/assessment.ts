import type { DocumentNode } from 'graphql';
import {
  assessPoints,
  assessSettlement,
  type ConditionResult,
  type IndicatorResult,
  type PointsAssessment,
  type RuleSetKind,
  type ServicesRuleSet,
  type SettlementAssessment,
  type SettlementRuleSet,
} from '../../domain/points/index.js';
import { subgraphTypeDefs } from '../type-defs.js';
import type { PointsSource } from './contribution.js';
import { ASSESSMENTS, conditionsField, contributedFields, entityHead, hasConditions, indicatorsField } from './contribution.js';
import { todayUtc } from '../../domain/today.js';
import { BadUserInputError } from '../errors.js';
import { ruleSetFor } from './rule-sets.js';
import { CONDITION_SELECTION, fromWireCondition, fromWireIndicator, INDICATOR_SELECTION, toWireCondition, toWireIndicator, type WireCondition, type WireIndicator } from './wire.js';

/**
 * The subgraph that owns an assessment (residence-permit points, owned by migrant-services; settlement
 * eligibility, led by development-reform, §4): `Person.<field>(asOf)` and the assessment's own
 * fields, each requiring every contributing department's answers (Apollo Federation `@requires`), so
 * the query planner fetches them from the departments and hands them here to be added up. Built
 * from the list of contributing modules, which comes from their manifests.
 */
export function assessmentSubgraph(kind: RuleSetKind, owner: string, sources: readonly PointsSource[]): { typeDefs: DocumentNode; resolvers: object } {
  const { type, field, title } = ASSESSMENTS[kind];
  const requires = sources
    .flatMap((source) => [
      `${indicatorsField(source.department)} ${INDICATOR_SELECTION}`,
      ...(hasConditions(source.department) ? [`${conditionsField(source.department)} ${CONDITION_SELECTION}`] : []),
    ])
    .join(' ');
  const needs = requires ? ` @requires(fields: ${JSON.stringify(requires)})` : '';
  const described = (text: string) => `"Derived: ${text} Owner: ${owner}. Sensitivity: personal."`;
  const common = kind === 'services'
    ? `  ${described('basic + bonus − deductions, never below 0; null when a department did not answer (never counted as zero).')}
  total: Int${needs}
  ${described('whether the conditions for holding points at all are met (valid permit, legal stable employment); null when unknown.')}
  holdsPoints: Boolean${needs}
  ${described('every service tier of the rule set (阶梯式享有), its threshold, and whether the points unlock it.')}
  tiers: [PointsTier!]!${needs}`
    : `  ${described('the settlement points (basic + bonus − deductions, never below 0); null when a department did not answer.')}
  points: Int${needs}
  ${described('the rule set\'s points threshold.')}
  threshold: Int!${needs}
  ${described('points ≥ threshold; null when the points are unknown.')}
  thresholdReached: Boolean${needs}
  ${described('every basic condition met; null when one could not be checked.')}
  conditionsMet: Boolean${needs}
  ${described('eligible to apply: every basic condition met and the threshold reached; null when that cannot be decided (fail closed: never true with a department missing).')}
  eligible: Boolean${needs}
  ${described('the ranking keys in the rule set\'s order (basic points, then medical-insurance and residence-permit time); a value is null when unknown.')}
  ranking: [PointsRankingKey!]${needs}`;

  const sdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])

"""
A person of the population record, as the ${title} sees them.
"""
type Person @key(fields: "citizenId") {
  "The citizen identity number, the population record's unique key. Owner: public-security. Sensitivity: personal."
  citizenId: CitizenId!
  """
  Derived: the ${title} of the person on a date, computed by each department from its own data
  and added up here; names the rule set that produced it. No income, diagnosis or address is in it.
  Owner: ${owner}. Sensitivity: personal.
  """
  ${field}(
    "The date to assess on (default: today, UTC), today or earlier; the rule set in force then applies. A later date, or one no rule set covers, is a BAD_USER_INPUT; an operation asks for one date."
    asOf: Date
  ): ${type}
}

"""
The ${title} of a person on a date, with how it was computed (PIPL Art. 24). Owner: ${owner}. Sensitivity: personal.
"""
${entityHead(kind)}
${sources.map((source) => contributedFields(source.department, kind, 'external')).join('\n')}
  ${described('the rule set that produced this answer (e.g. `services-2021`).')}
  ruleSetId: String!
  ${described('the rule set\'s title and source document.')}
  ruleSetTitle: String!
  ${described('every indicator and condition of the rule set was answered by its department.')}
  complete: Boolean!${needs}
${common}
  ${described('the sum of the basic indicators answered.')}
  basic: Int!${needs}
  ${described('the sum of the bonus indicators answered.')}
  bonus: Int!${needs}
  ${described('the sum of the deductions answered, as a positive number.')}
  deductions: Int!${needs}
  ${described('the breakdown: each indicator with what was counted, its points, whether a cap applied and the rule.')}
  indicators: [PointsIndicator!]!${needs}
  ${described('each basic condition met or not, and why.')}
  conditions: [PointsCondition!]!${needs}
  ${described('indicators and conditions no department answered (its subgraph failed or holds nothing it could judge).')}
  missing: [MissingPointsAnswer!]!${needs}
  ${described('why the decision is what it is, in sentences.')}
  explanation: [String!]!${needs}
  ${described('the values of the rule set marked unverified (U) that this answer used.')}
  unverified: [UnverifiedRuleValue!]!${needs}
}

"""
A service tier of the residence-permit points (阶梯式享有). Owner: migrant-services. Sensitivity: public.
"""
type PointsTier @federation__shareable {
  "Derived: the tier's id in the rule set. Owner: migrant-services. Sensitivity: public."
  id: String!
  "Derived: the service it opens. Owner: migrant-services. Sensitivity: public."
  service: PointsRuleText!
  "Derived: the points it needs. Owner: migrant-services. Sensitivity: public."
  threshold: Int!
  "Derived: whether deductions count for it (not for school admission). Owner: migrant-services. Sensitivity: public."
  deductionsApply: Boolean!
  "Derived: the points it is judged on; null when unknown. Owner: migrant-services. Sensitivity: personal."
  points: Int
  "Derived: the conditions it needs. Owner: migrant-services. Sensitivity: public."
  conditions: [String!]!
  "Derived: whether the person's points and conditions unlock it; null when unknown. Owner: migrant-services. Sensitivity: personal."
  unlocked: Boolean
  "Derived: the rule. Owner: migrant-services. Sensitivity: public."
  rule: PointsRuleText!
}

"""
A ranking key of points-based settlement with its value. Owner: development-reform. Sensitivity: personal.
"""
type PointsRankingKey @federation__shareable {
  "Derived: the key. Owner: development-reform. Sensitivity: public."
  key: String!
  "Derived: its value; null when unknown. Owner: development-reform. Sensitivity: personal."
  value: Float
}

"""
An indicator or condition no department answered. Owner: migrant-services. Sensitivity: public.
"""
type MissingPointsAnswer @federation__shareable {
  "Derived: indicator or condition. Owner: migrant-services. Sensitivity: public."
  kind: String!
  "Derived: its id in the rule set. Owner: migrant-services. Sensitivity: public."
  id: String!
  "Derived: the department that should have answered. Owner: migrant-services. Sensitivity: public."
  department: String!
}

"""
A rule-set value marked unverified (U) that an answer used. Owner: migrant-services. Sensitivity: public.
"""
type UnverifiedRuleValue @federation__shareable {
  "Derived: which value. Owner: migrant-services. Sensitivity: public."
  item: String!
  "Derived: what is unverified and why. Owner: migrant-services. Sensitivity: public."
  note: String!
}
`;
  return { typeDefs: subgraphTypeDefs(sdl), resolvers: assessmentResolvers(kind, type, field, sources) };
}

type Reference = { citizenId: string; asOf: string } & Record<string, unknown>;

function assessmentResolvers(kind: RuleSetKind, type: string, field: string, sources: readonly PointsSource[]) {
  const assessed = new WeakMap<object, PointsAssessment | SettlementAssessment>();
  /** Adds up what the departments answered; a department whose field came back null simply is not there. */
  const assessmentOf = (reference: Reference) => {
    let assessment = assessed.get(reference);
    if (!assessment) {
      const indicators: IndicatorResult[] = [];
      const conditions: ConditionResult[] = [];
      for (const source of sources) {
        const answered = reference[indicatorsField(source.department)] as WireIndicator[] | null | undefined;
        if (answered) indicators.push(...answered.map(fromWireIndicator));
        if (hasConditions(source.department)) {
          const judged = reference[conditionsField(source.department)] as WireCondition[] | null | undefined;
          if (judged) conditions.push(...judged.map(fromWireCondition));
        }
      }
      const ruleSet = ruleSetFor(kind, reference.asOf);
      assessment =
        kind === 'services'
          ? assessPoints(ruleSet as ServicesRuleSet, conditions, indicators, reference.asOf)
          : assessSettlement(ruleSet as SettlementRuleSet, conditions, indicators, reference.asOf);
      assessed.set(reference, assessment);
    }
    return assessment;
  };
  const from = <K extends string>(key: K) => (reference: Reference) => (assessmentOf(reference) as unknown as Record<K, unknown>)[key];

  return {
    Person: {
      __resolveReference: ({ citizenId }: { citizenId: string }) => ({ citizenId }),
      [field]: ({ citizenId }: { citizenId: string }, { asOf }: { asOf?: string | null }) => {
        const today = todayUtc();
        const date = asOf ?? today;
        // The data held describes today and the past: a later date would only shift the windows the
        // inputs are counted in until a single year's figure is left (an amount by subtraction).
        if (date > today) {
          throw new BadUserInputError(`asOf ${date} is after today (${today}); an assessment answers for today or an earlier date`, { reason: 'date in the future', asOf: date });
        }
        ruleSetFor(kind, date); // refuse a date no rule set covers before any department is asked
        return { citizenId, asOf: date };
      },
    },
    [type]: {
      __resolveReference: (reference: Reference) => reference,
      ruleSetId: (reference: Reference) => ruleSetFor(kind, reference.asOf).id,
      ruleSetTitle: (reference: Reference) => ruleSetFor(kind, reference.asOf).title,
      complete: from('complete'),
      total: from('total'),
      holdsPoints: from('holdsPoints'),
      tiers: from('tiers'),
      points: from('points'),
      threshold: from('threshold'),
      thresholdReached: from('thresholdReached'),
      conditionsMet: from('conditionsMet'),
      eligible: from('eligible'),
      ranking: from('ranking'),
      basic: from('basic'),
      bonus: from('bonus'),
      deductions: from('deductions'),
      indicators: (reference: Reference) => assessmentOf(reference).indicators.map(toWireIndicator),
      conditions: (reference: Reference) => assessmentOf(reference).conditions.map(toWireCondition),
      missing: from('missing'),
      explanation: from('explanation'),
      unverified: from('unverified'),
    },
  };
}
