import type { HouseholdMemberResolvers } from '../generated.js';

export const HouseholdMember: HouseholdMemberResolvers = {
  relation: ({ relationCode }) => (relationCode === null ? null : { code: relationCode }),
};
