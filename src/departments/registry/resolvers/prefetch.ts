import type { GraphQLResolveInfo } from 'graphql';
import type { SubgraphContext } from '../../../subgraphs/context.js';
import { prefetch, Selection } from '../../../subgraphs/selection.js';
import {
  actualResidenceOf,
  administrativePenaltiesOf,
  childLinksOf,
  criminalPunishmentsOf,
  householdOf,
  householdWithMembersOf,
  parentLinksOf,
  registrationEventsOf,
  registrationOf,
} from './loaders.js';

/**
 * Starts reading what the caller selected under a Person (registration and its household, history,
 * family links, residence, records) while the person row itself is being read: one round trip for
 * the registry instead of one per level. Not for a row-scoped caller: what it reads about people
 * may be read only once they are known to be in scope.
 */
export function prefetchPersons(info: GraphQLResolveInfo, context: SubgraphContext, citizenIds: readonly string[]): void {
  if (context.caller?.rowScope) return;
  const { rows } = context;
  const selection = Selection.of(info);
  const reads: Array<(citizenId: string) => Promise<unknown>> = [];
  if (selection.has('registration')) {
    reads.push((id) => registrationOf(rows).load(id));
    const household = selection.child('registration').child('household');
    if (household.has('members')) reads.push((id) => householdWithMembersOf(context).load(id));
    else if (selection.child('registration').has('household')) reads.push((id) => householdOf(rows).load(id));
  }
  if (selection.has('registrationHistory')) reads.push((id) => registrationEventsOf(rows).load(id));
  if (selection.has('actualResidence')) reads.push((id) => actualResidenceOf(rows).load(id));
  if (selection.has('parents') || selection.has('guardians') || selection.has('parentLinks')) reads.push((id) => parentLinksOf(context, id));
  if (selection.has('children')) reads.push((id) => childLinksOf(context, id));
  if (selection.has('administrativePenalties')) reads.push((id) => administrativePenaltiesOf(rows).load(id));
  if (selection.has('criminalPunishments')) reads.push((id) => criminalPunishmentsOf(rows).load(id));
  for (const citizenId of citizenIds) for (const read of reads) prefetch(() => read(citizenId));
}
