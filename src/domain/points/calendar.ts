/**
 * Dates as the points rules count them. The arithmetic is the generator's (src/population/dates.ts,
 * pure); what is added here is strict reading — `Date.parse('2024-02-30')` is 1 March, so a
 * malformed date from a department would otherwise shift a result silently — and the few counting
 * conventions every indicator shares, so that no two indicators count a year differently.
 */
import { addYears, ageOn, civil, dayOf, monthsBetween, toDay, yearOf, type Day } from '../../population/dates.js';
import type { IsoDate, IsoMonth } from './types.js';

export type { Day };
export { ageOn, yearOf };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether `text` is a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(text: unknown): text is IsoDate {
  if (typeof text !== 'string') return false;
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [y, m, d] = civil(dayOf(year, month, day));
  return y === year && m === month && d === day;
}

/**
 * The day number of a date a department gave us. Throws on anything else; the message names the
 * field, not the value (the value may be a birth date).
 */
export function dayOfDate(text: IsoDate, what: string): Day {
  if (!isIsoDate(text)) throw new RangeError(`${what} must be a calendar date written YYYY-MM-DD`);
  return toDay(text);
}

/** The as-of date of a question, read once: every indicator of one answer counts to the same day. */
export interface AsOf {
  iso: IsoDate;
  day: Day;
  year: number;
}

export function asOfDate(iso: IsoDate): AsOf {
  const day = dayOfDate(iso, 'asOf');
  return { iso, day, year: civil(day)[0] };
}

/** Months since year 0 for a 'YYYY-MM' month, so months compare and count as integers. */
export function monthIndex(text: IsoMonth, what: string): number {
  const match = ISO_MONTH.exec(text);
  if (!match) throw new RangeError(`${what} must be a month written YYYY-MM`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

/**
 * The last month that counts on `asOf`: contributions are paid by the month and a month counts
 * once it is over, so on 2024-07-01 the months up to June 2024 count, and on 2024-06-30 only up
 * to May. (Chosen so that "4 years" is reached on the first day after the 48th month.)
 */
export function lastCountedMonth(asOf: AsOf): number {
  const [year, month] = civil(asOf.day);
  return year * 12 + month - 2;
}

/**
 * "In the last N years" (blood donations, deductions, criminal punishment): a date counts when it
 * is after the same calendar day N years before `asOf` and not after `asOf`. A date exactly N years
 * back is outside: N full years have passed since it.
 */
export function withinLastYears(date: Day, asOf: AsOf, years: number): boolean {
  return date > addYears(asOf.day, -years) && date <= asOf.day;
}

/** A span of days, `from` inclusive and `until` exclusive. */
export interface Span {
  from: Day;
  until: Day;
}

/** The day after an inclusive last day (a permit valid until 28 Feb is held up to 1 March). */
export const dayAfter = (day: Day): Day => day + 1;

/**
 * Completed months covered by spans, counted up to `asOf`: spans are clipped to it and merged
 * first, so two overlapping records of the same fact never count twice. Whole years are
 * `Math.floor(months / 12)`: a year counts when it is complete, across gaps too (the rules say
 * "per year held", not "per year without a break").
 */
export function monthsCovered(spans: readonly Span[], asOf: AsOf): number {
  const clipped = spans
    .map(({ from, until }) => ({ from, until: Math.min(until, asOf.day) }))
    .filter(({ from, until }) => until > from)
    .sort((a, b) => a.from - b.from);
  let months = 0;
  let current: Span | null = null;
  for (const span of clipped) {
    if (current && span.from <= current.until) current.until = Math.max(current.until, span.until);
    else {
      if (current) months += monthsBetween(current.from, current.until);
      current = { ...span };
    }
  }
  if (current) months += monthsBetween(current.from, current.until);
  return months;
}

export const wholeYears = (months: number): number => Math.floor(months / 12);

/** A run of contribution months, both ends inclusive; `toMonth` null = still contributing. */
export interface MonthRun {
  fromMonth: IsoMonth;
  toMonth: IsoMonth | null;
}

/**
 * Distinct months the runs cover that count on `asOf` (see lastCountedMonth). Distinct, because a
 * month reported twice (a correction, a second employer) is still one month of contribution.
 */
export function monthsPaid(runs: readonly MonthRun[], asOf: AsOf, what: string): number {
  const last = lastCountedMonth(asOf);
  return distinctMonths(
    runs.map((run): MonthSpan => [monthIndex(run.fromMonth, `${what} fromMonth`), Math.min(run.toMonth === null ? last : monthIndex(run.toMonth, `${what} toMonth`), last)]),
  );
}

/** A run's first and last month as month indexes (year × 12 + month − 1), both included. */
export type MonthSpan = readonly [from: number, to: number];

/**
 * Distinct months the spans cover: overlapping or repeated spans count once, an empty span (ending
 * before it starts) not at all. Counted on the spans, never month by month: a 1000-person view
 * counts decades of runs per person.
 */
export function distinctMonths(spans: readonly MonthSpan[]): number {
  let months = 0;
  let coveredTo = -Infinity;
  for (const [from, to] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (to < from) continue;
    if (to > coveredTo) months += to - Math.max(from, coveredTo + 1) + 1;
    coveredTo = Math.max(coveredTo, to);
  }
  return months;
}
