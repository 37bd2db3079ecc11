import type { FamilyLinkResolvers } from '../generated.js';

export const FamilyLink: FamilyLinkResolvers = {
  parent: ({ person }) => person,
};
