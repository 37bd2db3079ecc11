import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { verifyChain } from '../audit/verify.js';
import { EXIT, fail } from './exit.js';

const USAGE = `Usage: npm run audit:verify

Walks the whole access audit log in order and recomputes its hash chain. Reports the first record
that was altered, removed or reordered, naming its sequence number.

Exit codes: 0 intact (the count is printed), 1 broken (the first broken record is named),
2 bad arguments or configuration, 3 database unreachable.`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(EXIT.usage);
  }
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const database = await openDatabase(loadConfig().database);
  try {
    await migrate(database);
    const result = await verifyChain(database, (checked) => {
      if (process.stderr.isTTY) process.stderr.write(`\rchecked ${checked} records`);
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
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

main().catch(fail);
