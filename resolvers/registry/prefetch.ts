import type { GraphQLResolveInfo } from 'graphql';
import type { RowLoaders } from '../../src/subgraphs/row-loaders.js';
import { prefetch, Selection } from '../../src/subgraphs/selection.js';
import { householdOf, registrationOf } from './loaders.js';

/**
 * Starts reading what the caller selected under a Person (registration and its household) while
 * the person row itself is being read: one round trip for the registry instead of three.
 */
export function prefetchPersons(info: GraphQLResolveInfo, rows: RowLoaders, citizenIds: readonly string[]): void {
  const selection = Selection.of(info);
  if (!selection.has('registration')) return;
  const withHousehold = selection.child('registration').has('household');
  for (const citizenId of citizenIds) {
    prefetch(() => registrationOf(rows).load(citizenId));
    if (withHousehold) prefetch(() => householdOf(rows).load(citizenId));
  }
}
