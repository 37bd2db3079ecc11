import type { PersonResolvers } from '../../src/generated/tax.js';
import { taxpayer } from '../../src/db/tables/tax.js';

export const Person: PersonResolvers = {
  __resolveReference: ({ citizenId }) => ({ citizenId }),
  tax: ({ citizenId }, _args, { rows }) => rows.one(taxpayer, taxpayer.citizenId).load(citizenId),
};
