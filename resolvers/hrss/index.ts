import type { Resolvers } from '../../src/generated/hrss.js';
import { Person } from './Person.js';
import { SocialSecuritySlice } from './SocialSecuritySlice.js';

export const resolvers: Resolvers = { Person, SocialSecuritySlice };
