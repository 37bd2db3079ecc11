import { asc } from 'drizzle-orm';
import { bloodDonation, condition, familyPlanning, healthRecord, vaccination } from '../tables.js';
import type { RowLoaders } from '../../../subgraphs/row-loaders.js';

export const healthRecordOf = (rows: RowLoaders) => rows.one(healthRecord, healthRecord.citizenId);

/** The slice's lists by field name, so the slice can start the ones selected beside its own row. */
export const healthListsOf = {
  chronicConditions: (rows: RowLoaders) => rows.many(condition, condition.citizenId, () => asc(condition.diagnosedOn)),
  vaccinations: (rows: RowLoaders) => rows.many(vaccination, vaccination.citizenId, () => asc(vaccination.administeredOn)),
  familyPlanningServices: (rows: RowLoaders) =>
    rows.many(familyPlanning, familyPlanning.citizenId, () => asc(familyPlanning.providedOn)),
  bloodDonations: (rows: RowLoaders) => rows.many(bloodDonation, bloodDonation.citizenId, () => asc(bloodDonation.donatedOn)),
};
