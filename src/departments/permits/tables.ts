import { sql } from 'drizzle-orm';
import { pgSchema, text, boolean, integer, index, primaryKey, unique, uniqueIndex, check, foreignKey } from 'drizzle-orm/pg-core';
import { citizenIdColumn, dateColumn, districtCodeColumn } from '../../db/columns.js';

/**
 * Migrant Population Service Bureau (市来穗人员服务管理局): residence registrations (居住登记),
 * residence permits (居住证) and their yearly endorsements (签注).
 *
 * What is stored is what the bureau records as acts: a registration, an issue, an endorsement, a
 * cancellation. Whether a permit is valid or lapsed on a day is not stored: it follows from those
 * acts and the day (validity.ts), and a stored "valid" would go stale the day after an unendorsed
 * year ran out, with nobody recording anything.
 */
export const permits = pgSchema('permits');

/** Why a permit was cancelled (注销). */
export const permitCancellationReason = permits.enum('permit_cancellation_reason', [
  /** The holder left the city (离开居住地) and the residence registration was closed. */
  'left_city',
  /** The holder settled here (落户广州): a Guangzhou hukou needs no permit. */
  'settled_in_city',
  'deceased',
  /** Obtained by deception (以欺骗等不正当手段取得). */
  'obtained_by_fraud',
]);

/**
 * Residence registration (居住登记), the declaration of where a migrant lives, on which a permit
 * rests. A person has one per stay: leaving the city closes it (`ended_on`), coming back opens a new one.
 */
export const residenceRegistration = permits.table(
  'residence_registration',
  {
    referenceNo: text('reference_no').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    registeredOn: dateColumn('registered_on').notNull(),
    districtCode: districtCodeColumn('district_code').notNull(),
    /** Street-level address as the bureau holds it. */
    address: text('address').notNull(),
    endedOn: dateColumn('ended_on'),
  },
  (t) => [
    index('residence_registration_citizen_idx').on(t.citizenId),
    // The target of the permits' (registration, holder) reference: a permit rests on its holder's own registration.
    unique('residence_registration_holder_key').on(t.referenceNo, t.citizenId),
    check('residence_registration_ends_after_start', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.registeredOn}`),
  ],
);

/**
 * One residence permit: one unbroken period of holding. A permit that lapsed (not endorsed in
 * time) and was taken up again is a new row whose `renews_permit_no` names the lapsed one, so the
 * renewals of a person form a chain, each link with its own endorsements, and the history is the
 * rows themselves (the points count holding periods, which are exactly these rows).
 */
export const residencePermit = permits.table(
  'residence_permit',
  {
    permitNo: text('permit_no').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    registrationNo: text('registration_no').notNull(),
    /** GB/T 2260 code of the district whose public security bureau issued it. */
    issuingDistrictCode: districtCodeColumn('issuing_district_code').notNull(),
    /** Valid for a year from this day; each endorsement adds the next year (validity.ts). */
    issuedOn: dateColumn('issued_on').notNull(),
    /** Applied for by a guardian (居住证暂行条例 Art. 9: under 16). */
    appliedByGuardian: boolean('applied_by_guardian').notNull(),
    cancelledOn: dateColumn('cancelled_on'),
    cancellationReason: permitCancellationReason('cancellation_reason'),
    renewsPermitNo: text('renews_permit_no'),
  },
  (t) => [
    index('residence_permit_citizen_idx').on(t.citizenId),
    unique('residence_permit_holder_key').on(t.permitNo, t.citizenId),
    // A permit is taken up again at most once: renewals form a chain, not a tree.
    uniqueIndex('residence_permit_renews_idx').on(t.renewsPermitNo),
    foreignKey({ name: 'residence_permit_registration_fk', columns: [t.registrationNo, t.citizenId], foreignColumns: [residenceRegistration.referenceNo, residenceRegistration.citizenId] }),
    foreignKey({ name: 'residence_permit_renews_fk', columns: [t.renewsPermitNo, t.citizenId], foreignColumns: [t.permitNo, t.citizenId] }),
    check('residence_permit_cancellation', sql`(${t.cancelledOn} is null) = (${t.cancellationReason} is null) and (${t.cancelledOn} is null or ${t.cancelledOn} >= ${t.issuedOn})`),
    check('residence_permit_renews_another', sql`${t.renewsPermitNo} <> ${t.permitNo}`),
  ],
);

/**
 * A yearly endorsement (签注): made within the month before a year of residence is complete, it
 * extends the permit by the next year of validity, numbered from the issue (the first endorsement
 * extends to year 2). The year's dates follow from the issue date (validity.ts); they are not
 * stored, because most of them lie ahead, and the record holds only what has happened.
 */
export const permitEndorsement = permits.table(
  'endorsement',
  {
    permitNo: text('permit_no').notNull(),
    /** The holder, as on the permit (kept here so a person's endorsements are read by citizen in one statement). */
    citizenId: citizenIdColumn().notNull(),
    endorsedOn: dateColumn('endorsed_on').notNull(),
    /** The year of validity it extends the permit to: 2 for the first endorsement, 3 for the next, … */
    validityYear: integer('validity_year').notNull(),
  },
  (t) => [
    primaryKey({ name: 'endorsement_pkey', columns: [t.permitNo, t.validityYear] }),
    index('endorsement_citizen_idx').on(t.citizenId),
    foreignKey({ name: 'endorsement_permit_fk', columns: [t.permitNo, t.citizenId], foreignColumns: [residencePermit.permitNo, residencePermit.citizenId] }),
    check('endorsement_extends_a_later_year', sql`${t.validityYear} >= 2`),
  ],
);

export type ResidenceRegistrationRow = typeof residenceRegistration.$inferSelect;
export type ResidencePermitRow = typeof residencePermit.$inferSelect;
export type PermitEndorsementRow = typeof permitEndorsement.$inferSelect;
