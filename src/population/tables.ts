import * as education from '../db/tables/education.js';
import * as health from '../db/tables/health.js';
import * as housing from '../db/tables/housing.js';
import * as hrss from '../db/tables/hrss.js';
import * as registry from '../db/tables/registry.js';
import * as tax from '../db/tables/tax.js';

/**
 * The tables the generator fills, by the name batches use for them. Rows are the drizzle insert
 * types, so a column added to a table shows up here as a type error until the generator fills it.
 */
export const POPULATION_TABLES = {
  person: registry.person,
  household: registry.household,
  registration: registry.registration,
  learner: education.learner,
  enrolment: education.enrolment,
  healthRecord: health.healthRecord,
  condition: health.condition,
  vaccination: health.vaccination,
  familyPlanning: health.familyPlanning,
  taxpayer: tax.taxpayer,
  annualReturn: tax.annualReturn,
  employment: hrss.employment,
  insuranceContribution: hrss.insuranceContribution,
  skillCertificate: hrss.skillCertificate,
  trainingVoucher: hrss.trainingVoucher,
  dwelling: housing.dwelling,
  publicHousing: housing.publicHousing,
  providentFund: housing.providentFund,
} as const;

export type PopulationTable = keyof typeof POPULATION_TABLES;

export type PopulationRows = {
  [K in PopulationTable]: Array<(typeof POPULATION_TABLES)[K]['$inferInsert']>;
};

export const POPULATION_TABLE_NAMES = Object.keys(POPULATION_TABLES) as PopulationTable[];

export function emptyRows(): PopulationRows {
  return Object.fromEntries(POPULATION_TABLE_NAMES.map((name) => [name, []])) as unknown as PopulationRows;
}

type Insert<K extends PopulationTable> = PopulationRows[K][number];
export type EducationLevel = Insert<'learner'>['highestLevel'];
export type SchoolStage = Insert<'enrolment'>['stage'];
export type Tenure = Insert<'dwelling'>['tenure'];
export type ChronicCondition = Insert<'condition'>['condition'];
export type FamilyPlanningService = Insert<'familyPlanning'>['service'];
export type SocialInsurance = Insert<'insuranceContribution'>['insurance'];
