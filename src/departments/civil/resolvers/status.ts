import type { LowIncomeFamilyRow, MarriageRow, SubsistenceAllowanceRow } from '../tables.js';

/**
 * The answers other departments may be given instead of the records (the SDL's "Derived:" fields),
 * computed here, where the records live, so a caller granted only the answer never receives them.
 */

export type MaritalStatus = 'NEVER_MARRIED' | 'MARRIED' | 'DIVORCED' | 'WIDOWED';

/** The latest marriage decides: none, going on, ended by a divorce, or by the spouse's death. */
export function maritalStatusOf(marriagesOldestFirst: readonly MarriageRow[]): MaritalStatus {
  const latest = marriagesOldestFirst.at(-1);
  if (!latest) return 'NEVER_MARRIED';
  if (latest.ending === null) return 'MARRIED';
  return latest.ending === 'death_of_spouse' ? 'WIDOWED' : 'DIVORCED';
}

/** A granted case that has not ended: the record's "now" is the status, not the clock. */
export const inForce = (cases: ReadonlyArray<SubsistenceAllowanceRow | LowIncomeFamilyRow>): boolean =>
  cases.some((c) => c.status === 'granted' && c.until === null);
