import DataLoader from 'dataloader';
import { sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { describeQueryFailure } from './errors.js';

type Row<T extends PgTable> = T['$inferSelect'];

/**
 * Per-request batching of row look-ups, one DataLoader per (table, key column): however many
 * people a request touches, each table is read with exactly one statement, `key = ANY($1)` with the
 * keys as one array parameter (one parameter per key would mean 1000 placeholders to parse and plan).
 * Built fresh for every request, so no caller ever sees rows cached for another. A (table, key)
 * pair has one ordering: the first `many` call for it fixes the `orderBy`.
 */
export class RowLoaders {
  private readonly loaders = new Map<PgColumn, DataLoader<string, unknown>>();

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

  /** All rows whose `key` column equals the key, in `orderBy` order (empty when none). */
  many<T extends PgTable>(table: T, key: PgColumn, orderBy: SQL): DataLoader<string, Row<T>[]> {
    return this.loader(key, async (keys) => {
      const rows = (await this.select(table, key, keys, orderBy)) as Row<T>[];
      const field = this.field(table, key);
      const byKey = new Map<string, Row<T>[]>(keys.map((k) => [k, []]));
      for (const row of rows) byKey.get(String(row[field]))?.push(row);
      return keys.map((k) => byKey.get(k) ?? []);
    });
  }

  private loader<V>(key: PgColumn, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = this.loaders.get(key) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(batch, { maxBatchSize: 5000 });
      this.loaders.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }

  private async select(table: PgTable, key: PgColumn, keys: readonly string[], orderBy?: SQL): Promise<unknown[]> {
    const query = this.db
      .select()
      .from(table)
      .where(sql`${key} = any(${sql.param([...keys])})`);
    try {
      return await (orderBy ? query.orderBy(orderBy) : query);
    } catch (error) {
      const { schema, name } = getTableConfig(table);
      throw describeQueryFailure(`${schema}.${name}`, error);
    }
  }

  /** The TypeScript property that holds `key` in the rows drizzle returns. */
  private field<T extends PgTable>(table: T, key: PgColumn): keyof Row<T> {
    const columns = (table as unknown as Record<string, unknown>);
    const found = Object.keys(columns).find((property) => columns[property] === key);
    if (!found) throw new Error(`column ${key.name} does not belong to the table it was loaded from`);
    return found as keyof Row<T>;
  }
}
