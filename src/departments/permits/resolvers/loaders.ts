import { sql } from 'drizzle-orm';
import { permitEndorsement, residencePermit, residenceRegistration, type PermitEndorsementRow, type ResidencePermitRow } from '../tables.js';
import type { RowLoaders } from '../../../subgraphs/row-loaders.js';
import { validUntilOf } from '../validity.js';

// Every read is by holder (citizen_id), so a request reads each table once however many people
// and permits it touches; a permit's endorsements, renewal and registration are picked from its holder's rows.

/** Oldest first: the history order, and the latest permit is the last. */
export const permitsOf = (rows: RowLoaders) =>
  rows.many(residencePermit, residencePermit.citizenId, () => sql`${residencePermit.issuedOn}, ${residencePermit.permitNo}`);

export const endorsementsOf = (rows: RowLoaders) =>
  rows.many(permitEndorsement, permitEndorsement.citizenId, () => sql`${permitEndorsement.permitNo}, ${permitEndorsement.validityYear}`);

export const registrationsOf = (rows: RowLoaders) =>
  rows.many(residenceRegistration, residenceRegistration.citizenId, () => sql`${residenceRegistration.registeredOn}, ${residenceRegistration.referenceNo}`);

/** Of a person's endorsements (in year order), those of one permit. */
export const ownEndorsements = <E extends { permitNo: string }>(permit: { permitNo: string }, endorsements: readonly E[]): E[] =>
  endorsements.filter((e) => e.permitNo === permit.permitNo);

/** The permit's endorsements, in year order. */
export const endorsementsOfPermit = async (rows: RowLoaders, permit: ResidencePermitRow): Promise<PermitEndorsementRow[]> =>
  ownEndorsements(permit, await endorsementsOf(rows).load(permit.citizenId));

/** The permit's last valid day (see validity.ts). */
export const validUntil = async (rows: RowLoaders, permit: ResidencePermitRow): Promise<string> =>
  validUntilOf(permit, await endorsementsOfPermit(rows, permit));
