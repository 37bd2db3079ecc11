import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrateAll } from '../subgraphs/migrate-all.js';
import { parseOptions } from './args.js';

const USAGE = `Usage: city-population-gateway migrate
   or: npm run migrate

Applies the migrations of every module (src/departments/*/migrations, src/audit/migrations) that the database has not seen (idempotent; safe to run while
other replicas start). Database: DATABASE_URL when set, otherwise the embedded PGlite folder
(PGLITE_DIR, default .data/pglite).
Exit codes: 0 done, 1 a migration failed, 2 bad arguments or configuration, 3 database unreachable.`;

export async function run(args: string[]): Promise<void> {
  const values = parseOptions(args, { help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const database = await openDatabase(loadConfig().database);
  try {
    const applied = await migrateAll(database);
    process.stdout.write(applied === 0 ? 'Database is up to date; nothing to apply.\n' : `Applied ${applied} migration(s).\n`);
  } finally {
    await database.close();
  }
}
