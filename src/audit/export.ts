import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Database } from '../db/client.js';
import { RECORD_COLUMNS, type ChainedRecord } from './record.js';
import { recordFromRow } from './verify.js';

export type ExportFormat = 'csv' | 'jsonl';

const PAGE = 5000;

/**
 * A period bound as the audit interfaces take it: an ISO 8601 time, or a date `YYYY-MM-DD` (UTC
 * midnight, as ECMAScript reads date-only forms). Null when it is neither.
 */
export function parseInstant(value: string): Date | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

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

/**
 * Writes the period's records to `out` in `format` (CSV with its header), waiting whenever `out`
 * is full, and stops reading the log when `out` is closed early (a cancelled download). Calls
 * `onRecord` with the count written so far; resolves with the count.
 */
export async function writeExport(
  database: Database,
  out: Writable,
  period: { from: Date; to: Date; format: ExportFormat },
  onRecord?: (written: number) => void,
): Promise<number> {
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
  };
  let written = 0;
  if (period.format === 'csv') await write(csvHeader());
  for await (const record of exportRecords(database, period.from, period.to)) {
    if (out.destroyed) break;
    await write(formatRecord(record, period.format));
    written += 1;
    onRecord?.(written);
  }
  return written;
}
