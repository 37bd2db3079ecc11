import type { Database } from '../db/client.js';
import { isDatabaseUnavailable } from '../db/failures.js';
import { boundRecord, chainHash, RECORD_COLUMNS, type AuditRecord, type ChainedRecord } from './record.js';
import type { ChainHead } from './checkpoint.js';

/** The audit store could not be written: the caller gets no data (fail closed). */
export class AuditUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The audit log cannot be written right now; no data is released without its audit record. Retry in a moment.', { cause });
    this.name = 'AuditUnavailableError';
  }
}

/** Records per transaction: bounded so one statement stays well under Postgres's 65535 parameters. */
const MAX_BATCH = 500;
const COLUMNS = RECORD_COLUMNS.map((c) => c.column).join(', ');

interface Pending {
  record: AuditRecord;
  resolve: (chained: ChainedRecord) => void;
  reject: (error: unknown) => void;
}

/** Hooks for metrics: every record appended, and every batch committed with how long it took. */
export interface AuditObserver {
  onRecord?(record: AuditRecord): void;
  onBatch?(records: number, seconds: number): void;
  /** After each committed batch: the chain head it moved to (signed checkpoints, src/audit/checkpointer.ts). */
  onCommit?(head: ChainHead): void;
}

/** How often one batch retries after another writer extended the chain first. */
const MAX_ATTEMPTS = 20;

/**
 * Appends records to the chain with group commit: requests that finish while a batch is being
 * written wait for the next one, so requests never queue one by one. A request's `append`
 * resolves only once its record is committed: nothing is answered before it is durably audited.
 *
 * Each batch is one statement (one round trip, one commit): it moves the chain head from the
 * head this writer last saw to the batch's last record and inserts the batch, or does nothing
 * if another writer (a gateway replica) moved the head first, in which case the batch is
 * re-chained onto the new head and tried again. So several writers share one chain without a
 * lock held across round trips.
 */
export class AuditWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  /** The chain head as this writer last knew it; null: read it before the next write. */
  private head: { seq: number; hash: string } | null = null;

  constructor(
    private readonly database: Database,
    private readonly observer: AuditObserver = {},
  ) {}

  /** Appends `record`, its caller-supplied texts bounded first (boundRecord): a long value never fails the write. */
  append(given: AuditRecord): Promise<ChainedRecord> {
    const record = boundRecord(given);
    this.observer.onRecord?.(record);
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
      const started = performance.now();
      try {
        const chained = await this.write(batch.map((p) => p.record));
        this.observer.onBatch?.(batch.length, (performance.now() - started) / 1000);
        batch.forEach((pending, i) => pending.resolve(chained[i]!));
        const last = chained.at(-1)!;
        this.observer.onCommit?.({ seq: last.seq, hash: last.hash, recordedAt: last.recordedAt });
      } catch (error) {
        this.head = null;
        const failure = new AuditUnavailableError(error);
        // A database that did not answer will not answer for the records queued behind this batch
        // either: they are refused now, not each after one more timeout of their own.
        const refused = isDatabaseUnavailable(error) ? [...batch, ...this.queue.splice(0)] : batch;
        for (const pending of refused) pending.reject(failure);
      }
    }
    this.flushing = null;
  }

  private async write(records: AuditRecord[]): Promise<ChainedRecord[]> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      this.head ??= await this.readHead();
      const from = this.head;
      const chained = chain(records, from);
      const last = chained.at(-1)!;
      const { text, params } = insertStatement(chained, from, last);
      const inserted = await this.database.query(text, params);
      if (inserted.length === chained.length) {
        this.head = { seq: last.seq, hash: last.hash };
        return chained;
      }
      this.head = null; // another writer moved the head: re-read it and re-chain
    }
    throw new Error(`the audit chain head kept moving: ${MAX_ATTEMPTS} attempts lost to other writers`);
  }

  private async readHead(): Promise<{ seq: number; hash: string }> {
    const [head] = await this.database.query<{ seq: string | number; hash: string }>('select seq, hash from audit.chain_head where id');
    if (!head) throw new Error('audit.chain_head has no row: the audit migrations have not run');
    return { seq: Number(head.seq), hash: head.hash };
  }
}

function chain(records: AuditRecord[], from: { seq: number; hash: string }): ChainedRecord[] {
  let seq = from.seq;
  let prevHash = from.hash;
  return records.map((record) => {
    seq += 1;
    const hash = chainHash(seq, record, prevHash);
    const entry = { ...record, seq, prevHash, hash };
    prevHash = hash;
    return entry;
  });
}

/** Moves the head from `from` to `last` and inserts the rows, all or nothing, in one statement. */
function insertStatement(chained: ChainedRecord[], from: { seq: number; hash: string }, last: ChainedRecord) {
  const params: unknown[] = [last.seq, last.hash, from.seq, from.hash];
  const rows = chained.map(
    (record) => `(${RECORD_COLUMNS.map(({ field, type }) => (params.push(record[field]), `$${params.length}::${type}`)).join(', ')})`,
  );
  const text = `with moved as (
      update audit.chain_head set seq = $1, hash = $2 where id and seq = $3 and hash = $4 returning 1
    )
    insert into audit.event (${COLUMNS})
    select * from (values ${rows.join(', ')}) as batch (${COLUMNS})
    where exists (select 1 from moved)
    returning seq`;
  return { text, params };
}
