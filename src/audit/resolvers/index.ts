import type { Resolvers } from '../generated.js';
import { Query } from './Query.js';
import { AuditEvent } from './AuditEvent.js';

export const resolvers: Resolvers = { Query, AuditEvent };
