import type { SocialSecuritySliceResolvers } from '../generated.js';
import { socialInsurance } from '../tables.js';
import { insuranceTotals, lastCountedMonth } from '../months.js';
import { contributionPeriodsOf, employmentsOf, professionalTitlesOf, skillCertificatesOf, trainingVouchersOf } from './loaders.js';
import { todayUtc as today } from '../../../domain/today.js';

const INSURANCE_ORDER = socialInsurance.enumValues;

export const SocialSecuritySlice: SocialSecuritySliceResolvers = {
  employments: ({ citizenId }, _args, { rows }) => employmentsOf(rows).load(citizenId),
  currentEmployment: async ({ citizenId }, _args, { rows }) => (await employmentsOf(rows).load(citizenId)).findLast((e) => e.until === null) ?? null,
  // Totals are counted from the runs, so they can never disagree with them.
  insuranceContributions: async ({ citizenId }, _args, { rows }) =>
    insuranceTotals(await contributionPeriodsOf(rows).load(citizenId), lastCountedMonth(today())).sort(
      (a, b) => INSURANCE_ORDER.indexOf(a.insurance) - INSURANCE_ORDER.indexOf(b.insurance),
    ),
  contributionPeriods: ({ citizenId }, _args, { rows }) => contributionPeriodsOf(rows).load(citizenId),
  professionalTitles: ({ citizenId }, _args, { rows }) => professionalTitlesOf(rows).load(citizenId),
  skillCertificates: ({ citizenId }, _args, { rows }) => skillCertificatesOf(rows).load(citizenId),
  trainingVouchers: ({ citizenId }, _args, { rows }) => trainingVouchersOf(rows).load(citizenId),
};
