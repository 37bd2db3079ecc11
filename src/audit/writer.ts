import type { Database, QueryFn } from '../db/client.js';
import { chainHash, type AuditRecord, type ChainedRecord } from './record.js';

/** The audit store could not be written: the caller gets no data (fail closed). */
export class AuditUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The audit log cannot be written right now; no data is released without its audit record. Retry in a moment.', { cause });
    this.name = 'AuditUnavailableError';
  }
}

/** Records per transaction: bounded so one statement stays well under Postgres's 65535 parameters. */
const MAX_BATCH = 500;
const COLUMNS = [
  'seq', 'recorded_at', 'request_id', 'outcome', 'status', 'code', 'department', 'subject', 'app', 'purpose', 'case_id',
  'operation_name', 'operation_hash', 'citizen_ids', 'fields_returned', 'fields_denied', 'duration_ms', 'client_address',
  'prev_hash', 'hash',
] as const;

interface Pending {
  record: AuditRecord;
  resolve: (chained: ChainedRecord) => void;
  reject: (error: unknown) => void;
}

/**
 * Appends records to the chain with group commit: requests that finish while a batch is being
 * written wait for the next one, and each batch is one transaction that locks the chain head,
 * extends the chain and commits. A request's `append` resolves only once its record is committed,
 * so nothing is answered before it is durably audited, yet requests do not queue one by one behind
 * the lock: the lock is taken once per batch. Several writers (gateway replicas) share the chain
 * through the head row's lock.
 */
export class AuditWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly database: Database) {}

  append(record: AuditRecord): Promise<ChainedRecord> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    // Let the requests finishing in this tick join the batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const chained = await this.database.transaction((query) => this.write(query, batch.map((p) => p.record)));
        batch.forEach((pending, i) => pending.resolve(chained[i]!));
      } catch (error) {
        const failure = new AuditUnavailableError(error);
        for (const pending of batch) pending.reject(failure);
      }
    }
    this.flushing = null;
  }

  private async write(query: QueryFn, records: AuditRecord[]): Promise<ChainedRecord[]> {
    const [head] = await query<{ seq: string | number; hash: string }>('select seq, hash from audit.chain_head where id for update');
    if (!head) throw new Error('audit.chain_head has no row: the audit migrations have not run');
    let seq = Number(head.seq);
    let prevHash = head.hash;
    const chained = records.map((record) => {
      seq += 1;
      const hash = chainHash(seq, record, prevHash);
      const entry = { ...record, seq, prevHash, hash };
      prevHash = hash;
      return entry;
    });
    const params: unknown[] = [];
    const rows = chained.map((r) => {
      const values = [
        r.seq, r.recordedAt, r.requestId, r.outcome, r.status, r.code, r.department, r.subject, r.app, r.purpose, r.caseId,
        r.operationName, r.operationHash, r.citizenIds, r.fieldsReturned, r.fieldsDenied, r.durationMs, r.clientAddress,
        r.prevHash, r.hash,
      ];
      const placeholders = values.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await query(`insert into audit.event (${COLUMNS.join(', ')}) values ${rows.join(', ')}`, params);
    await query('update audit.chain_head set seq = $1, hash = $2 where id', [seq, prevHash]);
    return chained;
  }
}
