import type { Database } from '../db/client.js';
import { chainHash, GENESIS_HASH, type AuditRecord, type ChainedRecord, type Outcome } from './record.js';

export type Verification =
  | { intact: true; count: number }
  | { intact: false; count: number; seq: number; problem: string };

const PAGE = 5000;

/** A stored row as the chain hashed it. */
export function recordFromRow(row: Record<string, any>): ChainedRecord {
  const recordedAt = row.recorded_at instanceof Date ? row.recorded_at.toISOString() : new Date(row.recorded_at).toISOString();
  const record: AuditRecord = {
    recordedAt,
    requestId: row.request_id,
    outcome: row.outcome as Outcome,
    status: Number(row.status),
    code: row.code,
    department: row.department,
    subject: row.subject,
    app: row.app,
    purpose: row.purpose,
    caseId: row.case_id,
    operationName: row.operation_name,
    operationHash: row.operation_hash,
    citizenIds: row.citizen_ids,
    fieldsReturned: row.fields_returned,
    fieldsDenied: row.fields_denied,
    durationMs: Number(row.duration_ms),
    clientAddress: row.client_address,
    asOf: row.as_of ?? null,
    unavailableSubgraphs: row.unavailable_subgraphs,
  };
  return { ...record, seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash };
}

/**
 * Walks the whole chain in order and reports the first record that was altered (its hash no
 * longer matches its content), removed (a gap in the sequence, or missing at the end according to
 * the chain head) or reordered / re-inserted (it does not follow the record before it).
 */
export async function verifyChain(database: Pick<Database, 'query'>, onProgress?: (checked: number) => void): Promise<Verification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const rows = await database.query('select * from audit.event where seq >= $1 order by seq limit $2', [expectedSeq, PAGE]);
    for (const row of rows) {
      const record = recordFromRow(row);
      if (record.seq !== expectedSeq) {
        return { intact: false, count, seq: expectedSeq, problem: `record ${expectedSeq} is missing: the chain jumps from ${expectedSeq - 1} to ${record.seq} (removed)` };
      }
      if (record.prevHash !== prevHash) {
        return { intact: false, count, seq: record.seq, problem: `record ${record.seq} does not follow record ${record.seq - 1} (reordered, or re-inserted after a removal)` };
      }
      if (chainHash(record.seq, record, prevHash) !== record.hash) {
        return { intact: false, count, seq: record.seq, problem: `record ${record.seq} was altered: its content no longer matches its hash` };
      }
      prevHash = record.hash;
      expectedSeq += 1;
      count += 1;
    }
    onProgress?.(count);
    if (rows.length < PAGE) break;
  }
  const [head] = await database.query<{ seq: string | number; hash: string }>('select seq, hash from audit.chain_head where id');
  if (head && Number(head.seq) !== count) {
    return Number(head.seq) > count
      ? { intact: false, count, seq: count + 1, problem: `records ${count + 1} to ${head.seq} are missing: the chain head says ${head.seq} records were written (removed from the end)` }
      : { intact: false, count, seq: Number(head.seq) + 1, problem: `records after ${head.seq} were added outside the chain head` };
  }
  if (head && head.hash !== prevHash) {
    return { intact: false, count, seq: count, problem: `the last record ${count} is not the one the chain head recorded (replaced)` };
  }
  return { intact: true, count };
}
