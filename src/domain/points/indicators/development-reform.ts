/**
 * Development and Reform Commission (市发展改革委), which runs the city's public credit platform
 * (seed §9 信用): poor-credit records, a deduction of their own, not tax data (POINTS.md).
 */
import type { RuleSet } from '../rule-set.js';
import type { IndicatorResult, IsoDate } from '../types.js';
import { answerIndicators, type IndicatorCalculators } from './answer.js';
import { deductionPerEvent } from './counting.js';

export interface DevelopmentReformPointsFacts {
  /** Poor-credit (失信) records on the public credit platform, by the date recorded. */
  poorCreditRecords: { recordedOn: IsoDate }[];
}

const CALCULATORS: IndicatorCalculators<'development-reform', DevelopmentReformPointsFacts> = {
  'poor-credit': (params, facts, asOf) => deductionPerEvent(facts.poorCreditRecords.map((r) => r.recordedOn), params, asOf, 'poor-credit record'),
};

/** Development-reform's indicators of `ruleSet` for one person on `asOf`. */
export function developmentReformIndicators(ruleSet: RuleSet, facts: DevelopmentReformPointsFacts, asOf: IsoDate): IndicatorResult[] {
  return answerIndicators('development-reform', CALCULATORS, ruleSet, facts, asOf);
}
