/**
 * Calendar arithmetic for the generator. Dates are whole days since 1970-01-01 (UTC) while people
 * are being built (cheap to compare and add) and ISO strings only in the rows, as the date columns
 * store them.
 */

export type Day = number;

const MS_PER_DAY = 86_400_000;

export function toDay(iso: string): Day {
  return Date.parse(iso) / MS_PER_DAY;
}

export function dayOf(year: number, month: number, dayOfMonth: number): Day {
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

/**
 * "Today" for the generated record. Fixed, never the clock, so the same seed gives the same rows on
 * any day; every generated date is on or before it.
 */
export const REFERENCE_DATE = '2026-11-01';
export const REFERENCE_DAY = toDay(REFERENCE_DATE);

/**
 * From here on there is only the unified "Guangzhou resident" registration (reform §6); the
 * agricultural / non-agricultural type survives only for people registered before it.
 */
export const UNIFIED_REGISTRATION_DAY = toDay('2015-01-01');

// Formatting is the hot path (tens of millions of dates for a million people); every date the
// generator makes falls in this window, so each string is built once.
const CACHE_FROM = toDay('1900-01-01');
const isoCache: string[] = [];

export function iso(day: Day): string {
  const slot = day - CACHE_FROM;
  const cached = isoCache[slot];
  if (cached !== undefined) return cached;
  const text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (slot >= 0 && slot < 60_000) isoCache[slot] = text;
  return text;
}

/**
 * Year, month (1–12) and day of a day number, by Howard Hinnant's civil-from-days algorithm: plain
 * integer arithmetic, because a Date object per conversion was a tenth of the generator's time.
 */
export function civil(day: Day): [year: number, month: number, dayOfMonth: number] {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function yearOf(day: Day): number {
  return civil(day)[0];
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The same calendar date `years` later (29 February falls on 1 March in common years). */
export function addYears(day: Day, years: number): Day {
  const [y, m, d] = civil(day);
  return m === 2 && d === 29 && !isLeap(y + years) ? dayOf(y + years, 3, 1) : dayOf(y + years, m, d);
}

/** The same day of the month `months` later, rolling over as Date does (31 January + 1 month = 3 March). */
export function addMonths(day: Day, months: number): Day {
  const [y, m, d] = civil(day);
  return dayOf(y, m + months, d);
}

/** Completed years of age on `day`. */
export function ageOn(birth: Day, day: Day): number {
  const [by, bm, bd] = civil(birth);
  const [y, m, d] = civil(day);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Completed months from `from` to `to` (0 when `to` is not later). */
export function monthsBetween(from: Day, to: Day): number {
  if (to <= from) return 0;
  const [fy, fm, fd] = civil(from);
  const [ty, tm, td] = civil(to);
  return Math.max(0, (ty - fy) * 12 + tm - fm - (td < fd ? 1 : 0));
}

export const clampDay = (day: Day, earliest: Day, latest: Day): Day => Math.min(Math.max(day, earliest), latest);
