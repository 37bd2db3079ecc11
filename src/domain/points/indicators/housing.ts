/**
 * Housing and Urban-Rural Development (市住房城乡建设委) with the provident fund centre: legal
 * stable housing (seed §8 合法稳定居所), moving out of the central districts, the provident fund.
 */
import { dayOfDate, monthsCovered, monthsPaid, wholeYears, type MonthRun } from '../calendar.js';
import type { RuleSet } from '../rule-set.js';
import type { IndicatorResult, IsoDate } from '../types.js';
import type { Tenure } from '../vocabulary.js';
import { years } from '../wording.js';
import { answerIndicators, type IndicatorCalculators } from './answer.js';
import { capped, holdsOn, perCompletedYear, spanOf, type Dated } from './counting.js';

/** A home the person lived in (housing.dwelling), from `since` to its last day `until` (inclusive). */
export interface DwellingFact extends Dated {
  tenure: Tenure;
  /** GB/T 2260 district code; the address itself is never needed. */
  districtCode: string;
}

export interface HousingPointsFacts {
  dwellings: DwellingFact[];
  /** Months of provident-fund contribution in Guangzhou, as runs of months. */
  providentFund: MonthRun[];
}

const CALCULATORS: IndicatorCalculators<'housing', HousingPointsFacts> = {
  // POINTS.md: owned property 20, or rented / employer dormitory 5 per year, cap 20. The better of
  // the two counts, not both: the cap equals the owned points, so adding them could not change it.
  housing: (params, facts, asOf) => {
    const owns = facts.dwellings.some((d) => params.ownedTenures.includes(d.tenure) && holdsOn(d, asOf, 'dwelling'));
    const rentedSpans = facts.dwellings.filter((d) => params.perYearTenures.includes(d.tenure)).map((d) => spanOf(d, 'dwelling'));
    const rentedYears = wholeYears(monthsCovered(rentedSpans, asOf));
    const rentedRaw = rentedYears * params.pointsPerYear;
    const ownedRaw = owns ? params.ownedPoints : 0;
    const { points, capApplied } = capped(Math.max(ownedRaw, rentedRaw), params.cap);
    const value =
      owns && ownedRaw >= rentedRaw ? 'owns a home in Guangzhou'
      : `${years(rentedYears)} in a rented home or an employer dormitory`;
    return { value, points, capApplied };
  },

  // Years lived outside the central districts after having lived in one of them: the move out of
  // Yuexiu, Haizhu, Liwan or Tianhe is what is rewarded, so years outside before it do not count.
  'moved-out-of-central-districts': (params, facts, asOf) => {
    const central = (d: DwellingFact) => params.centralDistricts.includes(d.districtCode);
    const firstCentral = facts.dwellings
      .filter(central)
      .map((d) => dayOfDate(d.since, 'dwelling since'))
      .filter((since) => since <= asOf.day)
      .sort((a, b) => a - b)[0];
    const after = firstCentral === undefined ? [] : facts.dwellings.filter((d) => !central(d) && dayOfDate(d.since, 'dwelling since') > firstCentral);
    const outside = wholeYears(monthsCovered(after.map((d) => spanOf(d, 'dwelling')), asOf));
    return perCompletedYear(outside, params.pointsPerYear, params.cap, 'living outside the four central districts after moving out of them');
  },

  'provident-fund': (params, facts, asOf) =>
    perCompletedYear(wholeYears(monthsPaid(facts.providentFund, asOf, 'provident fund')), params.pointsPerYear, null, 'of provident-fund contributions in Guangzhou'),
};

/** Housing's indicators of `ruleSet` for one person on `asOf`. */
export function housingIndicators(ruleSet: RuleSet, facts: HousingPointsFacts, asOf: IsoDate): IndicatorResult[] {
  return answerIndicators('housing', CALCULATORS, ruleSet, facts, asOf);
}
