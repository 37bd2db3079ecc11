import { sql } from 'drizzle-orm';
import { pgSchema, text, serial, index, integer, numeric, primaryKey, check } from 'drizzle-orm/pg-core';
import { citizenIdColumn, dateColumn, districtCodeColumn, fenColumn } from '../../db/columns.js';

/**
 * Civil Affairs Bureau (市民政局): marriages, social assistance (低保, low-income families),
 * elderly care, registered volunteering and awards. Social-assistance rows reveal a specific
 * identity and a household's finances: sensitive (PIPL Art. 28).
 */
export const civil = pgSchema('civil');

/** How a marriage ended: a divorce registered at a marriage registry (协议离婚), one judged by a court, or the spouse's death. */
export const marriageEnding = civil.enum('marriage_ending', ['divorce_registered', 'divorce_by_court', 'death_of_spouse']);

/** Stage of a social-assistance case (低保, low-income family determination). */
export const assistanceCaseStatus = civil.enum('assistance_case_status', ['applied', 'granted', 'ended', 'refused']);

export const elderlyCareKind = civil.enum('elderly_care_kind', ['old_age_allowance', 'home_care_subsidy', 'institution_placement']);

/** The award levels of the points rules (POINTS.md): national, provincial, city, city agency or district. */
export const awardLevel = civil.enum('award_level', ['national', 'provincial', 'city', 'city_agency_or_district']);

/**
 * One row per person per marriage: a couple is two rows naming each other, with the same date and
 * registry. Current marital status is not stored: it is read from the latest marriage (none:
 * never married; open: married; ended: divorced or widowed), so it cannot disagree with the history.
 */
export const marriage = civil.table(
  'marriage',
  {
    marriageId: serial('marriage_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    /** Null when the spouse is not in the city's population record (married elsewhere, or died before it). */
    spouseCitizenId: citizenIdColumn('spouse_citizen_id'),
    registeredOn: dateColumn('registered_on').notNull(),
    /** GB/T 2260 code of the registry (婚姻登记机关): a Guangzhou district, or the place elsewhere. */
    registeredAreaCode: districtCodeColumn('registered_area_code').notNull(),
    endedOn: dateColumn('ended_on'),
    ending: marriageEnding('ending'),
    /** Where a divorce was registered or judged; null while married and for a spouse's death. */
    divorceAreaCode: districtCodeColumn('divorce_area_code'),
  },
  (t) => [
    index('marriage_citizen_idx').on(t.citizenId),
    check('marriage_end_complete', sql`(${t.endedOn} is null) = (${t.ending} is null)`),
    check('marriage_end_after_start', sql`${t.endedOn} is null or ${t.endedOn} > ${t.registeredOn}`),
    check('marriage_divorce_area', sql`(${t.divorceAreaCode} is not null) = (${t.ending} is not null and ${t.ending} <> 'death_of_spouse')`),
  ],
);

/**
 * What a 低保 case and a low-income determination both record, per member covered: the household,
 * its size, where the case stands and its dates. Made afresh for each table (drizzle owns a column
 * builder once it is in a table).
 */
const assistanceCaseColumns = () => ({
  citizenId: citizenIdColumn().notNull(),
  householdId: text('household_id').notNull(),
  householdSize: integer('household_size').notNull(),
  status: assistanceCaseStatus('status').notNull(),
  appliedOn: dateColumn('applied_on').notNull(),
  /** Null while the application is under review. */
  decidedOn: dateColumn('decided_on'),
  /** First day paid or recognised; null unless granted (now or before). */
  since: dateColumn('since'),
  /** Last day; null while it goes on. */
  until: dateColumn('until'),
});

/**
 * 低保 cases. The allowance is granted to a household (the registry's household number) and each
 * member it covers has a row; the amount is the household's monthly top-up to the line.
 */
export const subsistenceAllowance = civil.table(
  'subsistence_allowance',
  {
    caseId: serial('case_id').primaryKey(),
    ...assistanceCaseColumns(),
    /** The household's monthly allowance, in fen; null unless granted (now or before). */
    monthlyAmountFen: fenColumn('monthly_amount_fen'),
  },
  (t) => [
    index('subsistence_allowance_citizen_idx').on(t.citizenId),
    check('subsistence_allowance_paid', sql`(${t.status} in ('granted', 'ended')) = (${t.since} is not null and ${t.monthlyAmountFen} is not null)`),
    check('subsistence_allowance_ended', sql`(${t.status} = 'ended') = (${t.until} is not null)`),
    check('subsistence_allowance_decided', sql`(${t.status} = 'applied') = (${t.decidedOn} is null)`),
  ],
);

/** Low-income family determinations (低收入家庭认定), per member like 低保 cases, without an amount. */
export const lowIncomeFamily = civil.table(
  'low_income_family',
  {
    determinationId: serial('determination_id').primaryKey(),
    ...assistanceCaseColumns(),
  },
  (t) => [
    index('low_income_family_citizen_idx').on(t.citizenId),
    check('low_income_family_recognised', sql`(${t.status} in ('granted', 'ended')) = (${t.since} is not null)`),
    check('low_income_family_ended', sql`(${t.status} = 'ended') = (${t.until} is not null)`),
    check('low_income_family_decided', sql`(${t.status} = 'applied') = (${t.decidedOn} is null)`),
  ],
);

/** Old-age allowance (长寿保健金), home-care subsidies (居家养老服务资助) and care-home placements. */
export const elderlyCare = civil.table(
  'elderly_care',
  {
    careId: serial('care_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    kind: elderlyCareKind('kind').notNull(),
    since: dateColumn('since').notNull(),
    until: dateColumn('until'),
    /** Paid to the person (allowance) or for their care (subsidy), in fen a month; null for a placement. */
    monthlyAmountFen: fenColumn('monthly_amount_fen'),
  },
  (t) => [index('elderly_care_citizen_idx').on(t.citizenId)],
);

/** Registered volunteering (志愿服务时长) per calendar year, as the volunteer platform totals it. */
export const volunteerHours = civil.table(
  'volunteer_hours',
  {
    citizenId: citizenIdColumn().notNull(),
    year: integer('year').notNull(),
    /** Hours to the half hour. */
    hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'volunteer_hours_pk', columns: [t.citizenId, t.year] }),
    check('volunteer_hours_positive', sql`${t.hours} > 0`),
  ],
);

/** Commendations (表彰) the bureau records, at the levels the points rules score. */
export const award = civil.table(
  'award',
  {
    awardId: serial('award_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    level: awardLevel('level').notNull(),
    title: text('title').notNull(),
    awardedBy: text('awarded_by').notNull(),
    awardedOn: dateColumn('awarded_on').notNull(),
  },
  (t) => [index('award_citizen_idx').on(t.citizenId)],
);

export type MarriageRow = typeof marriage.$inferSelect;
export type SubsistenceAllowanceRow = typeof subsistenceAllowance.$inferSelect;
export type LowIncomeFamilyRow = typeof lowIncomeFamily.$inferSelect;
export type ElderlyCareRow = typeof elderlyCare.$inferSelect;
export type VolunteerHoursRow = typeof volunteerHours.$inferSelect;
export type AwardRow = typeof award.$inferSelect;
