import { sql } from 'drizzle-orm';
import { pgSchema, text, integer, serial, index, boolean, check } from 'drizzle-orm/pg-core';
import { citizenIdColumn, dateColumn } from '../../db/columns.js';

/**
 * Health and Family Planning Commission (市卫生计生委). Health data is sensitive personal
 * information (PIPL Art. 28).
 */
export const health = pgSchema('health');

export const insuranceScheme = health.enum('insurance_scheme', ['employee_basic', 'urban_rural_resident', 'none']);

export const chronicCondition = health.enum('chronic_condition', [
  'hypertension',
  'type2_diabetes',
  'coronary_heart_disease',
  'copd',
  'chronic_kidney_disease',
  'severe_mental_disorder',
  'tuberculosis',
]);

export const familyPlanningServiceKind = health.enum('family_planning_service_kind', [
  'prenatal_care',
  'birth_registration',
  'postnatal_visit',
  'contraception_counselling',
  'fertility_consultation',
]);

export const healthRecord = health.table('health_record', {
  citizenId: citizenIdColumn().primaryKey(),
  communityHealthCentre: text('community_health_centre').notNull(),
  registeredOn: dateColumn('registered_on').notNull(),
  insuranceScheme: insuranceScheme('insurance_scheme').notNull(),
  familyDoctorContract: boolean('family_doctor_contract').notNull(),
});

export const condition = health.table(
  'condition',
  {
    conditionId: serial('condition_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    condition: chronicCondition('condition').notNull(),
    diagnosedOn: dateColumn('diagnosed_on').notNull(),
  },
  (t) => [index('condition_citizen_idx').on(t.citizenId)],
);

export const vaccination = health.table(
  'vaccination',
  {
    vaccinationId: serial('vaccination_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    vaccine: text('vaccine').notNull(),
    dose: integer('dose').notNull(),
    administeredOn: dateColumn('administered_on').notNull(),
  },
  (t) => [index('vaccination_citizen_idx').on(t.citizenId)],
);

export const familyPlanning = health.table(
  'family_planning',
  {
    serviceId: serial('service_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    service: familyPlanningServiceKind('service').notNull(),
    providedOn: dateColumn('provided_on').notNull(),
  },
  (t) => [index('family_planning_citizen_idx').on(t.citizenId)],
);

/**
 * Voluntary blood donations (无偿献血) recorded by the city's blood centre: whole blood, 200 to 400 ml
 * a time (Blood Donation Law Art. 9). A donation tells about the donor's health, so it is as
 * sensitive as the rest of the slice.
 */
export const bloodDonation = health.table(
  'blood_donation',
  {
    donationId: serial('donation_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    donatedOn: dateColumn('donated_on').notNull(),
    volumeMl: integer('volume_ml').notNull(),
  },
  (t) => [index('blood_donation_citizen_idx').on(t.citizenId), check('blood_donation_volume_ml', sql`${t.volumeMl} between 200 and 400`)],
);

export type HealthRecordRow = typeof healthRecord.$inferSelect;
export type ConditionRow = typeof condition.$inferSelect;
export type VaccinationRow = typeof vaccination.$inferSelect;
export type FamilyPlanningRow = typeof familyPlanning.$inferSelect;
export type BloodDonationRow = typeof bloodDonation.$inferSelect;
