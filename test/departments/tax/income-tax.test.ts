import { describe, expect, it } from 'vitest';
import { incomeTaxFen, STANDARD_DEDUCTION_FEN, taxableIncomeFen, taxOnTaxable, totalDeductionsFen, type Deductions } from '../../../src/departments/tax/income-tax.js';

const deductions = (socialInsuranceFen: number, housingFundFen: number, specialAdditionalFen: number): Deductions => ({
  standardFen: STANDARD_DEDUCTION_FEN,
  socialInsuranceFen,
  housingFundFen,
  specialAdditionalFen,
});

describe('individual income tax on comprehensive income (IIT Law Art. 3, 6)', () => {
  it('deducts ¥60,000, the employee’s insurance and fund contributions and the special additional deductions', () => {
    const d = deductions(1_020_000, 600_000, 2_400_000);
    expect(totalDeductionsFen(d)).toBe(6_000_000 + 1_020_000 + 600_000 + 2_400_000);
    expect(taxableIncomeFen(15_000_000, d)).toBe(15_000_000 - 10_020_000);
  });

  it('gives ¥51,160 of gross pay no taxable income and no tax: the standard deduction alone exceeds it', () => {
    const taxable = taxableIncomeFen(5_116_000, deductions(521_832, 0, 0));
    expect(taxable).toBe(0);
    expect(incomeTaxFen(taxable)).toBe(0);
    // Read as taxable, as the old record did, ¥51,160 would owe 10% less ¥2,520: ¥2,596.00, not 0.
    expect(incomeTaxFen(5_116_000)).toBe(259_600);
  });

  it('never makes taxable income negative, however large the deductions', () => {
    expect(taxableIncomeFen(0, deductions(0, 0, 0))).toBe(0);
    expect(taxableIncomeFen(7_000_000, deductions(700_000, 500_000, 3_600_000))).toBe(0);
  });

  it('taxes each bracket at its rate less the quick deduction, "up to" inclusive, to the fen', () => {
    expect(incomeTaxFen(0)).toBe(0);
    expect(incomeTaxFen(1)).toBe(0); // 0.03 fen rounds to nothing
    expect(incomeTaxFen(17)).toBe(1); // 0.51 fen rounds half up
    expect(incomeTaxFen(3_600_000)).toBe(108_000); // ¥36,000.00 is still 3%
    expect(incomeTaxFen(3_600_001)).toBe(108_000); // 10% less ¥2,520: ¥1,080.0001
    expect(incomeTaxFen(14_400_000)).toBe(1_188_000);
    expect(incomeTaxFen(30_000_000)).toBe(4_308_000);
    expect(incomeTaxFen(42_000_000)).toBe(7_308_000);
    expect(incomeTaxFen(66_000_000)).toBe(14_508_000);
    expect(incomeTaxFen(96_000_000)).toBe(25_008_000);
    expect(incomeTaxFen(100_000_000)).toBe(26_808_000);
    expect(taxOnTaxable(1_000_000)).toBe(268_080);
  });

  it('is continuous at every bracket edge: the quick deductions agree with the rates', () => {
    for (const edge of [36_000, 144_000, 300_000, 420_000, 660_000, 960_000]) {
      expect(incomeTaxFen(edge * 100 + 1) - incomeTaxFen(edge * 100)).toBeLessThanOrEqual(1);
    }
  });

  it('refuses an amount that is not a whole number of fen', () => {
    expect(() => incomeTaxFen(100.5)).toThrow(RangeError);
  });
});
