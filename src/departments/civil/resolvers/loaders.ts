import { asc } from 'drizzle-orm';
import type { RowLoaders } from '../../../subgraphs/row-loaders.js';
import { award, elderlyCare, lowIncomeFamily, marriage, subsistenceAllowance, volunteerHours } from '../tables.js';

/**
 * One loader per table, each with its one ordering (a table and key have one ordering per
 * request, see RowLoaders.many): the slice's fields, its derived answers and the points facts all
 * read through these, so a request reads each table once whatever asks for it.
 */

/** Oldest first: the latest marriage, which decides the current status, is the last. */
export const marriagesOf = (rows: RowLoaders) => rows.many(marriage, marriage.citizenId, () => asc(marriage.registeredOn));

export const subsistenceAllowanceOf = (rows: RowLoaders) =>
  rows.many(subsistenceAllowance, subsistenceAllowance.citizenId, () => asc(subsistenceAllowance.appliedOn));

export const lowIncomeFamilyOf = (rows: RowLoaders) => rows.many(lowIncomeFamily, lowIncomeFamily.citizenId, () => asc(lowIncomeFamily.appliedOn));

export const elderlyCareOf = (rows: RowLoaders) => rows.many(elderlyCare, elderlyCare.citizenId, () => asc(elderlyCare.since));

export const volunteerHoursOf = (rows: RowLoaders) => rows.many(volunteerHours, volunteerHours.citizenId, () => asc(volunteerHours.year));

export const awardsOf = (rows: RowLoaders) => rows.many(award, award.citizenId, () => asc(award.awardedOn));

/**
 * Whether the bureau holds anything on the person: a row in any of its registers. Reads every
 * register through the loaders above, so the slice's fields are then answered from the same reads.
 */
export async function holdsAnything(rows: RowLoaders, citizenId: string): Promise<boolean> {
  const registers = await Promise.all(
    [marriagesOf, subsistenceAllowanceOf, lowIncomeFamilyOf, elderlyCareOf, volunteerHoursOf, awardsOf].map((of) => of(rows).load(citizenId)),
  );
  return registers.some((held) => held.length > 0);
}
