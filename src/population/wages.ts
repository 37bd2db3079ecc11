import { dayOf, REFERENCE_DAY, yearOf } from './dates.js';
import type { Job } from './model.js';

/** Pay in the synthetic city: what work, tax and housing all measure against. */

/** The last complete tax year on the reference date, and the two before it. */
export const TAX_YEARS = [yearOf(REFERENCE_DAY) - 3, yearOf(REFERENCE_DAY) - 2, yearOf(REFERENCE_DAY) - 1] as const;
export const LAST_TAX_YEAR = TAX_YEARS[2];

/** Guangzhou's monthly minimum wage (2025): the floor of any full-time income and contribution base. */
export const MINIMUM_MONTHLY_WAGE = 2_500;
/** The contribution base is capped at three times the city's average wage (about ¥38,000 a month). */
export const MAXIMUM_MONTHLY_BASE = 38_000;

/** Months of `job` that fall in calendar year `year`. */
export function monthsIn(job: Job, year: number): number {
  const from = Math.max(job.since, dayOf(year, 1, 1));
  const to = Math.min(job.until ?? REFERENCE_DAY, dayOf(year + 1, 1, 1));
  return to <= from ? 0 : Math.min(12, Math.round((to - from) / 30.44));
}
