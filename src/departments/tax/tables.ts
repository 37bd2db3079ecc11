import { sql } from 'drizzle-orm';
import { pgSchema, integer, primaryKey, serial, index, check } from 'drizzle-orm/pg-core';
import { citizenIdColumn, dateColumn, fenColumn } from '../../db/columns.js';

/** Local Taxation Bureau (市地税局). Financial data: sensitive (PIPL Art. 28). */
export const tax = pgSchema('tax');

export const taxpayerStatus = tax.enum('taxpayer_status', ['active', 'inactive', 'deregistered']);

export const taxpayer = tax.table('taxpayer', {
  citizenId: citizenIdColumn().primaryKey(),
  status: taxpayerStatus('status').notNull(),
  registeredOn: dateColumn('registered_on').notNull(),
  arrearsFen: fenColumn('arrears_fen').notNull(),
});

/**
 * One year's reconciliation of individual income tax on comprehensive income (年度汇算), IIT Law
 * Art. 6: taxable income is the income less the deductions, never below 0 (the database holds every
 * row to it), and the tax paid is the tax on the taxable income (src/departments/tax/income-tax.ts).
 */
export const annualReturn = tax.table(
  'annual_return',
  {
    citizenId: citizenIdColumn().notNull(),
    year: integer('year').notNull(),
    /** 收入额: wages and salaries for the year, before any deduction. */
    grossIncomeFen: fenColumn('gross_income_fen').notNull(),
    /** 减除费用: ¥60,000 a year. */
    standardDeductionFen: fenColumn('standard_deduction_fen').notNull(),
    /** 专项扣除, insurance part: the employee's own basic pension, medical and unemployment insurance. */
    socialInsuranceDeductionFen: fenColumn('social_insurance_deduction_fen').notNull(),
    /** 专项扣除, provident fund part: the employee's own housing provident fund contributions. */
    housingFundDeductionFen: fenColumn('housing_fund_deduction_fen').notNull(),
    /** 专项附加扣除: children's education and infant care, elderly parents, housing loan interest or rent. */
    specialAdditionalDeductionFen: fenColumn('special_additional_deduction_fen').notNull(),
    /** 应纳税所得额: gross income less every deduction, never below 0. */
    taxableIncomeFen: fenColumn('taxable_income_fen').notNull(),
    taxPaidFen: fenColumn('tax_paid_fen').notNull(),
  },
  (t) => [
    primaryKey({ name: 'annual_return_pk', columns: [t.citizenId, t.year] }),
    check(
      'annual_return_amounts_check',
      sql`${t.grossIncomeFen} >= 0 and ${t.standardDeductionFen} >= 0 and ${t.socialInsuranceDeductionFen} >= 0 and ${t.housingFundDeductionFen} >= 0 and ${t.specialAdditionalDeductionFen} >= 0 and ${t.taxPaidFen} >= 0`,
    ),
    check(
      'annual_return_taxable_check',
      sql`${t.taxableIncomeFen} = greatest(0, ${t.grossIncomeFen} - ${t.standardDeductionFen} - ${t.socialInsuranceDeductionFen} - ${t.housingFundDeductionFen} - ${t.specialAdditionalDeductionFen})`,
    ),
  ],
);

/**
 * Tax-evasion findings (偷税, Tax Collection Administration Law Art. 63): the day the bureau decided,
 * and the tax year the evasion concerned. Sensitive: it is a finding of wrongdoing.
 */
export const evasionFinding = tax.table(
  'evasion_finding',
  {
    findingId: serial('finding_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    decidedOn: dateColumn('decided_on').notNull(),
    taxYear: integer('tax_year').notNull(),
  },
  (t) => [
    index('evasion_finding_citizen_idx').on(t.citizenId),
    check('evasion_finding_year_check', sql`${t.taxYear} < extract(year from ${t.decidedOn})`),
  ],
);

export type TaxpayerRow = typeof taxpayer.$inferSelect;
export type AnnualReturnRow = typeof annualReturn.$inferSelect;
export type EvasionFindingRow = typeof evasionFinding.$inferSelect;
