import { pgSchema, text, integer, serial, index } from 'drizzle-orm/pg-core';
import { citizenIdColumn, dateColumn } from '../../db/columns.js';
import { EDUCATION_LEVELS } from '../../domain/points/vocabulary.js';

/** Education Bureau (市教育局): attainment, enrolments, migrant children's schooling. */
export const education = pgSchema('education');

export const educationLevel = education.enum('education_level', EDUCATION_LEVELS);

export const schoolStage = education.enum('school_stage', [
  'kindergarten',
  'primary',
  'junior_secondary',
  'senior_secondary',
  'secondary_vocational',
  'higher_education',
]);

/** §11.1: schooling of migrant workers' children in the city. */
export const migrantChildSchooling = education.enum('migrant_child_schooling', [
  'public_school_place',
  'subsidised_private_place',
  'private_place',
  'waiting_list',
]);

export const learner = education.table('learner', {
  citizenId: citizenIdColumn().primaryKey(),
  highestLevel: educationLevel('highest_level').notNull(),
  highestLevelAwardedOn: dateColumn('highest_level_awarded_on'),
  migrantChildSchooling: migrantChildSchooling('migrant_child_schooling'),
});

export const enrolment = education.table(
  'enrolment',
  {
    enrolmentId: serial('enrolment_id').primaryKey(),
    citizenId: citizenIdColumn().notNull(),
    schoolCode: text('school_code').notNull(),
    schoolName: text('school_name').notNull(),
    stage: schoolStage('stage').notNull(),
    grade: integer('grade').notNull(),
    enrolledOn: dateColumn('enrolled_on').notNull(),
    leftOn: dateColumn('left_on'),
  },
  (t) => [index('enrolment_citizen_idx').on(t.citizenId)],
);

export type LearnerRow = typeof learner.$inferSelect;
export type EnrolmentRow = typeof enrolment.$inferSelect;
