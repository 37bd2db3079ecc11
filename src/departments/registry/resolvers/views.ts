import type { HouseholdRow } from '../tables.js';

/** What the registry's nested types resolve from, where it is not a table row as stored. */

/** A GB/T 4761 relation: its stored code, resolved to labels by the FamilyRelation resolvers. */
export interface FamilyRelationView {
  code: string;
}

/** The managing office of a public collective household, from the household row. */
export interface CollectiveManagerView {
  level: HouseholdRow['collectiveLevel'];
  managingOffice: HouseholdRow['managingOffice'];
}

/** The holder of a unit collective household, from the household row. */
export interface HoldingUnitView {
  kind: HouseholdRow['holdingUnitKind'];
  name: HouseholdRow['holdingUnitName'];
  unifiedSocialCreditCode: HouseholdRow['holdingUnitCreditCode'];
}

export type { MemberView, HouseholdView, FamilyLinkView, RegistrationView } from './loaders.js';
