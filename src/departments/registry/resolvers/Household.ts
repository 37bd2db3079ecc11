import type { HouseholdResolvers } from '../generated.js';
import { districtOf } from '../../../domain/districts.js';

export const Household: HouseholdResolvers = {
  district: ({ districtCode }) => districtOf(districtCode),
  // Read with the household when selected (householdWithMembersOf); never a read of its own.
  members: ({ members }) => members ?? [],
  manager: (row) => (row.kind === 'public_collective' ? { level: row.collectiveLevel, managingOffice: row.managingOffice } : null),
  holdingUnit: (row) =>
    row.kind === 'collective' && row.holdingUnitKind !== null
      ? { kind: row.holdingUnitKind, name: row.holdingUnitName, unifiedSocialCreditCode: row.holdingUnitCreditCode }
      : null,
};
