import { check, index, pgSchema, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { citizenIdColumn, dateColumn } from '../../db/columns.js';

/**
 * The city's public credit information platform (信用广州, seed §9 信用), run for the city by the
 * Development and Reform Commission (市发展改革委), which leads the social credit system.
 */
export const credit = pgSchema('credit');

/**
 * The lists a poor-credit (失信) record about a natural person comes from. A closed set: a record
 * of another kind is a new label here, a migration and an SDL value, reviewed like the policy.
 * Tax violations are not among them: tax evasion is the tax department's own points deduction
 * (POINTS.md), and counting it here too would deduct it twice.
 */
export const poorCreditRecordKind = credit.enum('poor_credit_record_kind', [
  /** 失信被执行人: a judgment debtor who did not perform, listed by a people's court. */
  'dishonest_judgment_debtor',
  /** 拖欠农民工工资失信联合惩戒对象: listed by a human resources and social security department. */
  'wage_arrears_defaulter',
  /** 严重失信主体名单: another agency's serious-dishonesty list in its own field (market regulation, medical insurance, transport, …). */
  'agency_serious_dishonesty',
]);

export const poorCreditRecord = credit.table(
  'poor_credit_record',
  {
    /** The platform's own number for the record. */
    recordNo: text('record_no').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    kind: poorCreditRecordKind('kind').notNull(),
    /** The agency that put the person on its list, by name (a court, a bureau). */
    listedBy: text('listed_by').notNull(),
    recordedOn: dateColumn('recorded_on').notNull(),
    /** When the record left the list (obligation performed, listing period over, credit repair 信用修复); null while it stands. */
    removedOn: dateColumn('removed_on'),
  },
  (t) => [
    index('poor_credit_record_citizen_idx').on(t.citizenId),
    check('poor_credit_record_removed_after_recorded', sql`${t.removedOn} is null or ${t.removedOn} >= ${t.recordedOn}`),
  ],
);

export type PoorCreditRecordRow = typeof poorCreditRecord.$inferSelect;
