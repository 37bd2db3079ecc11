import { asc } from 'drizzle-orm';
import type { EducationSliceResolvers } from '../../src/generated/education.js';
import { enrolment } from '../../src/db/tables/education.js';
import type { SubgraphContext } from '../../src/subgraphs/context.js';

const enrolmentsOf = (citizenId: string, { rows }: SubgraphContext) =>
  rows.many(enrolment, enrolment.citizenId, asc(enrolment.enrolledOn)).load(citizenId);

export const EducationSlice: EducationSliceResolvers = {
  enrolments: ({ citizenId }, _args, context) => enrolmentsOf(citizenId, context),
  currentEnrolment: async ({ citizenId }, _args, context) =>
    (await enrolmentsOf(citizenId, context)).findLast((e) => e.leftOn === null) ?? null,
};
