import type { Day } from './dates.js';
import type { Relation } from './households.js';
import type { Sex } from './identity.js';
import type { District, HomeRegion } from './places.js';
import type { Employer, JobTier } from './employers.js';

/**
 * Facts about one generated person that more than one slice needs. Rows are written from these;
 * each slice adds what it decided (schooling, work) for the slices after it.
 */
/** Highest level of education completed (the education department's `education_level`). */
export type EducationLevel =
  | 'none'
  | 'primary'
  | 'junior_secondary'
  | 'senior_secondary'
  | 'secondary_vocational'
  | 'associate'
  | 'bachelor'
  | 'master'
  | 'doctorate';

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
  district: District;
  registeredSince: Day;
  relation: Relation | null;
  mother: Individual | null;
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
