import type { Resolvers } from '../generated.js';
import { Person } from './Person.js';
import { EducationSlice } from './EducationSlice.js';

export const resolvers: Resolvers = { Person, EducationSlice };
