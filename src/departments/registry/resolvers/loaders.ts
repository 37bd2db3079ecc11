import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { household, person, registration, type HouseholdRow, type PersonRow } from '../tables.js';
import type { RowScope, SubgraphContext } from '../../../subgraphs/context.js';
import type { RowLoaders } from '../../../subgraphs/row-loaders.js';

/** The registry's reads, each shared by the resolver that answers a field and any that prefetch it. */

/**
 * People by citizen ID: everyone, or, when the caller's grant has a row scope, only those
 * registered in its district. The scope is part of the statement, so no row outside it is read;
 * and since the registry alone answers whether a person exists, no other department is asked
 * about anyone outside it either.
 */
export const personById = ({ rows, caller }: Pick<SubgraphContext, 'rows' | 'caller'>) =>
  caller?.rowScope ? personInScope(rows, caller.rowScope) : rows.one(person, person.citizenId);

const personInScope = (rows: RowLoaders, scope: RowScope) =>
  rows.oneBy<PersonRow>(
    'registry.person (registration district scope)',
    (row) => row.citizenId,
    (db, keyed) =>
      db
        .select(getTableColumns(person))
        .from(person)
        .innerJoin(registration, eq(registration.citizenId, person.citizenId))
        .where(and(keyed(person.citizenId), eq(registration.districtCode, sql.placeholder('district')))),
    { district: scope.registrationDistrict },
  );

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
