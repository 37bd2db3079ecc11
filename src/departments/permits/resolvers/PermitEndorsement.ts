import type { PermitEndorsementResolvers } from '../generated.js';

export const PermitEndorsement: PermitEndorsementResolvers = {
  validFrom: ({ periodFrom }) => periodFrom,
  validUntil: ({ periodUntil }) => periodUntil,
};
