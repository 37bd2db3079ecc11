import { asc, sql } from 'drizzle-orm';
import type { RowLoaders } from '../../../subgraphs/row-loaders.js';
import { contributionPeriod, employment, professionalTitle, skillCertificate, trainingVoucher } from '../tables.js';

/** One loader per table (one statement per request, whoever asks: resolvers or the points facts); each fixes its order here. */
export const employmentsOf = (rows: RowLoaders) => rows.many(employment, employment.citizenId, () => asc(employment.since));

/** By insurance (in the enum's order), then earliest first. */
export const contributionPeriodsOf = (rows: RowLoaders) =>
  rows.many(contributionPeriod, contributionPeriod.citizenId, () => sql`${contributionPeriod.insurance}, ${contributionPeriod.fromMonth}`);

export const professionalTitlesOf = (rows: RowLoaders) => rows.many(professionalTitle, professionalTitle.citizenId, () => asc(professionalTitle.awardedOn));

export const skillCertificatesOf = (rows: RowLoaders) => rows.many(skillCertificate, skillCertificate.citizenId, () => asc(skillCertificate.issuedOn));

export const trainingVouchersOf = (rows: RowLoaders) => rows.many(trainingVoucher, trainingVoucher.citizenId, () => asc(trainingVoucher.issuedOn));

/** The occupation of the current job among a person's jobs, or null: what "works in that trade" is read against. */
export const currentOccupation = (jobs: readonly { until: string | null; occupation: string | null }[]): string | null =>
  jobs.findLast((job) => job.until === null)?.occupation ?? null;

/** The occupation of the person's current job, or null. */
export async function currentOccupationOf(rows: RowLoaders, citizenId: string): Promise<string | null> {
  return currentOccupation(await employmentsOf(rows).load(citizenId));
}
