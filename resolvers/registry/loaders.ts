import { eq, getTableColumns } from 'drizzle-orm';
import { household, person, registration, type HouseholdRow } from '../../src/db/tables/registry.js';
import type { RowLoaders } from '../../src/subgraphs/row-loaders.js';

/** The registry's reads, each shared by the resolver that answers a field and any that prefetch it. */
export const personById = (rows: RowLoaders) => rows.one(person, person.citizenId);

export const registrationOf = (rows: RowLoaders) => rows.one(registration, registration.citizenId);

/**
 * A person's household found through their registration in one statement, so it can be read in
 * the same round trip as the person and the registration instead of after them.
 */
export const householdOf = (rows: RowLoaders) =>
  rows.oneBy<HouseholdRow & { memberCitizenId: string }>(
    'registry.household',
    (row) => row.memberCitizenId,
    (db, keyed) =>
      db
        .select({ ...getTableColumns(household), memberCitizenId: registration.citizenId })
        .from(household)
        .innerJoin(registration, eq(registration.householdId, household.householdId))
        .where(keyed(registration.citizenId)),
  );
