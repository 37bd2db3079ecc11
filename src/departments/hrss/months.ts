import { civil, type Day } from '../../population/dates.js';
import { distinctMonths, type MonthSpan } from '../../domain/points/calendar.js';
import type { ContributionPeriodRow } from './tables.js';

/**
 * Contribution months. A month is an integer (year × 12 + month − 1) while counting, and the first
 * day of the month ('2024-07-01') in the table's date columns.
 */
export type Month = number;

export const monthOfDay = (day: Day): Month => {
  const [year, month] = civil(day);
  return year * 12 + month - 1;
};

/** The month a stored 'YYYY-MM-DD' falls in. */
export const monthOfDate = (date: string): Month => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/** The first day of `month`, as stored. */
export const monthStart = (month: Month): string => `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;

/**
 * The last month that counts on `date` ('YYYY-MM-DD'): a month counts once it is over, so on
 * 2024-07-01 the months up to June 2024 count (the points engine counts the same way,
 * src/domain/points/calendar.ts). An open run counts up to it.
 */
export const lastCountedMonth = (date: string): Month => monthOfDate(date) - 1;

/** Months of a run that count when the last counted month is `last` (0 for a run that starts later). */
export function monthsOfRun(run: Pick<ContributionPeriodRow, 'fromMonth' | 'toMonth'>, last: Month): number {
  const to = Math.min(run.toMonth === null ? last : monthOfDate(run.toMonth), last);
  return Math.max(0, to - monthOfDate(run.fromMonth) + 1);
}

export const ORIGINS = ['paid_in_guangzhou', 'transferred_in', 'back_paid'] as const satisfies readonly ContributionPeriodRow['origin'][];

export interface InsuranceTotals {
  insurance: ContributionPeriodRow['insurance'];
  /** Distinct months, whatever their origin. */
  months: number;
  byOrigin: Record<ContributionPeriodRow['origin'], number>;
  /** The latest month paid for here (in Guangzhou or back-paid), or null. */
  lastPaidMonth: Month | null;
}

/**
 * Per insurance, the months of a person's runs that count when `last` is the last counted month,
 * split by origin. Months are distinct: a month reported twice is still one month; a month is
 * counted under each origin that reports it (the generator never reports one twice). Counted on
 * the runs' spans, never month by month: a 1000-person view has decades of runs per person.
 */
export function insuranceTotals(periods: readonly ContributionPeriodRow[], last: Month): InsuranceTotals[] {
  const byInsurance = new Map<ContributionPeriodRow['insurance'], { all: MonthSpan[]; byOrigin: Record<ContributionPeriodRow['origin'], MonthSpan[]> }>();
  for (const period of periods) {
    let entry = byInsurance.get(period.insurance);
    if (!entry) {
      entry = { all: [], byOrigin: { paid_in_guangzhou: [], transferred_in: [], back_paid: [] } };
      byInsurance.set(period.insurance, entry);
    }
    const span: MonthSpan = [monthOfDate(period.fromMonth), Math.min(period.toMonth === null ? last : monthOfDate(period.toMonth), last)];
    if (span[1] < span[0]) continue;
    entry.all.push(span);
    entry.byOrigin[period.origin].push(span);
  }
  return [...byInsurance].map(([insurance, { all, byOrigin }]) => {
    const paidHere = [...byOrigin.paid_in_guangzhou, ...byOrigin.back_paid];
    return {
      insurance,
      months: distinctMonths(all),
      byOrigin: { paid_in_guangzhou: distinctMonths(byOrigin.paid_in_guangzhou), transferred_in: distinctMonths(byOrigin.transferred_in), back_paid: distinctMonths(byOrigin.back_paid) },
      lastPaidMonth: paidHere.length > 0 ? paidHere.reduce((latest, [, to]) => Math.max(latest, to), -Infinity) : null,
    };
  });
}

