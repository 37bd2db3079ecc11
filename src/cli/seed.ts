import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { migrateAll } from '../subgraphs/migrate-all.js';
import { DEFAULT_SEED } from '../population/generate.js';
import { PopulationExistsError, seedPopulation } from '../population/load.js';
import { CommandError, UsageError } from './exit.js';
import { parseOptions } from './args.js';
import { progress } from './progress.js';

const USAGE = `Usage: city-population-gateway seed --persons N [--seed S]
   or: npm run seed -- --persons N [--seed S]

Generates N synthetic residents of Guangzhou, with every department's slice, and writes them to an
empty database: DATABASE_URL (PostgreSQL) when set, otherwise the embedded PGlite folder
(PGLITE_DIR, default .data/pglite). Migrations are applied first. The same seed always gives the
same people (default ${DEFAULT_SEED}). A database that already holds people is left alone: point
PGLITE_DIR or DATABASE_URL at a fresh one. Progress goes to stderr, the summary to stdout.

  --persons N   people to generate, 1 to 10000000 (underscores allowed: 1_000_000)
  --seed S      whole number 0 to 4294967295
  -h, --help    this text

Exit codes: 0 seeded, 1 refused (database not empty) or failed, 2 bad arguments or configuration,
3 database unreachable.`;

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const text = raw.replaceAll('_', '');
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`, USAGE);
  }
  return value;
}

const count = (n: number) => n.toLocaleString('en-US');

export async function run(args: string[]): Promise<void> {
  const values = parseOptions(
    args,
    {
      persons: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (values.persons === undefined) throw new UsageError('--persons is required', USAGE);
  const persons = wholeNumber('persons', values.persons, 1, 10_000_000);
  const seed = values.seed === undefined ? DEFAULT_SEED : wholeNumber('seed', values.seed, 0, 0xffffffff);

  const config = loadConfig();
  const database: Database = await openDatabase(config.database);
  const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${config.database.dataDir})`;
  try {
    await migrateAll(database);
    const started = performance.now();
    const bar = progress({ label: 'seeding', unit: 'people', total: persons });
    const result = await seedPopulation(database, { persons, seed, onProgress: ({ persons: done }) => bar.update(done) }).finally(() => bar.end());
    const seconds = (performance.now() - started) / 1000;
    const rows = Object.values(result.rows).reduce((sum, n) => sum + n, 0);
    process.stdout.write(
      `seeded ${count(result.persons)} people (${count(rows)} rows in ${Object.keys(result.rows).length} tables) ` +
        `into ${where} in ${seconds.toFixed(1)} s (${count(Math.round(result.persons / seconds))} people/s), seed ${seed}\n`,
    );
  } catch (error) {
    await database.close().catch(() => {});
    throw error instanceof PopulationExistsError ? new CommandError(`Refusing to seed: ${error.message}.`) : error;
  }
  await database.close();
}
