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
  /**
   * The date the operation's date-bound answers (points, settlement) were asked for, `YYYY-MM-DD`;
   * null when it asked none. One operation asks for one date, so a sweep over dates is one record a
   * date, each saying which.
   */
  asOf: string | null;
  /**
   * The subgraphs whose slice of the answer could not be fetched (a department's service that was
   * down), by their supergraph names, distinct and sorted; [] when every slice answered. The
   * answer went out without those slices, and the record says so.
   */
  unavailableSubgraphs: readonly string[];
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
 * The longest each text column of a record may be, in characters (code points). Values come from
 * callers (an operation name from the request body, a declared purpose, a token's subject) and
 * must never make the audit write fail (that would withhold every answer) nor fill the log: a
 * longer value is cut to its limit, ending in "…". The table's CHECK constraints are looser still
 * (src/audit/tables.ts), a backstop for any other writer.
 */
export const RECORD_TEXT_LIMITS = {
  requestId: 64,
  code: 64,
  department: 64,
  subject: 256,
  app: 256,
  purpose: 64,
  caseId: 128,
  operationName: 256,
  clientAddress: 64,
} as const satisfies Partial<Record<keyof AuditRecord, number>>;

const TRUNCATION_MARK = '…';

/**
 * A record as it may be stored: every caller-supplied text bounded (see {@link RECORD_TEXT_LIMITS}),
 * made storable (NUL, which PostgreSQL text cannot hold, and unpaired UTF-16 surrogates, which
 * would be stored as something else than was hashed, become U+FFFD), and an empty text stored as
 * null. The writer applies it to every record before hashing, so the chain covers what is stored.
 */
export function boundRecord(record: AuditRecord): AuditRecord {
  const bounded: AuditRecord = { ...record };
  for (const [field, limit] of Object.entries(RECORD_TEXT_LIMITS) as [keyof typeof RECORD_TEXT_LIMITS, number][]) {
    const value = record[field];
    if (typeof value === 'string') (bounded as unknown as Record<string, string | null>)[field] = boundText(value, limit, field !== 'requestId');
  }
  return bounded;
}

// eslint-disable-next-line no-control-regex -- NUL is exactly what must be replaced
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function boundText(value: string, limit: number, nullable: boolean): string | null {
  if (value === '' && nullable) return null;
  const text = value.replace(UNSTORABLE, '\uFFFD');
  const characters = Array.from(text);
  return characters.length <= limit ? text : `${characters.slice(0, limit - 1).join('')}${TRUNCATION_MARK}`;
}

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
    // Added after the chain began: each appended only when set, so every earlier record keeps its
    // hash. The content stays unambiguous with either one alone: after the 18 items above, a
    // string is asOf and an array is unavailableSubgraphs, so which one a record carries is never
    // in doubt.
    ...(record.asOf === null ? [] : [record.asOf]),
    ...(record.unavailableSubgraphs.length === 0 ? [] : [record.unavailableSubgraphs]),
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
  { field: 'asOf', column: 'as_of', type: 'text' },
  { field: 'unavailableSubgraphs', column: 'unavailable_subgraphs', type: 'text[]' },
] as const satisfies readonly { field: keyof ChainedRecord; column: string; type: string }[];
