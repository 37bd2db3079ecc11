/** Civil Affairs (市民政局): social service (volunteering hours) and awards (seed §8 社会服务). */
import { dayOfDate } from '../calendar.js';
import type { RuleSet } from '../rule-set.js';
import type { IndicatorResult, IsoDate } from '../types.js';
import type { AwardLevel } from '../vocabulary.js';
import { count, words, yearRange } from '../wording.js';
import { answerIndicators, type IndicatorCalculators } from './answer.js';
import { bestLevel, yearlyThenTotalCap } from './counting.js';

export interface CivilAffairsPointsFacts {
  /** Registered volunteering hours per calendar year. */
  volunteerHours: { year: number; hours: number }[];
  awards: { level: AwardLevel; awardedOn: IsoDate }[];
}

const CALCULATORS: IndicatorCalculators<'civil-affairs', CivilAffairsPointsFacts> = {
  // POINTS.md: 2 per 50 hours, at most 2 a year, last 5 years, cap 10. Hours are kept per calendar
  // year, so "the last 5 years" are the 5 completed years before the as-of year: a year still
  // running has no final count yet.
  volunteering: (params, facts, asOf) => {
    const first = asOf.year - params.windowYears;
    const last = asOf.year - 1;
    const byYear = new Map<number, number>();
    for (const { year, hours } of facts.volunteerHours) {
      if (!Number.isSafeInteger(year) || !Number.isFinite(hours) || hours < 0) throw new RangeError('volunteerHours must give a whole year and hours ≥ 0');
      if (year >= first && year <= last) byYear.set(year, (byYear.get(year) ?? 0) + hours);
    }
    const pointsByYear = [...byYear.values()].map((hours) => Math.floor(hours / params.hoursPerUnit) * params.pointsPerUnit);
    const hours = [...byYear.values()].reduce((sum, h) => sum + h, 0);
    return {
      value: `${count(Math.floor(hours), 'hour')} of volunteering in ${yearRange(first, last)}`,
      ...yearlyThenTotalCap(pointsByYear, params.maxPointsPerYear, params.cap),
    };
  },

  // "Highest only" is our reading: the table lists levels, not a sum, and one achievement is
  // usually recognised at several levels.
  awards: (params, facts, asOf) => {
    const held = facts.awards
      .filter((a) => dayOfDate(a.awardedOn, 'award awardedOn') <= asOf.day)
      .map((a) => ({ level: a.level, bonus: 0, describe: `${words(a.level)} award` }));
    return bestLevel(params.levels, held, 'no award that scores');
  },
};

/** Civil affairs' indicators of `ruleSet` for one person on `asOf`. */
export function civilAffairsIndicators(ruleSet: RuleSet, facts: CivilAffairsPointsFacts, asOf: IsoDate): IndicatorResult[] {
  return answerIndicators('civil-affairs', CALCULATORS, ruleSet, facts, asOf);
}
