import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { openTestDatabase, pgliteTemplate } from '../support/database.js';

/** The installed entry, as `npx city-population-gateway` runs it. */
export const BIN = 'bin/city-population-gateway.js';

/** A port nothing listens on: connecting is refused at once, the "database unreachable" case. */
export const UNREACHABLE = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x' };

/**
 * Runs `city-population-gateway …args` in its own process, the way an operator or CI does, and
 * returns its exit status and both outputs. Each run costs about a second (tsx compiling on start):
 * the suite keeps to a couple of dozen.
 */
export function cli(args: string[], env: Record<string, string> = {}, { timeout = 50_000 } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A database a command runs against, and the test reads or tampers with between runs. */
export interface CommandDatabase {
  label: 'pglite' | 'postgres';
  /** What a command's environment needs to use this database. */
  env: Record<string, string>;
  /** Runs `work` on the database from the test (PGlite: opened for it alone, a folder has one user at a time). */
  use<T>(work: (database: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * An empty, unmigrated database for one test file, on the driver the run was started for: a new
 * database on the DATABASE_URL server (test/support/database.ts), otherwise a PGlite folder in a
 * temporary directory (a command in another process cannot reach an in-memory one).
 */
export async function commandDatabase(): Promise<CommandDatabase> {
  if (process.env.DATABASE_URL) {
    const database = await openTestDatabase({ migrated: false });
    const [row] = await database.query<{ name: string }>('select current_database() as name');
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${row!.name}`;
    return { label: 'postgres', env: { DATABASE_URL: url.toString() }, use: (work) => work(database), close: () => database.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  const dataDir = join(dir, 'pglite');
  // The folder made from the empty cluster's snapshot: a command's first open then finds a cluster
  // instead of running initdb on disk (about ten seconds), and the database is as empty.
  await (await openDatabase({ kind: 'pglite', dataDir, from: await pgliteTemplate(false) })).close();
  return {
    label: 'pglite',
    env: { DATABASE_URL: '', PGLITE_DIR: dataDir },
    async use(work) {
      const database = await openDatabase({ kind: 'pglite', dataDir });
      try {
        return await work(database);
      } finally {
        await database.close();
      }
    },
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Runs a command in this process, for what needs no process of its own (help texts, argument
 * checks): what it wrote to stdout and stderr, and the error it threw.
 */
export async function inProcess(work: () => Promise<void>) {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    await work();
    return { stdout, stderr, error: undefined as unknown };
  } catch (error) {
    return { stdout, stderr, error };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
