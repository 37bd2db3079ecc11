import type { Day } from './dates.js';
import type { ActualResidence, HistoricalHukouType, Relation, RelationCode, RegistrationStep } from './households.js';
import type { Sex } from './identity.js';
import type { District, HomeRegion } from './places.js';
import type { Employer, JobTier } from './employers.js';
import type { EducationLevel } from '../domain/points/vocabulary.js';

/** Highest level of education completed: the education department's `education_level` values. */
export type { EducationLevel };

/**
 * Facts about one generated person that more than one slice needs. Rows are written from these;
 * each slice adds what it decided (schooling, work) for the slices after it.
 */
export interface Individual {
  /** Position in the whole population, 0-based: stable across batch sizes. */
  index: number;
  citizenId: string;
  name: string;
  ethnicity: string;
  sex: Sex;
  birth: Day;
  /** Completed years on the reference date. */
  age: number;
  migrant: boolean;
  origin: HomeRegion | null;
  /** Guangzhou district of the current registration (hukou for residents, residence registration for migrants). */
  district: District;
  /**
   * Start of the person's first registration here: birth or settlement for residents (however
   * often they moved since), residence registration (居住登记) for migrants.
   */
  registeredSince: Day;
  /** Relation to the head of household, as the group of its GB/T 4761 code (`relationCode`), parents told apart by sex. */
  relation: Relation | null;
  /** GB/T 4761-2008 code of the relation to the head (02 户主, 12 妻, 22 长子, 41 孙子 …); null outside a family household. */
  relationCode: RelationCode | null;
  mother: Individual | null;
  father: Individual | null;
  /** A guardian other than the parents, for a minor living without them (the grandparent who is head, say). */
  guardian: Individual | null;
  /** Every registration event in Guangzhou, oldest first (birth, settlement, moves, residence registration). */
  registrationHistory: readonly RegistrationStep[];
  /** The pre-reform hukou type of a person first registered here before 2015 (§6), whatever happened since; null otherwise. */
  historicalHukouType: HistoricalHukouType | null;
  /** Where the person actually lives when it is not the registration address (人户分离); null when they live there. */
  actualResidence: ActualResidence | null;
  /** Why the person is in Guangzhou, which shapes schooling and work. */
  profile: 'native' | 'settler' | 'talent' | 'migrant';
  schooling: SchoolingFacts;
  work: WorkFacts;
}

export interface SchoolingFacts {
  level: EducationLevel | null;
  /** In full-time education now (school or university): not working. */
  student: boolean;
  /** When the person left full-time education, or would: the earliest a career can start. */
  careerStart: Day;
}

export interface Job {
  employer: Employer;
  occupation: string;
  tier: JobTier;
  since: Day;
  until: Day | null;
  /** Paid into social insurance and (mostly) the housing provident fund. */
  formal: boolean;
}

export interface WorkFacts {
  /** Every job on record in Guangzhou, oldest first; the current one has `until` null. */
  jobs: Job[];
  /** Wage income in the last full tax year, in yuan; 0 without a job. */
  income: number;
  /** The last job's yearly wage at last-tax-year levels, in yuan, whether or not it goes on: what tax returns are made from. */
  wage: number;
  retired: boolean;
  /** Employee social insurance on record (months > 0 for at least pension). */
  insured: boolean;
}

export const NOT_WORKING: WorkFacts = Object.freeze({ jobs: [], income: 0, wage: 0, retired: false, insured: false });
