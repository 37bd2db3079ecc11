import type { PersonResolvers } from '../generated.js';
import { prefetch, Selection } from '../../../subgraphs/selection.js';
import type { RowLoaders } from '../../../subgraphs/row-loaders.js';
import { guangzhouToday, statusOn, validUntilOf } from '../validity.js';
import { endorsementsOf, ownEndorsements, permitsOf, registrationsOf } from './loaders.js';

/** Reads what the selected permit fields need beside the permits themselves, not after them (see Selection). */
function prefetchBelow(selection: Selection, rows: RowLoaders, citizenId: string): void {
  if (selection.has('endorsements') || selection.has('validUntil') || selection.has('status')) prefetch(() => endorsementsOf(rows).load(citizenId));
  if (selection.has('residenceRegistration')) prefetch(() => registrationsOf(rows).load(citizenId));
}

export const Person: PersonResolvers = {
  // Existence is the registry's business; here a reference is only a key to read permits by.
  __resolveReference: ({ citizenId }) => ({ citizenId }),
  residencePermits: ({ citizenId }, _args, { rows }, info) => {
    prefetchBelow(Selection.of(info), rows, citizenId);
    return permitsOf(rows).load(citizenId);
  },
  residencePermit: async ({ citizenId }, _args, { rows }, info) => {
    prefetchBelow(Selection.of(info), rows, citizenId);
    return (await permitsOf(rows).load(citizenId)).at(-1) ?? null;
  },
  // Computed here, where the permits are, so a caller granted only this answer never receives a date or number.
  holdsValidResidencePermit: async ({ citizenId }, _args, { rows }) => {
    const [permits, endorsements, registrations] = await Promise.all([
      permitsOf(rows).load(citizenId),
      endorsementsOf(rows).load(citizenId),
      registrationsOf(rows).load(citizenId),
    ]);
    const today = guangzhouToday();
    const valid = permits.some((permit) => statusOn(permit, validUntilOf(permit, ownEndorsements(permit, endorsements)), today) === 'VALID');
    if (valid) return true;
    return permits.length > 0 || registrations.length > 0 ? false : null;
  },
};
