/**
 * Individual income tax on annual comprehensive income (综合所得), Individual Income Tax Law
 * Art. 3 and 6 as amended in 2018. Taxable income (应纳税所得额) is the year's income (收入额) less
 * ¥60,000 (减除费用), the special deductions (专项扣除: the employee's own basic pension, medical and
 * unemployment insurance and housing provident fund contributions) and the special additional
 * deductions (专项附加扣除: children, elderly parents, housing, …); what is left is taxed at 3–45%.
 * Amounts in fen, integers only, so a stored return can be checked to the fen.
 */
const BRACKETS: ReadonlyArray<readonly [upToYuan: number, ratePercent: number, quickDeductionYuan: number]> = [
  [36_000, 3, 0],
  [144_000, 10, 2_520],
  [300_000, 20, 16_920],
  [420_000, 25, 31_920],
  [660_000, 30, 52_920],
  [960_000, 35, 85_920],
  [Infinity, 45, 181_920],
];

/** 减除费用: ¥60,000 a year, whatever the months worked. */
export const STANDARD_DEDUCTION_FEN = 6_000_000;

/** The deductions of one annual return, in fen. */
export interface Deductions {
  standardFen: number;
  socialInsuranceFen: number;
  housingFundFen: number;
  specialAdditionalFen: number;
}

export const totalDeductionsFen = (d: Deductions): number => d.standardFen + d.socialInsuranceFen + d.housingFundFen + d.specialAdditionalFen;

/**
 * 应纳税所得额: income less every deduction, never below 0 (deductions larger than the income are
 * not carried to another year).
 */
export const taxableIncomeFen = (grossFen: number, deductions: Deductions): number => Math.max(0, grossFen - totalDeductionsFen(deductions));

/**
 * The tax on a year's taxable income: taxable × rate − quick deduction, rounded to the fen (half
 * up). "Up to" is inclusive: ¥36,000.00 is taxed at 3%.
 */
export function incomeTaxFen(taxableFen: number): number {
  if (!Number.isSafeInteger(taxableFen)) throw new RangeError('taxable income must be a whole number of fen');
  if (taxableFen <= 0) return 0;
  const [, rate, quick] = BRACKETS.find(([upTo]) => taxableFen <= upTo * 100)!;
  return Math.round((taxableFen * rate) / 100) - quick * 100;
}

/** The same in yuan, for reading: the tax on a year's taxable amount. */
export const taxOnTaxable = (taxableYuan: number): number => incomeTaxFen(Math.round(taxableYuan * 100)) / 100;
