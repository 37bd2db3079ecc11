import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Database } from '../db/client.js';
import { RECORD_COLUMNS, type ChainedRecord } from './record.js';
import { recordFromRow } from './verify.js';

export type ExportFormat = 'csv' | 'jsonl';

const PAGE = 5000;

/** The times a period bound may name: the audit log's records are all after 1970, and Postgres refuses years past its range. */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(10000, 0, 1);

/**
 * A period bound as the audit interfaces take it: an ISO 8601 time, or a date `YYYY-MM-DD` (UTC
 * midnight, as ECMAScript reads date-only forms), from 1970 to 9999. Null when it is neither.
 */
export function parseInstant(value: string): Date | null {
  const date = new Date(value);
  const time = date.getTime();
  return Number.isNaN(time) || time < EARLIEST || time >= LATEST ? null : date;
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

/**
 * Text a spreadsheet would run as a formula (= + - @, and tab or CR before them; OWASP "CSV
 * injection") is written with a `'` in front, as is text that itself begins with `'`, so the rule
 * undoes exactly: a reader removes one leading `'` from every cell before re-hashing (README).
 */
const FORMULA_START = /^[=+\-@\t\r']/;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const raw = Array.isArray(value) ? JSON.stringify(value) : String(value);
  const text = typeof value === 'string' && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Columns a CSV export writes as numbers or as JSON lists, to read back as the chain hashed them:
 * read from the columns' SQL types, so a column added later is read back as it was written.
 */
const fieldsOfType = (types: readonly string[]) => new Set<string>(RECORD_COLUMNS.filter((c) => types.includes(c.type)).map((c) => c.field));
const NUMBER_FIELDS = fieldsOfType(['bigint', 'integer']);
const LIST_FIELDS = fieldsOfType(['text[]']);

/**
 * The records of a CSV export, as they were hashed: the reference reading of the format the README
 * describes for outside re-verification (RFC 4180 quoting; an empty cell is null; one leading `'`
 * removed; numbers and JSON lists parsed).
 */
export function parseCsvExport(text: string): ChainedRecord[] {
  const [header, ...rows] = csvRows(text);
  if (header?.join(',') !== csvHeader()) throw new Error(`not an audit export: the header must be ${csvHeader()}`);
  return rows.map((cells) => {
    const entries = EXPORT_FIELDS.map((field, i) => {
      const cell = cells[i] ?? '';
      if (cell === '') return [field, null];
      const text = cell.startsWith("'") ? cell.slice(1) : cell;
      return [field, NUMBER_FIELDS.has(field) ? Number(text) : LIST_FIELDS.has(field) ? JSON.parse(text) : text];
    });
    return Object.fromEntries(entries) as ChainedRecord;
  });
}

/** RFC 4180 rows: quoted cells may hold commas, quotes (doubled) and line breaks. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      endCell();
    } else if (!quoted && c === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
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
