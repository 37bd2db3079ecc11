import { pgSchema, text, integer, index } from 'drizzle-orm/pg-core';
import { citizenIdColumn, dateColumn, districtCodeColumn } from '../../db/columns.js';

/** Public Security Bureau (市公安局): identity core and household registration. */
export const registry = pgSchema('registry');

export const sex = registry.enum('sex', ['male', 'female']);

/**
 * §6 of the reform: one unified "Guangzhou resident" registration. People whose hukou is elsewhere
 * and who live here are registered as non-local residents (居住登记).
 */
export const registrationStatus = registry.enum('registration_status', ['guangzhou_resident', 'non_local']);

/** The pre-reform agricultural / non-agricultural split, kept only as history (§6). */
export const historicalHukouType = registry.enum('historical_hukou_type', ['agricultural', 'non_agricultural']);

/** Family households, employer collective households, and the districts' public collective households (§5). */
export const householdKind = registry.enum('household_kind', ['family', 'collective', 'public_collective']);

export const person = registry.table('person', {
  citizenId: citizenIdColumn().primaryKey(),
  name: text('name').notNull(),
  sex: sex('sex').notNull(),
  birthDate: dateColumn('birth_date').notNull(),
  ethnicity: text('ethnicity').notNull(),
});

export const household = registry.table(
  'household',
  {
    householdId: text('household_id').primaryKey(),
    kind: householdKind('kind').notNull(),
    districtCode: districtCodeColumn('district_code').notNull(),
    address: text('address').notNull(),
    headCitizenId: citizenIdColumn('head_citizen_id'),
    establishedOn: dateColumn('established_on').notNull(),
  },
  (t) => [index('household_district_idx').on(t.districtCode)],
);

export const registration = registry.table(
  'registration',
  {
    citizenId: citizenIdColumn().primaryKey(),
    status: registrationStatus('status').notNull(),
    /** Where the hukou is held: a Guangzhou district for residents, the home region for non-local residents. */
    hukouRegionCode: districtCodeColumn('hukou_region_code').notNull(),
    historicalType: historicalHukouType('historical_type'),
    districtCode: districtCodeColumn('district_code').notNull(),
    address: text('address').notNull(),
    registeredSince: dateColumn('registered_since').notNull(),
    householdId: text('household_id'),
    relationToHead: text('relation_to_head'),
    householdMemberNo: integer('household_member_no'),
  },
  (t) => [
    index('registration_district_idx').on(t.districtCode),
    index('registration_household_idx').on(t.householdId),
  ],
);

export type PersonRow = typeof person.$inferSelect;
export type HouseholdRow = typeof household.$inferSelect;
export type RegistrationRow = typeof registration.$inferSelect;
