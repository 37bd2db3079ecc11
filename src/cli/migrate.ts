import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { EXIT, fail } from './exit.js';

const USAGE = `Usage: npm run migrate [-- --help]

Applies the migrations in migrations/ that the database has not seen (idempotent; safe to run while
other replicas start). Database: DATABASE_URL when set, otherwise the embedded PGlite folder
(PGLITE_DIR, default .data/pglite).
Exit codes: 0 done, 1 a migration failed, 2 bad arguments or configuration, 3 database unreachable.`;

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({ options: { help: { type: 'boolean', short: 'h' } }, strict: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(EXIT.usage);
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const database = await openDatabase(loadConfig().database);
  try {
    const applied = await migrate(database);
    process.stdout.write(applied === 0 ? 'Database is up to date; nothing to apply.\n' : `Applied ${applied} migration(s).\n`);
  } finally {
    await database.close();
  }
}

main().catch(fail);
