import { pgSchema, text, serial, index, integer, primaryKey } from 'drizzle-orm/pg-core';
import { citizenIdColumn, dateColumn } from '../../db/columns.js';

/** Human Resources and Social Security Bureau (市人力资源和社会保障局). */
export const hrss = pgSchema('hrss');

export const socialInsurance = hrss.enum('social_insurance', [
  'pension',
  'medical',
  'unemployment',
  'work_injury',
  'maternity',
]);

export const voucherStatus = hrss.enum('training_voucher_status', ['issued', 'redeemed', 'expired']);

export const employment = hrss.table(
  'employment',
  {
    employmentId: serial('employment_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    employerName: text('employer_name').notNull(),
    /** Unified social credit code (统一社会信用代码) of the employer. */
    employerCreditCode: text('employer_credit_code').notNull(),
    occupation: text('occupation').notNull(),
    since: dateColumn('since').notNull(),
    until: dateColumn('until'),
  },
  (t) => [index('employment_citizen_idx').on(t.citizenId)],
);

export const insuranceContribution = hrss.table(
  'insurance_contribution',
  {
    citizenId: citizenIdColumn().notNull(),
    insurance: socialInsurance('insurance').notNull(),
    /** Months contributed in Guangzhou, in total (transfers from elsewhere included). */
    months: integer('months').notNull(),
    lastPaidOn: dateColumn('last_paid_on'),
  },
  (t) => [primaryKey({ name: 'insurance_contribution_pk', columns: [t.citizenId, t.insurance] })],
);

export const skillCertificate = hrss.table(
  'skill_certificate',
  {
    certificateId: serial('certificate_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    title: text('title').notNull(),
    /** National vocational qualification level, 5 (entry) to 1 (senior technician). */
    level: integer('level').notNull(),
    issuedOn: dateColumn('issued_on').notNull(),
  },
  (t) => [index('skill_certificate_citizen_idx').on(t.citizenId)],
);

export const trainingVoucher = hrss.table(
  'training_voucher',
  {
    voucherId: serial('voucher_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    voucherNo: text('voucher_no').notNull(),
    course: text('course').notNull(),
    status: voucherStatus('status').notNull(),
    issuedOn: dateColumn('issued_on').notNull(),
  },
  (t) => [index('training_voucher_citizen_idx').on(t.citizenId)],
);

export type EmploymentRow = typeof employment.$inferSelect;
export type InsuranceContributionRow = typeof insuranceContribution.$inferSelect;
export type SkillCertificateRow = typeof skillCertificate.$inferSelect;
export type TrainingVoucherRow = typeof trainingVoucher.$inferSelect;
