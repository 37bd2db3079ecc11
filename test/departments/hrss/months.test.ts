import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insuranceTotals, monthOfDate, monthStart, ORIGINS, type Month } from '../../../src/departments/hrss/months.js';
import type { ContributionPeriodRow } from '../../../src/departments/hrss/tables.js';

const INSURANCES = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'] as const satisfies readonly ContributionPeriodRow['insurance'][];

function run(insurance: ContributionPeriodRow['insurance'], origin: ContributionPeriodRow['origin'], from: Month, to: Month | null): ContributionPeriodRow {
  return {
    periodId: 0, citizenId: '440106199001011235', insurance, origin, fromMonth: monthStart(from), toMonth: to === null ? null : monthStart(to),
    transferredFrom: null, recordedOn: null,
  } as ContributionPeriodRow;
}

/** The definition, month by month: what the span arithmetic must agree with. */
function byEveryMonth(periods: readonly ContributionPeriodRow[], last: Month) {
  const totals = new Map<string, { all: Set<Month>; origin: Map<string, Set<Month>>; paid: Month[] }>();
  for (const p of periods) {
    const entry = totals.get(p.insurance) ?? { all: new Set(), origin: new Map(ORIGINS.map((o) => [o, new Set<Month>()])), paid: [] };
    totals.set(p.insurance, entry);
    const to = Math.min(p.toMonth === null ? last : monthOfDate(p.toMonth), last);
    for (let m = monthOfDate(p.fromMonth); m <= to; m++) {
      entry.all.add(m);
      entry.origin.get(p.origin)!.add(m);
      if (p.origin !== 'transferred_in') entry.paid.push(m);
    }
  }
  return totals;
}

describe('insurance totals', () => {
  const jan2020 = monthOfDate('2020-01-01');

  it('count overlapping and repeated runs once, each origin apart, and only months up to the last counted', () => {
    const periods = [
      run('pension', 'paid_in_guangzhou', jan2020, jan2020 + 11),
      run('pension', 'paid_in_guangzhou', jan2020 + 6, jan2020 + 17), // overlaps the first by 6 months
      run('pension', 'transferred_in', jan2020 - 24, jan2020 - 1),
      run('pension', 'back_paid', jan2020 + 30, null), // open, counted to the last month
      run('medical', 'paid_in_guangzhou', jan2020 + 50, null), // starts after the last month: nothing
    ];
    const [pension, ...rest] = insuranceTotals(periods, jan2020 + 35);
    expect(pension).toEqual({ insurance: 'pension', months: 18 + 24 + 6, byOrigin: { paid_in_guangzhou: 18, transferred_in: 24, back_paid: 6 }, lastPaidMonth: jan2020 + 35 });
    expect(rest).toEqual([{ insurance: 'medical', months: 0, byOrigin: { paid_in_guangzhou: 0, transferred_in: 0, back_paid: 0 }, lastPaidMonth: null }]);
  });

  it('agree with counting month by month, for any runs (property)', () => {
    const aRun = fc
      .tuple(fc.constantFrom(...INSURANCES), fc.constantFrom(...ORIGINS), fc.integer({ min: 0, max: 400 }), fc.option(fc.integer({ min: -5, max: 200 })))
      .map(([insurance, origin, from, length]) => run(insurance, origin, jan2020 - 300 + from, length === null ? null : jan2020 - 300 + from + length));
    fc.assert(
      fc.property(fc.array(aRun, { maxLength: 12 }), fc.integer({ min: 0, max: 500 }), (periods, lastOffset) => {
        const last = jan2020 - 300 + lastOffset;
        const expected = byEveryMonth(periods, last);
        for (const totals of insuranceTotals(periods, last)) {
          const e = expected.get(totals.insurance)!;
          expect(totals.months).toBe(e.all.size);
          for (const origin of ORIGINS) expect(totals.byOrigin[origin]).toBe(e.origin.get(origin)!.size);
          expect(totals.lastPaidMonth).toBe(e.paid.length > 0 ? Math.max(...e.paid) : null);
        }
      }),
      { numRuns: 300 },
    );
  });
});
