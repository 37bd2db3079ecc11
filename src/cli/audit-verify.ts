import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { verifyChain } from '../audit/verify.js';
import { EXIT } from './exit.js';
import { parseOptions } from './args.js';
import { progress } from './progress.js';

const USAGE = `Usage: city-population-gateway audit verify
   or: npm run audit:verify

Walks the whole access audit log in order and recomputes its hash chain. Reports the first record
that was altered, removed or reordered, naming its sequence number. Progress goes to stderr, the
verdict to stdout.

Exit codes: 0 intact (the count is printed), 1 broken (the first broken record is named),
2 bad arguments or configuration, 3 database unreachable.`;

export async function run(args: string[]): Promise<void> {
  const values = parseOptions(args, { help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const database = await openDatabase(loadConfig().database);
  try {
    await migrate(database);
    // The chain head counts the records written: the bar's total (verifyChain checks it too).
    const [head] = await database.query<{ seq: string | number }>('select seq from audit.chain_head where id');
    const bar = progress({ label: 'verifying', unit: 'records', total: Number(head?.seq ?? 0) });
    const result = await verifyChain(database, (checked) => bar.update(checked)).finally(() => bar.end());
    if (result.intact) {
      process.stdout.write(`audit chain intact: ${result.count} records\n`);
    } else {
      process.stdout.write(`audit chain BROKEN at record ${result.seq}: ${result.problem} (${result.count} records before it are intact)\n`);
      process.exitCode = EXIT.failed;
    }
  } finally {
    await database.close();
  }
}
