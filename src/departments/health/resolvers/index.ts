import type { Resolvers } from '../generated.js';
import { Person } from './Person.js';
import { HealthSlice } from './HealthSlice.js';

export const resolvers: Resolvers = { Person, HealthSlice };
