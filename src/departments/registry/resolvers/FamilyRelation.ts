import type { FamilyRelationResolvers } from '../generated.js';
import { familyRelation } from '../family-relations.js';

export const FamilyRelation: FamilyRelationResolvers = {
  label: ({ code }) => familyRelation(code).label,
  englishLabel: ({ code }) => familyRelation(code).english,
};
