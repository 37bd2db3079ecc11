import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { DEFAULT_SEED } from '../population/generate.js';
import { PopulationExistsError, seedPopulation, type SeedProgress } from '../population/load.js';
import { EXIT, fail } from './exit.js';

const USAGE = `Usage: npm run seed -- --persons N [--seed S]

Generates N synthetic residents of Guangzhou, with every department's slice, and writes them to an
empty database: DATABASE_URL (PostgreSQL) when set, otherwise the embedded PGlite folder
(PGLITE_DIR, default .data/pglite). Migrations are applied first. The same seed always gives the
same people (default ${DEFAULT_SEED}). A database that already holds people is left alone: point
PGLITE_DIR or DATABASE_URL at a fresh one.

  --persons N   people to generate, 1 to 10000000 (underscores allowed: 1_000_000)
  --seed S      whole number 0 to 4294967295
  -h, --help    this text

Exit codes: 0 seeded, 1 refused (database not empty) or failed, 2 bad arguments or configuration,
3 database unreachable.`;

/** Below this, seeding takes a moment and a progress line would only flicker. */
const PROGRESS_FROM = 20_000;

function usageError(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(EXIT.usage);
}

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const text = raw.replaceAll('_', '');
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    usageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * One line of progress on stderr: rewritten in place on a terminal (at most four times a second),
 * otherwise a plain line at every tenth, so logs stay readable.
 */
function progressReporter(total: number, started: number): ((progress: SeedProgress) => void) | undefined {
  if (total < PROGRESS_FROM) return undefined;
  const tty = process.stderr.isTTY === true;
  let lastDraw = 0;
  let lastTenth = 0;
  return ({ persons }) => {
    const now = performance.now();
    const seconds = (now - started) / 1000;
    const rate = persons / Math.max(seconds, 0.001);
    const line = `seeding: ${count(persons)} / ${count(total)} people (${Math.floor((100 * persons) / total)}%), ${count(Math.round(rate))} people/s, ~${Math.ceil((total - persons) / rate)} s left`;
    if (tty) {
      if (now - lastDraw < 250 && persons < total) return;
      lastDraw = now;
      process.stderr.write(`\r${line}\x1b[K${persons === total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor((10 * persons) / total);
    if (tenth > lastTenth) {
      lastTenth = tenth;
      process.stderr.write(`${line}\n`);
    }
  };
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        persons: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    usageError((error as Error).message);
  }
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (values.persons === undefined) usageError('--persons is required');
  const persons = wholeNumber('persons', values.persons, 1, 10_000_000);
  const seed = values.seed === undefined ? DEFAULT_SEED : wholeNumber('seed', values.seed, 0, 0xffffffff);

  const config = loadConfig();
  const database: Database = await openDatabase(config.database);
  const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${config.database.dataDir})`;
  try {
    await migrate(database);
    const started = performance.now();
    const result = await seedPopulation(database, { persons, seed, onProgress: progressReporter(persons, started) });
    const seconds = (performance.now() - started) / 1000;
    const rows = Object.values(result.rows).reduce((sum, n) => sum + n, 0);
    process.stdout.write(
      `seeded ${count(result.persons)} people (${count(rows)} rows in ${Object.keys(result.rows).length} tables) ` +
        `into ${where} in ${seconds.toFixed(1)} s (${count(Math.round(result.persons / seconds))} people/s), seed ${seed}\n`,
    );
  } catch (error) {
    if (error instanceof PopulationExistsError) {
      process.stderr.write(`Refusing to seed: ${error.message}.\n`);
      await database.close();
      process.exit(EXIT.failed);
    }
    await database.close().catch(() => {});
    fail(error);
  }
  await database.close();
}

main().catch(fail);
