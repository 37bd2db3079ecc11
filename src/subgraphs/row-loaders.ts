import { createHash } from 'node:crypto';
import DataLoader from 'dataloader';
import { sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { describeQueryFailure } from './errors.js';
import { loaderBatchSize } from '../observability/metrics.js';

type Row<T extends PgTable> = T['$inferSelect'];

/** The one parameter of every batched read: the keys, as one array. */
const KEYS = sql.placeholder('keys');

/** A drizzle query with the `KEYS` placeholder, before it is prepared. */
export interface KeyedQuery<R> {
  toSQL(): { sql: string };
  prepare(name: string): { execute(values: { keys: string[] } & Record<string, unknown>): Promise<R[]> };
}

type Executable = ReturnType<KeyedQuery<unknown>['prepare']>;

/**
 * Each read two ways, built once per database handle (building a drizzle query costs about 50 µs):
 * - `named`, a prepared statement: the server parses it once per connection and, after a few runs,
 *   may keep one generic plan for it. Named after a hash of its text, so two reads never share a
 *   name and a replica's names match its siblings'. For the few keys of a person or two.
 * - `unnamed`, sent and planned afresh on each run, for LARGE_BATCH keys or more: a generic plan
 *   is chosen without knowing how many keys `= any($1)` holds, and at 1,000,000 people it made a
 *   thousand-person view 1.8 s instead of 1.0 s. Planning for the actual keys costs a fraction of
 *   a millisecond, nothing beside such a read.
 */
interface Statement {
  named: Executable;
  unnamed: Executable;
}
const statementsByDb = new WeakMap<Db, Map<PgColumn | string, Statement>>();

/** From this many keys on, a read is planned for its keys (see Statement). */
export const LARGE_BATCH = 64;

/**
 * Per-request batching of row look-ups, one DataLoader per (table, key column): however many
 * people a request touches, each table is read with exactly one statement, `key = ANY($1)` with the
 * keys as one array parameter (one parameter per key would mean 1000 placeholders to parse and plan).
 * Built fresh for every request, so no caller ever sees rows cached for another. A (table, key)
 * pair has one ordering: the first `many` call for it fixes the `orderBy`.
 */
export class RowLoaders {
  private readonly loaders = new Map<PgColumn | string, DataLoader<string, unknown>>();

  constructor(private readonly db: Db) {}

  /** The row whose `key` column equals the key, or `null`. */
  one<T extends PgTable>(table: T, key: PgColumn): DataLoader<string, Row<T> | null> {
    return this.loader(key, async (keys) => {
      const rows = (await this.select(table, key, keys)) as Row<T>[];
      const field = this.field(table, key);
      const byKey = new Map(rows.map((row) => [String(row[field]), row]));
      return keys.map((k) => byKey.get(k) ?? null);
    });
  }

  /**
   * The row a hand-written query (a join, say) returns for each key, or `null`. The query selects
   * by `keyed(column)` and may use other `sql.placeholder`s, filled from `params` (the same for the
   * whole request); `name` tells such loaders apart and names the read in error messages.
   */
  oneBy<R>(
    name: string,
    keyOf: (row: R) => string,
    build: (db: Db, keyed: (column: PgColumn) => SQL) => KeyedQuery<R>,
    params: Record<string, unknown> = {},
  ): DataLoader<string, R | null> {
    return this.loader(name, async (keys) => {
      const statement = this.prepared(name, () => build(this.db, (column) => sql`${column} = any(${KEYS})`));
      const rows = (await this.run(name, statement, keys, params)) as R[];
      const byKey = new Map(rows.map((row) => [keyOf(row), row]));
      return keys.map((k) => byKey.get(k) ?? null);
    });
  }

  /**
   * All rows whose `key` column equals the key, in `orderBy` order, ties broken by the primary key
   * (empty when none): without it, two vaccinations on one day came in one order for a person read
   * alone and in the other for the same person read among a hundred. `orderBy` is
   * called only when the statement is first prepared: resolvers ask for their loader once per
   * person, and a drizzle SQL object built each time was 6% of a 1000-person view's CPU.
   */
  many<T extends PgTable>(table: T, key: PgColumn, orderBy: () => SQL): DataLoader<string, Row<T>[]> {
    return this.loader(key, async (keys) => {
      const rows = (await this.select(table, key, keys, orderBy)) as Row<T>[];
      const field = this.field(table, key);
      const byKey = new Map<string, Row<T>[]>(keys.map((k) => [k, []]));
      for (const row of rows) byKey.get(String(row[field]))?.push(row);
      return keys.map((k) => byKey.get(k) ?? []);
    });
  }

  private loader<V>(id: PgColumn | string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = this.loaders.get(id) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(batch, { maxBatchSize: 5000 });
      this.loaders.set(id, loader as DataLoader<string, unknown>);
    }
    return loader;
  }

  private select(table: PgTable, key: PgColumn, keys: readonly string[], orderBy?: () => SQL): Promise<unknown[]> {
    const statement = this.prepared(key, () => {
      const query = this.db.select().from(table).where(sql`${key} = any(${KEYS})`);
      return (orderBy ? query.orderBy(orderBy(), ...primaryKeyOf(table)) : query) as unknown as KeyedQuery<unknown>;
    });
    const { schema, name } = getTableConfig(table);
    return this.run(`${schema}.${name}`, statement, keys);
  }

  private prepared(id: PgColumn | string, build: () => KeyedQuery<unknown>): Statement {
    let statements = statementsByDb.get(this.db);
    if (!statements) statementsByDb.set(this.db, (statements = new Map()));
    let statement = statements.get(id);
    if (!statement) {
      const query = build();
      const digest = createHash('sha256').update(query.toSQL().sql).digest('hex').slice(0, 24);
      // An empty name is no name to pg: an unnamed statement, parsed and planned on each run.
      statement = { named: query.prepare(`rows_${digest}`), unnamed: query.prepare('') };
      statements.set(id, statement);
    }
    return statement;
  }

  private async run(read: string, statement: Statement, keys: readonly string[], params: Record<string, unknown> = {}): Promise<unknown[]> {
    loaderBatchSize.observe({ read }, keys.length);
    try {
      return await (keys.length >= LARGE_BATCH ? statement.unnamed : statement.named).execute({ ...params, keys: [...keys] });
    } catch (error) {
      throw describeQueryFailure(read, error);
    }
  }

  /** The TypeScript property that holds `key` in the rows drizzle returns. */
  private field<T extends PgTable>(table: T, key: PgColumn): keyof Row<T> {
    const columns = table as unknown as Record<string, unknown>;
    const found = Object.keys(columns).find((property) => columns[property] === key);
    if (!found) throw new Error(`column ${key.name} does not belong to the table it was loaded from`);
    return found as keyof Row<T>;
  }
}

/** The primary key's columns of `table`, declared on a column or as a table constraint. */
function primaryKeyOf(table: PgTable): PgColumn[] {
  const { columns, primaryKeys } = getTableConfig(table);
  const declared = columns.filter((column) => column.primary);
  return declared.length > 0 ? declared : (primaryKeys[0]?.columns ?? []);
}
