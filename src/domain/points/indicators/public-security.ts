/**
 * Public Security Bureau (市公安局): age (from the birth date of the identity core), administrative
 * penalties and criminal punishments.
 */
import { ageOn, dayOfDate, withinLastYears, type AsOf } from '../calendar.js';
import type { RuleSet } from '../rule-set.js';
import type { ConditionResult, IndicatorResult, IsoDate } from '../types.js';
import { years } from '../wording.js';
import { answerConditions, answerIndicators, type ConditionCheckers, type IndicatorCalculators } from './answer.js';
import { deductionPerEvent } from './counting.js';

export interface CriminalPunishmentFact {
  sentencedOn: IsoDate;
  /** The last day of the punishment; null while it is being served. */
  completedOn: IsoDate | null;
}

export interface PublicSecurityPointsFacts {
  birthDate: IsoDate;
  /** Administrative penalties (治安管理处罚), by the date decided. */
  administrativePenalties: { decidedOn: IsoDate }[];
  criminalPunishments: CriminalPunishmentFact[];
}

const age = (facts: PublicSecurityPointsFacts, asOf: AsOf) => ageOn(dayOfDate(facts.birthDate, 'birthDate'), asOf.day);

/**
 * "No criminal punishment in the last 5 years": a punishment counts while it is being served and
 * until N full years after its last day, so a long sentence that ended last year is recent even if
 * it was passed long ago.
 */
function recentPunishment(facts: PublicSecurityPointsFacts, asOf: AsOf, windowYears: number): boolean {
  return facts.criminalPunishments.some((punishment) => {
    const sentenced = dayOfDate(punishment.sentencedOn, 'criminal punishment sentencedOn');
    if (sentenced > asOf.day) return false;
    const completed = punishment.completedOn === null ? null : dayOfDate(punishment.completedOn, 'criminal punishment completedOn');
    return completed === null || completed >= asOf.day || withinLastYears(completed, asOf, windowYears);
  });
}

const CALCULATORS: IndicatorCalculators<'public-security', PublicSecurityPointsFacts> = {
  // POINTS.md: 18–40 30 points, minus 2 per year over 40, floor 0. Under 18 there is nothing to score.
  age: (params, facts, asOf) => {
    const years = age(facts, asOf);
    if (years < params.fromAge) return { value: `age under ${params.fromAge}`, points: 0, capApplied: false };
    const raw = params.fullPoints - params.minusPerYearOver * Math.max(0, years - params.toAge);
    return { value: `age ${years}`, points: Math.max(raw, params.floor), capApplied: raw < params.floor };
  },

  'public-security-penalty': (params, facts, asOf) =>
    deductionPerEvent(facts.administrativePenalties.map((p) => p.decidedOn), params, asOf, 'public-security penalty', 'public-security penalties'),
};

const CHECKERS: ConditionCheckers<'public-security', PublicSecurityPointsFacts> = {
  // Age in completed years: "age ≤ 45" holds until the 46th birthday.
  'age-range': (params, facts, asOf) => {
    const years = age(facts, asOf);
    const range = params.minAge === null ? `at most ${params.maxAge}` : `${params.minAge}–${params.maxAge}`;
    const met = (params.minAge === null || years >= params.minAge) && years <= params.maxAge;
    return { met, reason: `age ${years} on the as-of date; the rule asks ${range}` };
  },

  'no-recent-criminal-punishment': (params, facts, asOf) => {
    const recent = recentPunishment(facts, asOf, params.windowYears);
    return {
      met: !recent,
      reason: recent ? `a criminal punishment within the last ${years(params.windowYears)}` : `no criminal punishment within the last ${years(params.windowYears)}`,
    };
  },
};

/** Public security's indicators of `ruleSet` for one person on `asOf`. */
export function publicSecurityIndicators(ruleSet: RuleSet, facts: PublicSecurityPointsFacts, asOf: IsoDate): IndicatorResult[] {
  return answerIndicators('public-security', CALCULATORS, ruleSet, facts, asOf);
}

/** Public security's conditions of `ruleSet` (age, criminal record) for one person on `asOf`. */
export function publicSecurityConditions(ruleSet: RuleSet, facts: PublicSecurityPointsFacts, asOf: IsoDate): ConditionResult[] {
  return answerConditions('public-security', CHECKERS, ruleSet, facts, asOf);
}
