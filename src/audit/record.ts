import { createHash } from 'node:crypto';

export type Outcome = 'allowed' | 'partly_denied' | 'refused' | 'failed';

/** What one GraphQL operation leaves in the audit log (DESIGN.md "Audit"). */
export interface AuditRecord {
  /** ISO 8601 with milliseconds, UTC. */
  recordedAt: string;
  requestId: string;
  outcome: Outcome;
  status: number;
  code: string | null;
  department: string | null;
  subject: string | null;
  app: string | null;
  purpose: string | null;
  caseId: string | null;
  operationName: string | null;
  operationHash: string | null;
  citizenIds: string[];
  fieldsReturned: string[];
  fieldsDenied: string[];
  durationMs: number;
  clientAddress: string | null;
}

/** A record's place in the chain. */
export interface ChainedRecord extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The chain's hash of a record: SHA-256 over the previous record's hash and the record's content
 * in a fixed order. Changing any field, the order of records, or dropping one breaks it. An outside
 * party re-verifies exported records with this definition (documented in the README).
 */
export function chainHash(seq: number, record: AuditRecord, prevHash: string): string {
  const content = [
    seq,
    record.recordedAt,
    record.requestId,
    record.outcome,
    record.status,
    record.code,
    record.department,
    record.subject,
    record.app,
    record.purpose,
    record.caseId,
    record.operationName,
    record.operationHash,
    record.citizenIds,
    record.fieldsReturned,
    record.fieldsDenied,
    record.durationMs,
    record.clientAddress,
  ];
  return createHash('sha256').update(`${prevHash}\n${JSON.stringify(content)}`).digest('hex');
}
