import { asc } from 'drizzle-orm';
import { enrolment, learner } from '../tables.js';
import type { RowLoaders } from '../../../subgraphs/row-loaders.js';

export const learnerOf = (rows: RowLoaders) => rows.one(learner, learner.citizenId);

/** Oldest first, so the current enrolment is the last one not yet left. */
export const enrolmentsOf = (rows: RowLoaders) => rows.many(enrolment, enrolment.citizenId, () => asc(enrolment.enrolledOn));
