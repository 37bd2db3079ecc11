import type { Database } from '../db/client.js';
import { RECORD_COLUMNS, type ChainedRecord } from './record.js';
import { recordFromRow } from './verify.js';

export type ExportFormat = 'csv' | 'jsonl';

const PAGE = 5000;

/** Field order of an exported record: the table's, chain position first and the hashes last. */
export const EXPORT_FIELDS = RECORD_COLUMNS.map((c) => c.field);

/**
 * The records recorded in [from, to), in chain order, page by page. Each carries its sequence
 * number, previous hash and hash, so an outside party can recompute the chain over the export
 * (README, "The access audit log") without access to the database.
 */
export async function* exportRecords(database: Database, from: Date, to: Date): AsyncGenerator<ChainedRecord> {
  let after = 0;
  for (;;) {
    const rows = await database.query(
      'select * from audit.event where recorded_at >= $1 and recorded_at < $2 and seq > $3 order by seq limit $4',
      [from.toISOString(), to.toISOString(), after, PAGE],
    );
    for (const row of rows) yield recordFromRow(row);
    if (rows.length < PAGE) return;
    after = Number(rows.at(-1)!.seq);
  }
}

/** One record as a line of the chosen format (CSV: lists as JSON text, so they re-hash exactly). */
export function formatRecord(record: ChainedRecord, format: ExportFormat): string {
  if (format === 'jsonl') return JSON.stringify(Object.fromEntries(EXPORT_FIELDS.map((f) => [f, record[f]])));
  return EXPORT_FIELDS.map((f) => csvCell(record[f])).join(',');
}

export const csvHeader = () => EXPORT_FIELDS.join(',');

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
