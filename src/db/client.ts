import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm/logger';
import type { Config } from '../config.js';
import { DEFAULT_DATABASE_TIMEOUTS, longWorkSettings, poolSettings, type DatabaseTimeouts } from './connection-limits.js';
import { isDatabaseUnavailable } from './failures.js';

/** Drizzle over either driver: the rest of the code does not know which one it has. */
export type Db = PgDatabase<PgQueryResultHKT>;

/** Called with every SQL statement sent through drizzle; tests count statements with it. */
export type StatementListener = (sql: string, params?: unknown[]) => void;

export type QueryFn = <Row = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<Row[]>;

/**
 * `COPY target (columns) FROM STDIN` with `data` in COPY's text format (see copy-text.ts): the
 * fastest way rows get into Postgres, several times an INSERT's speed for a bulk load. `target`
 * and `columns` are quoted SQL, never caller input.
 */
export type CopyFn = (target: string, columns: string, data: string) => Promise<void>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Raw SQL for bulk loading, migrations' bookkeeping and benchmarks' baselines. */
  query: QueryFn;
  /**
   * Runs `work` on one connection (its `query` may BEGIN/COMMIT) while holding a Postgres advisory
   * lock, so gateway replicas starting together never migrate or seed at the same time.
   */
  withLock<T>(lockId: number, work: (query: QueryFn, copy: CopyFn) => Promise<T>): Promise<T>;
  /** Runs `work` in one transaction on one connection, committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (query: QueryFn) => Promise<T>): Promise<T>;
  onStatement(listener: StatementListener): () => void;
  /** PGlite only: the whole database as a tarball, which `openDatabase({ kind: 'pglite', from })` starts a copy from. */
  snapshot?(): Promise<Blob>;
  close(): Promise<void>;
}

class StatementLog implements Logger {
  readonly listeners = new Set<StatementListener>();
  logQuery(query: string, params: unknown[]): void {
    for (const listener of this.listeners) listener(query, params);
  }
}

function listen(log: StatementLog, listener: StatementListener): () => void {
  log.listeners.add(listener);
  return () => log.listeners.delete(listener);
}

/** Where the database is; PostgreSQL's timeouts may be given in part (the rest take their defaults). */
export type DatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize: number; timeouts?: Partial<DatabaseTimeouts> }
  | (Extract<Config['database'], { kind: 'pglite' }> & {
      /** Start from a copy of this snapshot (`Database.snapshot`) instead of an empty cluster: a fraction of the time. */
      from?: Blob;
    });

export async function openDatabase(database: DatabaseOptions): Promise<Database> {
  return database.kind === 'postgres'
    ? openPostgres(database.url, database.poolSize, { ...DEFAULT_DATABASE_TIMEOUTS, ...database.timeouts })
    : openPglite(database.dataDir, database.from);
}

async function openPostgres(url: string, poolSize: number, timeouts: DatabaseTimeouts): Promise<Database> {
  // Dates and bigints arrive as strings by default; our columns map them explicitly in drizzle.
  const pool = new pg.Pool(poolSettings(url, poolSize, timeouts));
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const log = new StatementLog();
  const db = drizzlePg(pool, { logger: log }) as unknown as Db;
  await pool.query('select 1');
  return {
    kind: 'postgres',
    db,
    // pool.query hands a client that failed back with its error, so the pool discards it.
    query: async (text, params = []) => (await pool.query(text, params)).rows,
    async withLock(lockId, work) {
      // Its own connection, without the request limits (see longWorkSettings), closed afterwards:
      // the session's advisory lock and settings never outlive the work.
      const client = new pg.Client(longWorkSettings(url, timeouts));
      client.on('error', () => {});
      await client.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [lockId]);
        try {
          return await work(async (text, params = []) => (await client.query(text, params)).rows, copyThrough(client));
        } finally {
          await client.query('select pg_advisory_unlock($1)', [lockId]);
        }
      } finally {
        await client.end().catch(() => {});
      }
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(async (text, params = []) => (await client.query(text, params)).rows);
        await client.query('commit');
        client.release();
        return result;
      } catch (error) {
        client.release(await rollBack(client, error));
        throw error;
      }
    },
    onStatement: (listener) => listen(log, listener),
    close: () => pool.end(),
  };
}

/** COPY on one pg connection, through pg-copy-streams (the pg driver has no COPY of its own). */
function copyThrough(client: pg.Client): CopyFn {
  return async (target, columns, data) => {
    const stream = client.query(copyFrom(`copy ${target} (${columns}) from stdin`));
    await pipeline(Readable.from([data]), stream);
  };
}

/**
 * Rolls back after `error` and says whether the client may go back to the pool: returns an error
 * (the pool then discards the client) when the connection failed or went silent. A client whose
 * query timed out is still waiting for that query's answer; back in the pool, every query given
 * to it would wait behind it. Closing it also makes the server roll the transaction back.
 */
async function rollBack(client: pg.PoolClient, error: unknown): Promise<Error | undefined> {
  if (isDatabaseUnavailable(error)) return error instanceof Error ? error : new Error(String(error));
  try {
    await client.query('rollback');
    return undefined;
  } catch (rollbackError) {
    return rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
  }
}

/**
 * PGlite is one connection owned by this process, so no other process can migrate or seed beside
 * us; but callers in this process can, and advisory locks are re-entrant within one session, so
 * they would not exclude each other. A promise chain per lock id does.
 */
function inProcessLocks(query: QueryFn, copy: CopyFn): Database['withLock'] {
  const tails = new Map<number, Promise<unknown>>();
  return (lockId, work) => {
    const previous = tails.get(lockId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => work(query, copy));
    tails.set(lockId, run);
    return run;
  };
}

async function openPglite(dataDir: string, from?: Blob): Promise<Database> {
  // `memory://` keeps a throwaway database (tests); anything else is a folder on disk.
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, from ? { loadDataDir: from } : {});
  const log = new StatementLog();
  const db = drizzlePglite(client, { logger: log }) as unknown as Db;
  const query: QueryFn = async (text, params = []) => (await client.query(text, params)).rows as never;
  // PGlite reads COPY's input from a blob standing in for the file /dev/blob.
  const copy: CopyFn = async (target, columns, data) => {
    await client.query(`copy ${target} (${columns}) from '/dev/blob'`, [], { blob: new Blob([data]) });
  };
  return {
    kind: 'pglite',
    db,
    query,
    withLock: inProcessLocks(query, copy),
    // PGlite's own transaction holds the connection: no other query slips in between.
    transaction: (work) => client.transaction((tx) => work(async (text, params = []) => (await tx.query(text, params)).rows as never)),
    onStatement: (listener) => listen(log, listener),
    snapshot: () => client.dumpDataDir('none'),
    close: () => client.close(),
  };
}
