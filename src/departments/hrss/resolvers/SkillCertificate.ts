import type { SkillCertificateResolvers } from '../generated.js';
import { worksInTradeOf } from '../occupations.js';
import { currentOccupationOf } from './loaders.js';

export const SkillCertificate: SkillCertificateResolvers = {
  // Read against the current job, so it is as true today as the employment record.
  worksInThatTrade: async ({ citizenId, title }, _args, { rows }) => worksInTradeOf(title, await currentOccupationOf(rows, citizenId)),
};
