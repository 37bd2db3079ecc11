/**
 * Health and Family Planning (市卫生计生委): blood donations only. Nothing else of the health
 * record (diagnoses, PIPL Art. 28) is needed for points, so nothing else is asked for.
 */
import { dayOfDate, withinLastYears, yearOf } from '../calendar.js';
import type { RuleSet } from '../rule-set.js';
import type { IndicatorResult, IsoDate } from '../types.js';
import { count, years } from '../wording.js';
import { answerIndicators, type IndicatorCalculators } from './answer.js';
import { yearlyThenTotalCap } from './counting.js';

export interface HealthPointsFacts {
  bloodDonations: { donatedOn: IsoDate }[];
}

const CALCULATORS: IndicatorCalculators<'health', HealthPointsFacts> = {
  // POINTS.md: 2 per donation in the last 5 years, cap 10; the 2014 settlement rules add "≤ 2 a
  // year" (maxPointsPerYear), counted per calendar year of donation.
  'blood-donation': (params, facts, asOf) => {
    const recent = facts.bloodDonations
      .map((d) => dayOfDate(d.donatedOn, 'blood donation donatedOn'))
      .filter((day) => withinLastYears(day, asOf, params.windowYears));
    const byYear = new Map<number, number>();
    for (const day of recent) byYear.set(yearOf(day), (byYear.get(yearOf(day)) ?? 0) + params.pointsPerDonation);
    return {
      value: `${count(recent.length, 'donation')} in the last ${years(params.windowYears)}`,
      ...yearlyThenTotalCap(byYear.values(), params.maxPointsPerYear, params.cap),
    };
  },
};

/** Health's indicators of `ruleSet` for one person on `asOf`. */
export function healthIndicators(ruleSet: RuleSet, facts: HealthPointsFacts, asOf: IsoDate): IndicatorResult[] {
  return answerIndicators('health', CALCULATORS, ruleSet, facts, asOf);
}
