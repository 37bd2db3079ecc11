import { iso, toDay } from '../../population/dates.js';

/**
 * When a residence permit is valid. The bureau records acts (issue, endorsements, cancellation);
 * validity on a day follows from them, so it is computed on read and never stored (a stored
 * "valid" would still say so the day after an unendorsed year ran out).
 *
 * 居住证暂行条例 Art. 10: a permit is endorsed once a year, within the month before each year of
 * residence is complete; unendorsed, it stops working (使用功能中止), and a late endorsement counts
 * residence years afresh from that day, which this record keeps as a new permit renewing the lapsed one.
 */

/** The status enum of the SDL. */
export type PermitStatus = 'VALID' | 'LAPSED' | 'CANCELLED';

export interface PermitDates {
  issuedOn: string;
  /** Last valid day of the first year. */
  firstValidUntil: string;
  cancelledOn: string | null;
}

export interface EndorsedPeriod {
  periodFrom: string;
  periodUntil: string;
}

const nextDay = (date: string) => iso(toDay(date) + 1);

/**
 * The last valid day of the permit's unbroken validity from its issue: the first year, then every
 * endorsed year that follows on without a gap. (Endorsements are made before the year they extend
 * by, so a gap cannot occur in the record; were one there, the years after it would not count.)
 */
export function validUntilOf(permit: PermitDates, endorsements: readonly EndorsedPeriod[]): string {
  let until = permit.firstValidUntil;
  for (const period of [...endorsements].sort((a, b) => a.periodFrom.localeCompare(b.periodFrom))) {
    if (period.periodFrom > nextDay(until)) break;
    if (period.periodUntil > until) until = period.periodUntil;
  }
  return until;
}

/**
 * The permit's status on `day` (YYYY-MM-DD), or `null` before it was issued. A cancelled permit is
 * not valid from the day of its cancellation on.
 */
export function statusOn(permit: PermitDates, validUntil: string, day: string): PermitStatus | null {
  if (day < permit.issuedOn) return null;
  if (permit.cancelledOn !== null && permit.cancelledOn <= day) return 'CANCELLED';
  return day <= validUntil ? 'VALID' : 'LAPSED';
}

/** Guangzhou's calendar date now: China Standard Time is UTC+8 all year (no daylight saving since 1991). */
export function guangzhouToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
