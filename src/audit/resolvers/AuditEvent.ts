import type { AuditEventResolvers } from '../generated.js';

export const AuditEvent: AuditEventResolvers = {
  recordedAt: ({ recordedAt }) => recordedAt.toISOString(),
  outcome: ({ outcome }) => outcome.toUpperCase() as 'ALLOWED',
};
