/**
 * Local Taxation Bureau (市地税局): personal income tax paid in Guangzhou and tax-evasion findings.
 * Tax is sensitive financial data (PIPL Art. 28): an answer gives the band, never the amount.
 */
import { yuanLimit, yearRange } from '../wording.js';
import type { RuleSet } from '../rule-set.js';
import type { IndicatorResult, IsoDate } from '../types.js';
import { answerIndicators, type IndicatorCalculators } from './answer.js';
import { deductionPerEvent, tableRow } from './counting.js';

export interface TaxPointsFacts {
  /** Personal income tax paid in Guangzhou per tax year, in fen (src/domain/money.ts). */
  annualReturns: { taxYear: number; taxPaidFen: number }[];
  /** Tax-evasion findings, by the date decided. */
  evasionFindings: { decidedOn: IsoDate }[];
}

const CALCULATORS: IndicatorCalculators<'tax', TaxPointsFacts> = {
  // "Cumulative tax over the last 3 tax years": the 3 completed tax years before the as-of year
  // (a year's tax is final only after it ends). The highest band reached gives the points.
  'income-tax': (params, facts, asOf) => {
    const first = asOf.year - params.taxYears;
    const last = asOf.year - 1;
    let totalFen = 0;
    for (const { taxYear, taxPaidFen } of facts.annualReturns) {
      if (!Number.isSafeInteger(taxPaidFen) || taxPaidFen < 0) throw new RangeError('taxPaidFen must be a whole number of fen ≥ 0');
      if (taxYear >= first && taxYear <= last) totalFen += taxPaidFen;
    }
    const reached = params.bands.filter((band) => band.minFen <= totalFen);
    const band = reached.at(-1);
    const next = params.bands[reached.length];
    const years = yearRange(first, last);
    if (!band) return { value: `cumulative tax over ${years} below ${yuanLimit(params.bands[0]!.minFen)}`, points: 0, capApplied: false };
    return {
      value: `cumulative tax over ${years} ${next ? `in band ${yuanLimit(band.minFen)}–${yuanLimit(next.minFen)}` : `of ${yuanLimit(band.minFen)} or more`}`,
      points: band.points,
      capApplied: false,
      entry: tableRow(band),
    };
  },

  'tax-evasion': (params, facts, asOf) => deductionPerEvent(facts.evasionFindings.map((f) => f.decidedOn), params, asOf, 'tax-evasion finding'),
};

/** Tax's indicators of `ruleSet` for one person on `asOf`. */
export function taxIndicators(ruleSet: RuleSet, facts: TaxPointsFacts, asOf: IsoDate): IndicatorResult[] {
  return answerIndicators('tax', CALCULATORS, ruleSet, facts, asOf);
}
