import type { Resolvers } from '../generated.js';
import { Person } from './Person.js';

export const resolvers: Resolvers = { Person };
