import type { GraphQLResolveInfo } from 'graphql';
import type { SubgraphContext } from '../../../subgraphs/context.js';
import { prefetch, Selection } from '../../../subgraphs/selection.js';
import { householdOf, registrationOf } from './loaders.js';

/**
 * Starts reading what the caller selected under a Person (registration and its household) while
 * the person row itself is being read: one round trip for the registry instead of three. Not for
 * a row-scoped caller: its registrations may be read only once the person is known to be in scope.
 */
export function prefetchPersons(info: GraphQLResolveInfo, { rows, caller }: SubgraphContext, citizenIds: readonly string[]): void {
  if (caller?.rowScope) return;
  const selection = Selection.of(info);
  if (!selection.has('registration')) return;
  const withHousehold = selection.child('registration').has('household');
  for (const citizenId of citizenIds) {
    prefetch(() => registrationOf(rows).load(citizenId));
    if (withHousehold) prefetch(() => householdOf(rows).load(citizenId));
  }
}
