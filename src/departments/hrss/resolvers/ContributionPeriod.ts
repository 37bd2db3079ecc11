import type { ContributionPeriodResolvers } from '../generated.js';
import { lastCountedMonth, monthsOfRun } from '../months.js';
import { todayUtc as today } from '../../../domain/today.js';

export const ContributionPeriod: ContributionPeriodResolvers = {
  fromMonth: ({ fromMonth }) => fromMonth.slice(0, 7),
  toMonth: ({ toMonth }) => toMonth?.slice(0, 7) ?? null,
  months: (period) => monthsOfRun(period, lastCountedMonth(today())),
};
