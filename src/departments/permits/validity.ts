import { addYears, iso, toDay } from '../../population/dates.js';
import { todayAt } from '../../domain/today.js';

/**
 * When a residence permit is valid. The bureau records acts (issue, endorsements, cancellation);
 * the dates of validity and the status on a day follow from them, so they are computed on read and
 * never stored (a stored "valid" would still say so the day after an unendorsed year ran out, and a
 * stored end of validity would be a date that has not happened).
 *
 * 居住证暂行条例 Art. 10: a permit is endorsed once a year, within the month before each year of
 * residence is complete; unendorsed, it stops working (使用功能中止), and a late endorsement counts
 * residence years afresh from that day, which this record keeps as a new permit renewing the lapsed one.
 */

/** The status enum of the SDL. */
export type PermitStatus = 'VALID' | 'LAPSED' | 'CANCELLED';

export interface PermitDates {
  issuedOn: string;
  cancelledOn: string | null;
}

export interface EndorsementRecord {
  endorsedOn: string;
  /** The year of validity it extends the permit to (2 for the first endorsement). */
  validityYear: number;
}

/** An endorsement with the year it extends the permit by (both days inclusive). */
export interface EndorsedYear {
  endorsedOn: string;
  validFrom: string;
  validUntil: string;
}

/**
 * Year `n` of a permit's validity (1 = the year from issue): from the (n−1)th anniversary of the
 * issue to the day before the nth (29 February's anniversaries fall on 1 March in common years).
 */
export function validityYear(issuedOn: string, n: number): { validFrom: string; validUntil: string } {
  const issued = toDay(issuedOn);
  return { validFrom: iso(addYears(issued, n - 1)), validUntil: iso(addYears(issued, n) - 1) };
}

/** The permit's endorsements with the years they extend it by, in year order. */
export function endorsedYears(permit: PermitDates, endorsements: readonly EndorsementRecord[]): EndorsedYear[] {
  return [...endorsements]
    .sort((a, b) => a.validityYear - b.validityYear)
    .map(({ endorsedOn, validityYear: n }) => ({ endorsedOn, ...validityYear(permit.issuedOn, n) }));
}

/**
 * The last valid day of the permit's unbroken validity: the end of the first year, or of the last
 * year endorsed without a gap from it (an endorsement is made before the year it extends by, so the
 * record has no gap; were there one, the years after it would not count).
 */
export function validUntilOf(permit: PermitDates, endorsements: readonly EndorsementRecord[]): string {
  const years = new Set(endorsements.map((e) => e.validityYear));
  let last = 1;
  while (years.has(last + 1)) last++;
  return validityYear(permit.issuedOn, last).validUntil;
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
export const guangzhouToday = (): string => todayAt(8);
