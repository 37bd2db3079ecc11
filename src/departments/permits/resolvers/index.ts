import type { Resolvers } from '../generated.js';
import { Person } from './Person.js';
import { ResidencePermit } from './ResidencePermit.js';
import { ResidenceRegistration } from './ResidenceRegistration.js';

export const resolvers: Resolvers = { Person, ResidencePermit, ResidenceRegistration };
