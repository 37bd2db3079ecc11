import { sql } from 'drizzle-orm';
import { pgSchema, text, serial, index, integer, boolean, check, char } from 'drizzle-orm/pg-core';
import { citizenIdColumn, dateColumn } from '../../db/columns.js';
import { INSURANCES } from '../../domain/points/vocabulary.js';

/** Human Resources and Social Security Bureau (市人力资源和社会保障局). */
export const hrss = pgSchema('hrss');

export const socialInsurance = hrss.enum('social_insurance', INSURANCES);

/**
 * Where contribution months come from. Only months paid in Guangzhou count for points and
 * settlement (POINTS.md: transferred-in or back-paid years do not count), so they are kept apart.
 */
export const contributionOrigin = hrss.enum('contribution_origin', ['paid_in_guangzhou', 'transferred_in', 'back_paid']);

/** The hard sectors whose frontline workers the seed (§4) and the points rules favour. */
export const hardSector = hrss.enum('hard_sector', ['police', 'fire', 'sanitation', 'transit', 'education', 'health', 'elderly_disabled_care']);

/** Professional title levels (职称): junior (初级), intermediate (中级), senior (副高 and 正高). */
export const professionalTitleLevel = hrss.enum('professional_title_level', ['junior', 'intermediate', 'senior']);

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
    /** The employer was a certified high-tech enterprise (高新技术企业) or research institute during the job. */
    highTechEmployer: boolean('high_tech_employer').notNull(),
    /** The occupation was in the city's catalogue of urgently needed trades (紧缺工种) when the job was registered. */
    neededOccupation: boolean('needed_occupation').notNull(),
    /** The hard sector the job is frontline work in; null for any other job. */
    frontlineHardSector: hardSector('frontline_hard_sector'),
  },
  (t) => [index('employment_citizen_idx').on(t.citizenId)],
);

/**
 * A run of consecutive months of one insurance with one origin, first and last month inclusive,
 * each stored as the first day of its month; `to_month` null while contributions go on. Runs of
 * the same insurance never share a month: a month is paid in one place, once.
 */
export const contributionPeriod = hrss.table(
  'contribution_period',
  {
    periodId: serial('period_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    insurance: socialInsurance('insurance').notNull(),
    origin: contributionOrigin('origin').notNull(),
    fromMonth: dateColumn('from_month').notNull(),
    toMonth: dateColumn('to_month'),
    /** Transferred in: the GB/T 2260 code of the place the months were paid in (转出地). */
    transferredFrom: char('transferred_from', { length: 6 }),
    /** Transferred in or back-paid: the day the months were entered here. Months paid as they fell due have none. */
    recordedOn: dateColumn('recorded_on'),
  },
  (t) => [
    index('contribution_period_citizen_idx').on(t.citizenId),
    check('contribution_period_months_check', sql`extract(day from ${t.fromMonth}) = 1 and (${t.toMonth} is null or (extract(day from ${t.toMonth}) = 1 and ${t.toMonth} >= ${t.fromMonth}))`),
    check('contribution_period_origin_check', sql`(${t.origin} = 'transferred_in') = (${t.transferredFrom} is not null) and (${t.origin} = 'paid_in_guangzhou') = (${t.recordedOn} is null)`),
    check('contribution_period_open_check', sql`${t.toMonth} is not null or ${t.origin} = 'paid_in_guangzhou'`),
  ],
);

/** Professional titles (职称), one row per level awarded, so a promotion keeps the earlier title. */
export const professionalTitle = hrss.table(
  'professional_title',
  {
    titleId: serial('title_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    title: text('title').notNull(),
    level: professionalTitleLevel('level').notNull(),
    awardedOn: dateColumn('awarded_on').notNull(),
  },
  (t) => [index('professional_title_citizen_idx').on(t.citizenId)],
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
  (t) => [index('skill_certificate_citizen_idx').on(t.citizenId), check('skill_certificate_level_check', sql`${t.level} between 1 and 5`)],
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
export type ContributionPeriodRow = typeof contributionPeriod.$inferSelect;
export type ProfessionalTitleRow = typeof professionalTitle.$inferSelect;
export type SkillCertificateRow = typeof skillCertificate.$inferSelect;
export type TrainingVoucherRow = typeof trainingVoucher.$inferSelect;
