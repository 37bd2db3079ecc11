import { createHash } from 'node:crypto';
import type { Caller } from '../auth/caller.js';

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
  citizenIds: readonly string[];
  fieldsReturned: readonly string[];
  fieldsDenied: readonly string[];
  durationMs: number;
  clientAddress: string | null;
}

/** A record's place in the chain. */
export interface ChainedRecord extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The caller columns of a record, from what the gateway verified (all null when it knows nobody). */
export function callerColumns(caller: Caller | undefined, purpose: string | undefined, caseId: string | undefined) {
  return {
    department: caller?.department ?? null,
    subject: caller?.subject ?? null,
    app: caller?.app ?? null,
    purpose: purpose ?? null,
    caseId: caseId ?? null,
  };
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

/**
 * Every stored field of a chained record, in table order: its property, its column in
 * audit.event and the column's SQL type. The writer inserts and the export writes by this list.
 */
export const RECORD_COLUMNS = [
  { field: 'seq', column: 'seq', type: 'bigint' },
  { field: 'recordedAt', column: 'recorded_at', type: 'timestamptz' },
  { field: 'requestId', column: 'request_id', type: 'text' },
  { field: 'outcome', column: 'outcome', type: 'audit.outcome' },
  { field: 'status', column: 'status', type: 'integer' },
  { field: 'code', column: 'code', type: 'text' },
  { field: 'department', column: 'department', type: 'text' },
  { field: 'subject', column: 'subject', type: 'text' },
  { field: 'app', column: 'app', type: 'text' },
  { field: 'purpose', column: 'purpose', type: 'text' },
  { field: 'caseId', column: 'case_id', type: 'text' },
  { field: 'operationName', column: 'operation_name', type: 'text' },
  { field: 'operationHash', column: 'operation_hash', type: 'char(64)' },
  { field: 'citizenIds', column: 'citizen_ids', type: 'text[]' },
  { field: 'fieldsReturned', column: 'fields_returned', type: 'text[]' },
  { field: 'fieldsDenied', column: 'fields_denied', type: 'text[]' },
  { field: 'durationMs', column: 'duration_ms', type: 'integer' },
  { field: 'clientAddress', column: 'client_address', type: 'text' },
  { field: 'prevHash', column: 'prev_hash', type: 'char(64)' },
  { field: 'hash', column: 'hash', type: 'char(64)' },
] as const satisfies readonly { field: keyof ChainedRecord; column: string; type: string }[];
