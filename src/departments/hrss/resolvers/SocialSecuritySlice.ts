import { asc } from 'drizzle-orm';
import type { SocialSecuritySliceResolvers } from '../generated.js';
import { employment, insuranceContribution, skillCertificate, trainingVoucher } from '../tables.js';
import type { SubgraphContext } from '../../../subgraphs/context.js';

const employmentsOf = (citizenId: string, { rows }: SubgraphContext) =>
  rows.many(employment, employment.citizenId, asc(employment.since)).load(citizenId);

export const SocialSecuritySlice: SocialSecuritySliceResolvers = {
  employments: ({ citizenId }, _args, context) => employmentsOf(citizenId, context),
  currentEmployment: async ({ citizenId }, _args, context) =>
    (await employmentsOf(citizenId, context)).findLast((e) => e.until === null) ?? null,
  insuranceContributions: ({ citizenId }, _args, { rows }) =>
    rows.many(insuranceContribution, insuranceContribution.citizenId, asc(insuranceContribution.insurance)).load(citizenId),
  skillCertificates: ({ citizenId }, _args, { rows }) =>
    rows.many(skillCertificate, skillCertificate.citizenId, asc(skillCertificate.issuedOn)).load(citizenId),
  trainingVouchers: ({ citizenId }, _args, { rows }) =>
    rows.many(trainingVoucher, trainingVoucher.citizenId, asc(trainingVoucher.issuedOn)).load(citizenId),
};
