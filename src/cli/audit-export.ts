import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrateAll } from '../subgraphs/migrate-all.js';
import { parseInstant, writeExport, type ExportFormat } from '../audit/export.js';
import { UsageError } from './exit.js';
import { parseOptions } from './args.js';
import { progress } from './progress.js';

const USAGE = `Usage: city-population-gateway audit export --from DATE --to DATE --format csv|jsonl [--out FILE]
   or: npm run -s audit:export -- --from DATE --to DATE --format csv|jsonl [--out FILE]

Writes the audit records recorded from --from (inclusive) to --to (exclusive), in chain order,
with each record's sequence number, previous hash and hash, so an outside party can re-verify the
chain (README, "The access audit log"). Dates are YYYY-MM-DD (UTC midnight) or ISO 8601 times.
Standard output unless --out is given; progress and the count go to stderr.

Exit codes: 0 written, 2 bad arguments or configuration, 3 database unreachable.`;

function dateArg(name: string, value: string | undefined): Date {
  if (!value) throw new UsageError(`--${name} is required`, USAGE);
  const date = parseInstant(value);
  if (!date) throw new UsageError(`--${name} must be a date (YYYY-MM-DD) or an ISO 8601 time, got "${value}"`, USAGE);
  return date;
}

export async function run(args: string[]): Promise<void> {
  const values = parseOptions(
    args,
    {
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const from = dateArg('from', values.from);
  const to = dateArg('to', values.to);
  if (from >= to) throw new UsageError('--from must be before --to', USAGE);
  const format = values.format as ExportFormat;
  if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`--format must be csv or jsonl, got "${values.format ?? ''}"`, USAGE);

  const database = await openDatabase(loadConfig().database);
  const out: Writable = values.out ? createWriteStream(values.out) : process.stdout;
  let count = 0;
  try {
    await migrateAll(database);
    const period = [from.toISOString(), to.toISOString()];
    const [counted] = await database.query<{ n: string | number }>(
      'select count(*) as n from audit.event where recorded_at >= $1 and recorded_at < $2',
      period,
    );
    // Records printed on the terminal would be torn apart by a bar redrawn between them.
    const dataOnTerminal = !values.out && process.stdout.isTTY === true;
    const bar = progress({ label: 'exporting', unit: 'records', total: Number(counted?.n ?? 0), quietBelow: dataOnTerminal ? Infinity : undefined });
    try {
      count = await writeExport(database, out, { from, to, format }, (written) => bar.update(written));
    } finally {
      bar.end();
    }
  } finally {
    await database.close();
  }
  if (values.out) {
    out.end();
    await once(out, 'finish');
  }
  process.stderr.write(`exported ${count} records\n`);
}
