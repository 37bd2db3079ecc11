/**
 * Test helpers: a person's facts as each department would give them, and the one call that asks
 * every department and assesses. The helpers only wire; every expected number in the fixtures is
 * worked out by hand in their comments.
 */
import { loadRuleSets } from '../../rules/index.js';
import {
  assessPoints,
  assessSettlement,
  civilAffairsIndicators,
  developmentReformIndicators,
  educationIndicators,
  healthIndicators,
  housingIndicators,
  hrssConditions,
  hrssIndicators,
  migrantServicesConditions,
  migrantServicesIndicators,
  publicSecurityConditions,
  publicSecurityIndicators,
  taxIndicators,
  type CivilAffairsPointsFacts,
  type ConditionResult,
  type Department,
  type DevelopmentReformPointsFacts,
  type EducationPointsFacts,
  type HealthPointsFacts,
  type HousingPointsFacts,
  type HrssPointsFacts,
  type IndicatorResult,
  type MigrantServicesPointsFacts,
  type PointsAssessment,
  type PublicSecurityPointsFacts,
  type RuleSet,
  type SettlementAssessment,
  type TaxPointsFacts,
} from '../../src/domain/points/index.js';

export const registry = loadRuleSets();

/** Everything each department knows about one person, in the department's own narrow shape. */
export interface PersonFacts {
  'migrant-services': MigrantServicesPointsFacts;
  housing: HousingPointsFacts;
  hrss: HrssPointsFacts;
  'public-security': PublicSecurityPointsFacts;
  education: EducationPointsFacts;
  health: HealthPointsFacts;
  'civil-affairs': CivilAffairsPointsFacts;
  tax: TaxPointsFacts;
  'development-reform': DevelopmentReformPointsFacts;
}

/** A person the departments know nothing about beyond a birth date; fixtures fill in the rest. */
export function facts(birthDate: string, given: Partial<PersonFacts>): PersonFacts {
  return {
    'migrant-services': { residencePermits: [] },
    housing: { dwellings: [], providentFund: [] },
    hrss: { insuranceContributions: [], employments: [], qualifications: [] },
    'public-security': { birthDate, administrativePenalties: [], criminalPunishments: [] },
    education: { attainments: [] },
    health: { bloodDonations: [] },
    'civil-affairs': { volunteerHours: [], awards: [] },
    tax: { annualReturns: [], evasionFindings: [] },
    'development-reform': { poorCreditRecords: [] },
    ...given,
  };
}

export interface Answers {
  indicators: IndicatorResult[];
  conditions: ConditionResult[];
}

/** Asks every department for its answers, except those in `silent` (they "could not answer"). */
export function ask(ruleSet: RuleSet, person: PersonFacts, asOf: string, silent: readonly Department[] = []): Answers {
  const answers: Record<Department, Answers> = {
    'migrant-services': {
      indicators: migrantServicesIndicators(ruleSet, person['migrant-services'], asOf),
      conditions: migrantServicesConditions(ruleSet, person['migrant-services'], asOf),
    },
    housing: { indicators: housingIndicators(ruleSet, person.housing, asOf), conditions: [] },
    hrss: { indicators: hrssIndicators(ruleSet, person.hrss, asOf), conditions: hrssConditions(ruleSet, person.hrss, asOf) },
    'public-security': {
      indicators: publicSecurityIndicators(ruleSet, person['public-security'], asOf),
      conditions: publicSecurityConditions(ruleSet, person['public-security'], asOf),
    },
    education: { indicators: educationIndicators(ruleSet, person.education, asOf), conditions: [] },
    health: { indicators: healthIndicators(ruleSet, person.health, asOf), conditions: [] },
    'civil-affairs': { indicators: civilAffairsIndicators(ruleSet, person['civil-affairs'], asOf), conditions: [] },
    tax: { indicators: taxIndicators(ruleSet, person.tax, asOf), conditions: [] },
    'development-reform': { indicators: developmentReformIndicators(ruleSet, person['development-reform'], asOf), conditions: [] },
  };
  const speaking = (Object.keys(answers) as Department[]).filter((d) => !silent.includes(d));
  return {
    indicators: speaking.flatMap((d) => answers[d].indicators),
    conditions: speaking.flatMap((d) => answers[d].conditions),
  };
}

/** Services points with the services rule set in force on `asOf`. */
export function servicesAssessment(person: PersonFacts, asOf: string, silent: readonly Department[] = []): PointsAssessment {
  const ruleSet = registry.ruleSetInForce('services', asOf);
  const { conditions, indicators } = ask(ruleSet, person, asOf, silent);
  return assessPoints(ruleSet, conditions, indicators, asOf);
}

/** Settlement with the settlement rule set in force on `asOf`. */
export function settlementAssessment(person: PersonFacts, asOf: string, silent: readonly Department[] = []): SettlementAssessment {
  const ruleSet = registry.ruleSetInForce('settlement', asOf);
  const { conditions, indicators } = ask(ruleSet, person, asOf, silent);
  return assessSettlement(ruleSet, conditions, indicators, asOf);
}

/** Points per indicator id, for comparing a whole breakdown with a hand-computed one. */
export const pointsById = (indicators: readonly IndicatorResult[]): Record<string, number> =>
  Object.fromEntries(indicators.map((r) => [r.indicator, r.points]));

export const cappedIds = (indicators: readonly IndicatorResult[]): string[] => indicators.filter((r) => r.capApplied).map((r) => r.indicator).sort();

export const metById = (conditions: readonly ConditionResult[]): Record<string, boolean> =>
  Object.fromEntries(conditions.map((c) => [c.condition, c.met]));

/** An employment with no special flags, for people whose job only has to exist. */
export const plainJob = (since: string, until: string | null = null) => ({
  since,
  until,
  highTechOrRnd: false,
  neededOccupation: false,
  frontlineHardSector: null,
});

/** The five insurances paid in Guangzhou from `fromMonth` on. */
export const allFivePaidFrom = (fromMonth: string, toMonth: string | null = null) =>
  (['pension', 'medical', 'unemployment', 'work_injury', 'maternity'] as const).map((insurance) => ({
    insurance,
    fromMonth,
    toMonth,
    origin: 'paid-in-guangzhou' as const,
  }));
