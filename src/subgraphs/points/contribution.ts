import {
  DEPARTMENT_ANSWERS,
  isPointsDepartment,
  RULE_SET_KINDS,
  type ConditionResult,
  type Department,
  type IndicatorResult,
  type PointsFactsByDepartment,
  type RuleSet,
  type RuleSetKind,
} from '../../domain/points/index.js';
import type { SubgraphContext } from '../context.js';
import type { PersonTypes } from '../person-types.js';
import { ruleSetFor } from './rule-sets.js';
import { toWireCondition, toWireIndicator } from './wire.js';

/**
 * How a department takes part in the points answers (seed §4, §8; POINTS.md): it computes its own
 * indicators and conditions from its own data, inside its own subgraph, as fields of the
 * assessment entities keyed by (citizenId, asOf). The assessments (src/departments/points and
 * …/settlement) require them and add them up; no raw value ever leaves the department.
 */
export interface PointsSource {
  department: Department;
  /** The facts the engine computes this department's answers from; null when it does not know the person. */
  factsOf(context: SubgraphContext, citizenId: string): Promise<unknown>;
  /**
   * Schema coordinates of the department's fields that hold the same raw data (e.g. the tax paid
   * per year): no grant of a points answer may also cover them (test/policy/derived-inputs.test.ts).
   */
  inputs: readonly string[];
}

export function pointsSource<D extends Department>(
  department: D,
  source: { factsOf(context: SubgraphContext, citizenId: string): Promise<PointsFactsByDepartment[D] | null>; inputs: readonly string[] },
): PointsSource {
  return { department, ...source };
}

/** The two assessments, by rule-set kind: the entity every department's answers hang on. */
export const ASSESSMENTS: Record<RuleSetKind, { type: string; field: string; title: string }> = {
  services: { type: 'ResidencePointsAssessment', field: 'residencePoints', title: 'residence-permit points (§8)' },
  settlement: { type: 'SettlementEligibility', field: 'settlementEligibility', title: 'points-based settlement eligibility (§4)' },
};

/** An assessment is of one person, the one its key names: the audit records them like a Person. */
export const assessedPerson = (kinds: readonly RuleSetKind[]): PersonTypes => Object.fromEntries(kinds.map((kind) => [ASSESSMENTS[kind].type, 'citizenId']));

const camel = (code: string) => code.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
export const indicatorsField = (department: Department) => `${camel(department)}Indicators`;
export const conditionsField = (department: Department) => `${camel(department)}Conditions`;
export const hasConditions = (department: Department) => DEPARTMENT_ANSWERS[department].conditions !== undefined;

const KEY_FIELDS = `  "The person assessed. Owner: public-security. Sensitivity: personal."
  citizenId: CitizenId!
  "Derived: the date the assessment is made as of; the rule set in force then applies. Owner: migrant-services. Sensitivity: public."
  asOf: Date!`;

/**
 * The answer fields a department adds to an assessment entity, as SDL lines: @inaccessible where
 * the department defines them (callers read the assessment, not the parts), @external where the
 * assessment declares what it requires.
 */
export function contributedFields(department: Department, kind: RuleSetKind, role: 'defined' | 'external' = 'defined'): string {
  const directive = role === 'defined' ? ' @federation__inaccessible' : ' @external';
  const what = ASSESSMENTS[kind].title;
  const lines = [
    `  "Derived: ${department}'s indicators of the ${what} rule set in force on asOf, from its own data only. Internal: the assessment requires them. Owner: ${department}. Sensitivity: personal."`,
    `  ${indicatorsField(department)}: [PointsIndicator!]${directive}`,
  ];
  if (hasConditions(department)) {
    lines.push(
      `  "Derived: ${department}'s conditions of the ${what} rule set in force on asOf. Internal: the assessment requires them. Owner: ${department}. Sensitivity: personal."`,
      `  ${conditionsField(department)}: [PointsCondition!]${directive}`,
    );
  }
  return lines.join('\n');
}

export function entityHead(kind: RuleSetKind): string {
  return `type ${ASSESSMENTS[kind].type} @key(fields: "citizenId asOf") {\n${KEY_FIELDS}`;
}

/** The SDL a contributing department appends to its own: its answers on both assessment entities. */
export function contributionSdl(source: PointsSource): string {
  return RULE_SET_KINDS
    .map(
      (kind) => `"""
The ${ASSESSMENTS[kind].title} of a person on a date, as far as ${source.department} answers it. Owner: ${source.department}. Sensitivity: personal.
"""
${entityHead(kind)}
${contributedFields(source.department, kind)}
}`,
    )
    .join('\n\n');
}

interface AssessmentKey {
  citizenId: string;
  asOf: string;
}

/** The resolvers behind contributionSdl: each field computes the department's answers for the rule set in force on asOf. */
export function contributionResolvers(source: PointsSource): Record<string, Record<string, unknown>> {
  if (!isPointsDepartment(source.department)) throw new Error(`${source.department} computes no points answers`);
  const answers = DEPARTMENT_ANSWERS[source.department] as unknown as {
    indicators(ruleSet: RuleSet, facts: unknown, asOf: string): IndicatorResult[];
    conditions?(ruleSet: RuleSet, facts: unknown, asOf: string): ConditionResult[];
  };
  // One request asks for a person's facts once, however many fields and assessments read them
  // (indicators and conditions, points and settlement): kept per request, by its row loaders.
  const factsByRequest = new WeakMap<object, Map<string, Promise<unknown>>>();
  const factsOf = (context: SubgraphContext, citizenId: string): Promise<unknown> => {
    let byPerson = factsByRequest.get(context.rows);
    if (!byPerson) factsByRequest.set(context.rows, (byPerson = new Map()));
    let facts = byPerson.get(citizenId);
    if (!facts) byPerson.set(citizenId, (facts = source.factsOf(context, citizenId)));
    return facts;
  };
  /** A field answering `compute` over the department's facts; null when the department does not know the person. */
  const answer =
    <R>(kind: RuleSetKind, compute: (ruleSet: RuleSet, facts: unknown, asOf: string) => R[]) =>
    async ({ citizenId, asOf }: AssessmentKey, _args: unknown, context: SubgraphContext): Promise<R[] | null> => {
      const ruleSet = ruleSetFor(kind, asOf);
      const facts = await factsOf(context, citizenId);
      return facts === null ? null : compute(ruleSet, facts, asOf);
    };
  const entity = (kind: RuleSetKind) => ({
    __resolveReference: ({ citizenId, asOf }: AssessmentKey) => ({ citizenId, asOf }),
    [indicatorsField(source.department)]: answer(kind, (ruleSet, facts, asOf) => answers.indicators(ruleSet, facts, asOf).map(toWireIndicator)),
    ...(answers.conditions
      ? { [conditionsField(source.department)]: answer(kind, (ruleSet, facts, asOf) => answers.conditions!(ruleSet, facts, asOf).map(toWireCondition)) }
      : {}),
  });
  return { [ASSESSMENTS.services.type]: entity('services'), [ASSESSMENTS.settlement.type]: entity('settlement') };
}
