import { pgSchema, text, integer, index, primaryKey, char } from 'drizzle-orm/pg-core';
import { citizenIdColumn, dateColumn, districtCodeColumn } from '../../db/columns.js';

/** Public Security Bureau (市公安局): identity core and household registration. */
export const registry = pgSchema('registry');

export const sex = registry.enum('sex', ['male', 'female']);

/**
 * §6 of the reform: one unified "Guangzhou resident" registration. People whose hukou is elsewhere
 * and who live here are registered as non-local residents (居住登记).
 */
export const registrationStatus = registry.enum('registration_status', ['guangzhou_resident', 'non_local']);

/**
 * The pre-reform agricultural / non-agricultural split, kept only as history (§6): a fact about the
 * person (`person.historical_hukou_type`), which no later registration event changes.
 */
export const historicalHukouType = registry.enum('historical_hukou_type', ['agricultural', 'non_agricultural']);

/**
 * Family households, unit collective households (单位集体户: an employer's, a school's or a talent
 * exchange centre's), and public collective households of the districts and streets (§5).
 */
export const householdKind = registry.enum('household_kind', ['family', 'collective', 'public_collective']);

/** Public collective households are kept by a district or by a street office (§5). */
export const publicCollectiveLevel = registry.enum('public_collective_level', ['district', 'street']);

/** Who holds a unit collective household. */
export const holdingUnitKind = registry.enum('holding_unit_kind', ['employer', 'school', 'talent_market']);

/** A parent's or guardian's link to a child: the registry keeps them for everyone it registers, migrants included. */
export const familyLinkKind = registry.enum('family_link_kind', ['father', 'mother', 'guardian']);

/** Registration events (§3, §9): the registry's own history of each person. */
export const registrationEventKind = registry.enum('registration_event_kind', [
  'birth',
  'settlement',
  'residence_registration',
  'move',
  'move_out',
  'death',
  'emigration',
]);

/** How someone from elsewhere settled (§3, §4). */
export const settlementChannel = registry.enum('settlement_channel', ['points', 'talent', 'family_reunion', 'transfer', 'study', 'employment']);

/** Who reported where a person actually lives. */
export const residenceSource = registry.enum('residence_source', ['community_collection', 'rental_registration', 'self_declared']);

/** Public-order penalties (治安管理处罚法 Art. 10, the three the law names most; licence revocation and deportation are not kept here). */
export const administrativePenaltyKind = registry.enum('administrative_penalty_kind', ['warning', 'fine', 'detention']);

/** Criminal punishments (Criminal Law Art. 33–34) as executed outside prison or after it. */
export const criminalPunishmentKind = registry.enum('criminal_punishment_kind', ['public_surveillance', 'criminal_detention', 'fixed_term_imprisonment', 'fine_only']);

export const person = registry.table('person', {
  citizenId: citizenIdColumn().primaryKey(),
  name: text('name').notNull(),
  sex: sex('sex').notNull(),
  birthDate: dateColumn('birth_date').notNull(),
  ethnicity: text('ethnicity').notNull(),
  /** Pre-reform hukou type of someone first registered here before 2015; null for everyone else (§6, §7: never a service criterion). */
  historicalHukouType: historicalHukouType('historical_hukou_type'),
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
    /** Public collective households: the level and the office that manages it (a district government or a street office). */
    collectiveLevel: publicCollectiveLevel('collective_level'),
    managingOffice: text('managing_office'),
    /** Unit collective households: who holds them; the credit code for employers only. */
    holdingUnitKind: holdingUnitKind('holding_unit_kind'),
    holdingUnitName: text('holding_unit_name'),
    holdingUnitCreditCode: char('holding_unit_credit_code', { length: 18 }),
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
    districtCode: districtCodeColumn('district_code').notNull(),
    address: text('address').notNull(),
    registeredSince: dateColumn('registered_since').notNull(),
    householdId: text('household_id'),
    /** GB/T 4761-2008 family relationship code of the relation to the head (02 户主, 12 妻, 22 长子 …). */
    relationCode: char('relation_code', { length: 2 }),
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

/** Parent–child and guardian–child links, for everyone the registry knows (migrant families too). */
export const familyLink = registry.table(
  'family_link',
  {
    parentCitizenId: citizenIdColumn('parent_citizen_id').notNull(),
    childCitizenId: citizenIdColumn('child_citizen_id').notNull(),
    kind: familyLinkKind('kind').notNull(),
    since: dateColumn('since').notNull(),
  },
  (t) => [primaryKey({ columns: [t.childCitizenId, t.parentCitizenId] }), index('family_link_parent_idx').on(t.parentCitizenId)],
);

/** Every registration event of a person, numbered in order. */
export const registrationEvent = registry.table(
  'registration_event',
  {
    citizenId: citizenIdColumn().notNull(),
    seq: integer('seq').notNull(),
    kind: registrationEventKind('kind').notNull(),
    occurredOn: dateColumn('occurred_on').notNull(),
    /** Guangzhou districts left and entered (GB/T 2260). */
    fromDistrictCode: districtCodeColumn('from_district_code'),
    toDistrictCode: districtCodeColumn('to_district_code'),
    /** Settlements only. */
    channel: settlementChannel('channel'),
    /** The place outside Guangzhou a settlement came from or a move out went to (GB/T 2260). */
    outsideRegionCode: districtCodeColumn('outside_region_code'),
  },
  (t) => [primaryKey({ columns: [t.citizenId, t.seq] })],
);

/** Where a person actually lives when it is not the registered address (人户分离). */
export const actualResidence = registry.table('actual_residence', {
  citizenId: citizenIdColumn().primaryKey(),
  districtCode: districtCodeColumn('district_code').notNull(),
  street: text('street').notNull(),
  address: text('address').notNull(),
  since: dateColumn('since').notNull(),
  source: residenceSource('source').notNull(),
});

/** Public-order penalties decided by public security (治安管理处罚). Sensitive. */
export const administrativePenalty = registry.table(
  'administrative_penalty',
  {
    citizenId: citizenIdColumn().notNull(),
    seq: integer('seq').notNull(),
    kind: administrativePenaltyKind('kind').notNull(),
    decidedOn: dateColumn('decided_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.citizenId, t.seq] })],
);

/** Criminal punishments by final judgment, as the registry records them. Sensitive. */
export const criminalPunishment = registry.table(
  'criminal_punishment',
  {
    citizenId: citizenIdColumn().notNull(),
    seq: integer('seq').notNull(),
    kind: criminalPunishmentKind('kind').notNull(),
    sentencedOn: dateColumn('sentenced_on').notNull(),
    /** The last day of the punishment; null while it is being served. */
    completedOn: dateColumn('completed_on'),
  },
  (t) => [primaryKey({ columns: [t.citizenId, t.seq] })],
);

export type FamilyLinkRow = typeof familyLink.$inferSelect;
export type RegistrationEventRow = typeof registrationEvent.$inferSelect;
export type ActualResidenceRow = typeof actualResidence.$inferSelect;
export type AdministrativePenaltyRow = typeof administrativePenalty.$inferSelect;
export type CriminalPunishmentRow = typeof criminalPunishment.$inferSelect;
