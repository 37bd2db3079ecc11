import type { QueryFn } from './client.js';

/**
 * Bulk loading into empty tables with their indexes and keys set aside, built again afterwards:
 * one sort per index instead of a B-tree insertion per row, and one join per foreign key instead of
 * a trigger per row. On 100,000 people it halves Postgres's share of the load. Everything happens
 * in the caller's transaction, so a failed load leaves every index and constraint as it was.
 *
 * What is dropped is read from the catalog, and what is built again is the catalog's own definition
 * of it (pg_get_indexdef, pg_get_constraintdef): the migrations stay the only place a key or an
 * index is written down.
 */

interface Deferred {
  /** Primary keys, unique constraints and foreign keys: `alter table … add constraint …`. */
  constraints: Array<{ table: string; name: string; definition: string; foreign: boolean }>;
  /** Indexes no constraint owns: `create index …`. */
  indexes: Array<{ name: string; definition: string }>;
}

/** An SQL identifier, quoted. */
export const quoteIdentifier = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * The keys and indexes of `targets` (quoted `"schema"."table"` names), and the foreign keys of
 * other tables that point at them (their referenced key cannot be dropped while they stand).
 */
async function readDeferred(query: QueryFn, targets: readonly string[]): Promise<Deferred> {
  const constraints = await query<{ table: string; name: string; definition: string; foreign: boolean }>(
    `select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as definition,
            c.contype = 'f' as foreign
       from pg_constraint c
      where c.contype in ('p', 'u', 'f')
        and (c.conrelid = any($1::text[]::regclass[]) or (c.contype = 'f' and c.confrelid = any($1::text[]::regclass[])))
      order by c.contype = 'f', c.conrelid::regclass::text, c.conname`,
    [targets],
  );
  const indexes = await query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i
      where i.indrelid = any($1::text[]::regclass[])
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.contype in ('p', 'u', 'x'))
      order by 1`,
    [targets],
  );
  return { constraints, indexes };
}

/**
 * Runs `load` with the indexes and keys of `targets` dropped, then builds them again (foreign keys
 * last, so they validate against complete tables). A load that broke a key fails here, at the
 * rebuild, and the caller's transaction rolls everything back.
 */
export async function withIndexesDeferred<T>(query: QueryFn, targets: readonly string[], load: () => Promise<T>): Promise<T> {
  const deferred = await readDeferred(query, targets);
  for (const { table, name } of [...deferred.constraints].sort((a, b) => Number(b.foreign) - Number(a.foreign))) {
    await query(`alter table ${table} drop constraint ${quoteIdentifier(name)}`);
  }
  for (const { name } of deferred.indexes) await query(`drop index ${name}`);
  const result = await load();
  // Sorting for an index build is the slow part; the session default (64 MB) spills to disk early.
  await query(`set local maintenance_work_mem = '512MB'`);
  for (const { definition } of deferred.indexes) await query(definition);
  for (const { table, name, definition } of deferred.constraints) {
    await query(`alter table ${table} add constraint ${quoteIdentifier(name)} ${definition}`);
  }
  return result;
}
