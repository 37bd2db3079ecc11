import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { csvHeader, exportRecords, formatRecord, type ExportFormat } from '../audit/export.js';
import { EXIT, fail } from './exit.js';

const USAGE = `Usage: npm run -s audit:export -- --from DATE --to DATE --format csv|jsonl [--out FILE]

Writes the audit records recorded from --from (inclusive) to --to (exclusive), in chain order,
with each record's sequence number, previous hash and hash, so an outside party can re-verify the
chain (README, "The access audit log"). Dates are YYYY-MM-DD (UTC midnight) or ISO 8601 times.
Standard output unless --out is given.

Exit codes: 0 written, 2 bad arguments or configuration, 3 database unreachable.`;

function usageError(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(EXIT.usage);
}

function dateArg(name: string, value: string | undefined): Date {
  if (!value) usageError(`--${name} is required`);
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) usageError(`--${name} must be a date (YYYY-MM-DD) or an ISO 8601 time, got "${value}"`);
  return date;
}

async function write(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    usageError((error as Error).message);
  }
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const from = dateArg('from', values.from);
  const to = dateArg('to', values.to);
  if (from >= to) usageError('--from must be before --to');
  const format = values.format as ExportFormat;
  if (format !== 'csv' && format !== 'jsonl') usageError(`--format must be csv or jsonl, got "${values.format ?? ''}"`);

  const database = await openDatabase(loadConfig().database);
  const out: Writable = values.out ? createWriteStream(values.out) : process.stdout;
  let count = 0;
  try {
    await migrate(database);
    if (format === 'csv') await write(out, csvHeader());
    for await (const record of exportRecords(database, from, to)) {
      await write(out, formatRecord(record, format));
      count += 1;
      if (count % 10_000 === 0 && process.stderr.isTTY) process.stderr.write(`\rexported ${count} records`);
    }
  } finally {
    await database.close();
  }
  if (values.out) {
    out.end();
    await once(out, 'finish');
  }
  process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}exported ${count} records\n`);
}

main().catch(fail);
