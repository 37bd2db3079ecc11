import type { Resolvers } from '../generated.js';
import { Person } from './Person.js';
import { SocialSecuritySlice } from './SocialSecuritySlice.js';

export const resolvers: Resolvers = { Person, SocialSecuritySlice };
