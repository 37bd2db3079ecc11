import type { PersonResolvers } from '../../src/generated/health.js';
import { healthRecord } from '../../src/db/tables/health.js';

export const Person: PersonResolvers = {
  __resolveReference: ({ citizenId }) => ({ citizenId }),
  health: ({ citizenId }, _args, { rows }) => rows.one(healthRecord, healthRecord.citizenId).load(citizenId),
};
