import type { HouseholdRegistrationResolvers } from '../generated.js';
import { districtOf } from '../../../domain/districts.js';
import { familyRelation } from '../family-relations.js';
import { householdOf, householdWithMembersOf } from './loaders.js';
import { Selection } from '../../../subgraphs/selection.js';

export const HouseholdRegistration: HouseholdRegistrationResolvers = {
  district: ({ districtCode }) => districtOf(districtCode),
  relationToHead: ({ relationCode }) => (relationCode === null ? null : familyRelation(relationCode).label),
  relation: ({ relationCode }) => (relationCode === null ? null : { code: relationCode }),
  household: ({ citizenId, householdId }, _args, context, info) => {
    if (householdId === null) return null;
    return Selection.of(info).has('members') ? householdWithMembersOf(context).load(citizenId) : householdOf(context.rows).load(citizenId);
  },
};
