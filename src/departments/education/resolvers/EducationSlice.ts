import type { EducationSliceResolvers } from '../generated.js';
import { enrolmentsOf } from './loaders.js';

export const EducationSlice: EducationSliceResolvers = {
  enrolments: ({ citizenId }, _args, { rows }) => enrolmentsOf(rows).load(citizenId),
  currentEnrolment: async ({ citizenId }, _args, { rows }) =>
    (await enrolmentsOf(rows).load(citizenId)).findLast((e) => e.leftOn === null) ?? null,
};
