import type { Resolvers } from '../../src/generated/audit.js';
import { Query } from './Query.js';
import { AuditEvent } from './AuditEvent.js';

export const resolvers: Resolvers = { Query, AuditEvent };
