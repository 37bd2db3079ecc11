import type { PersonResolvers } from '../generated.js';
import { isActive } from '../records.js';
import { poorCreditRecordsOf } from './loaders.js';

export const Person: PersonResolvers = {
  // Existence is the registry's business; here a reference is only a key to read records by.
  __resolveReference: ({ citizenId }) => ({ citizenId }),
  creditRecords: ({ citizenId }, _args, { rows }) => poorCreditRecordsOf(rows).load(citizenId),
  // Computed here, where the records live, so a caller granted only the yes/no never receives them
  // (nor learns that a removed record exists: "no" is the same answer for both).
  hasActivePoorCreditRecord: async ({ citizenId }, _args, { rows }) => (await poorCreditRecordsOf(rows).load(citizenId)).some(isActive),
};
