import type { Resolvers } from '../../src/generated/health.js';
import { Person } from './Person.js';
import { HealthSlice } from './HealthSlice.js';

export const resolvers: Resolvers = { Person, HealthSlice };
