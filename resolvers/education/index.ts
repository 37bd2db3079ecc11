import type { Resolvers } from '../../src/generated/education.js';
import { Person } from './Person.js';
import { EducationSlice } from './EducationSlice.js';

export const resolvers: Resolvers = { Person, EducationSlice };
