/**
 * Individual income tax on annual comprehensive income (综合所得), Individual Income Tax Law
 * Art. 3 and 6 as amended in 2018: ¥60,000 a year is deducted, then social insurance paid by the
 * employee and the special additional deductions, and the rest is taxed at 3–45%. Amounts in yuan.
 */
const BRACKETS: ReadonlyArray<readonly [upTo: number, rate: number, quickDeduction: number]> = [
  [36_000, 0.03, 0],
  [144_000, 0.1, 2_520],
  [300_000, 0.2, 16_920],
  [420_000, 0.25, 31_920],
  [660_000, 0.3, 52_920],
  [960_000, 0.35, 85_920],
  [Infinity, 0.45, 181_920],
];

export const STANDARD_DEDUCTION = 60_000;

/** Tax on a year's taxable amount (income after every deduction). */
export function taxOnTaxable(taxable: number): number {
  if (taxable <= 0) return 0;
  const [, rate, quick] = BRACKETS.find(([upTo]) => taxable <= upTo)!;
  return taxable * rate - quick;
}

/** Tax on a year's income, given the employee's insurance and special additional deductions. */
export function annualIncomeTax(income: number, insurance: number, specialDeductions: number): number {
  return taxOnTaxable(income - STANDARD_DEDUCTION - insurance - specialDeductions);
}
