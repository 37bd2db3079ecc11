import { sql } from 'drizzle-orm';
import { pgSchema, text, serial, index, numeric, char, check } from 'drizzle-orm/pg-core';
import { citizenIdColumn, dateColumn, districtCodeColumn, fenColumn } from '../../db/columns.js';
import { TENURES } from '../../domain/points/vocabulary.js';

/** Housing and Urban-Rural Development Commission (市住房城乡建设委). */
export const housing = pgSchema('housing');

export const tenure = housing.enum('tenure', TENURES);

export const publicHousingStatus = housing.enum('public_housing_status', [
  'applied',
  'eligible_waiting',
  'rejected',
  'tenant',
  'ended',
]);

export const providentFundStatus = housing.enum('provident_fund_status', ['contributing', 'suspended', 'closed']);

export const dwelling = housing.table(
  'dwelling',
  {
    dwellingId: serial('dwelling_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    tenure: tenure('tenure').notNull(),
    districtCode: districtCodeColumn('district_code').notNull(),
    address: text('address').notNull(),
    floorAreaM2: numeric('floor_area_m2', { precision: 7, scale: 2 }).notNull(),
    since: dateColumn('since').notNull(),
    until: dateColumn('until'),
    /** Registered lease (房屋租赁登记备案) number for rented homes. */
    leaseRegistrationNo: text('lease_registration_no'),
  },
  (t) => [index('dwelling_citizen_idx').on(t.citizenId)],
);

export const publicHousing = housing.table(
  'public_housing',
  {
    caseId: serial('case_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    status: publicHousingStatus('status').notNull(),
    appliedOn: dateColumn('applied_on').notNull(),
    decidedOn: dateColumn('decided_on'),
    monthlyRentFen: fenColumn('monthly_rent_fen'),
  },
  (t) => [index('public_housing_citizen_idx').on(t.citizenId)],
);

export const providentFund = housing.table('provident_fund', {
  citizenId: citizenIdColumn().primaryKey(),
  accountNo: text('account_no').notNull(),
  status: providentFundStatus('status').notNull(),
  openedOn: dateColumn('opened_on').notNull(),
  monthlyContributionFen: fenColumn('monthly_contribution_fen').notNull(),
  balanceFen: fenColumn('balance_fen').notNull(),
});

/**
 * The months the provident fund received contributions for the person, as runs of consecutive
 * months 'YYYY-MM' (both ends inclusive; `to_month` null while contributions go on): what counts a
 * year of contribution without the amounts.
 */
export const providentFundContribution = housing.table(
  'provident_fund_contribution',
  {
    runId: serial('run_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    fromMonth: char('from_month', { length: 7 }).notNull(),
    toMonth: char('to_month', { length: 7 }),
  },
  (t) => [
    index('provident_fund_contribution_citizen_idx').on(t.citizenId),
    check('provident_fund_contribution_from_month', sql`${t.fromMonth} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('provident_fund_contribution_to_month', sql`${t.toMonth} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('provident_fund_contribution_order', sql`${t.toMonth} >= ${t.fromMonth}`),
  ],
);

export type DwellingRow = typeof dwelling.$inferSelect;
export type PublicHousingRow = typeof publicHousing.$inferSelect;
export type ProvidentFundRow = typeof providentFund.$inferSelect;
export type ProvidentFundContributionRow = typeof providentFundContribution.$inferSelect;
