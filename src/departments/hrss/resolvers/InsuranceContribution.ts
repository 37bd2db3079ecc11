import { dayOf, iso } from '../../../population/dates.js';
import type { InsuranceContributionResolvers } from '../generated.js';

export const InsuranceContribution: InsuranceContributionResolvers = {
  monthsPaidInGuangzhou: ({ byOrigin }) => byOrigin.paid_in_guangzhou,
  monthsTransferredIn: ({ byOrigin }) => byOrigin.transferred_in,
  monthsBackPaid: ({ byOrigin }) => byOrigin.back_paid,
  // The last day of the month: day 0 of the next one.
  lastPaidOn: ({ lastPaidMonth }) => (lastPaidMonth === null ? null : iso(dayOf(Math.floor(lastPaidMonth / 12), (lastPaidMonth % 12) + 2, 0))),
};
