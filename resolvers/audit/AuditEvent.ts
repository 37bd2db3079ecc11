import type { AuditEventResolvers } from '../../src/generated/audit.js';

export const AuditEvent: AuditEventResolvers = {
  recordedAt: ({ recordedAt }) => recordedAt.toISOString(),
  outcome: ({ outcome }) => outcome.toUpperCase() as 'ALLOWED',
};
