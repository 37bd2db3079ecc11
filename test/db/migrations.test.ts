import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { is } from 'drizzle-orm';
import { bookkeepingTable, LegacyMigrationsError, migrate } from '../../src/db/migrate.js';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { migrateAll } from '../../src/subgraphs/migrate-all.js';
import { openTestDatabase } from '../support/database.js';

/** Every module's schema and tables, read from the manifests' drizzle tables. */
const SCHEMAS = SUBGRAPHS.filter((module) => module.migrationsFolder).map((module) => module.name);
const TABLES = SUBGRAPHS.flatMap((module) => Object.values(module.tables).filter((value) => is(value, PgTable)).map((table) => getTableConfig(table as PgTable)));
const migrationCount = () => SUBGRAPHS.reduce((sum, { migrationsFolder }) => sum + (migrationsFolder ? readMigrationFiles({ migrationsFolder }).length : 0), 0);

let close: (() => Promise<void>) | undefined;
afterEach(() => close?.());

describe(`migrations (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('apply to an empty database, creating every module\'s schema and tables, and are a no-op the second time', async () => {
    const database = await openTestDatabase({ migrated: false });
    close = database.close;
    const expected = migrationCount();
    expect(expected).toBeGreaterThanOrEqual(SCHEMAS.length);

    expect(await migrateAll(database)).toBe(expected);
    const schemas = await database.query<{ schema_name: string }>(
      'select schema_name from information_schema.schemata where schema_name = any($1)',
      [SCHEMAS],
    );
    expect(schemas.map((s) => s.schema_name).sort()).toEqual([...SCHEMAS].sort());
    const tables = await database.query<{ name: string }>(
      "select table_schema || '.' || table_name as name from information_schema.tables where table_schema = any($1)",
      [SCHEMAS],
    );
    expect(tables.map((t) => t.name).sort()).toEqual(TABLES.map((t) => `${t.schema}.${t.name}`).sort());

    const bookkeeping = async () =>
      Promise.all(SCHEMAS.map((name) => database.query(`select * from drizzle."${bookkeepingTable(name)}" order by id`)));
    const before = await bookkeeping();
    expect(before.every((rows) => rows.length > 0)).toBe(true);
    expect(await migrateAll(database)).toBe(0);
    expect(await bookkeeping()).toEqual(before);
  });

  it('applies each migration once when several starts race', async () => {
    const database = await openTestDatabase({ migrated: false });
    close = database.close;
    const applied = await Promise.all([migrateAll(database), migrateAll(database), migrateAll(database)]);
    expect(applied.reduce((a, b) => a + b, 0)).toBe(migrationCount());
  });

  it('rolls a failing migration back entirely, other modules\' included', async () => {
    const registry = SUBGRAPHS.find((m) => m.name === 'registry')!;
    const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
    cpSync(registry.migrationsFolder!, folder, { recursive: true });
    const journalPath = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
    const last = journal.entries.at(-1);
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_broken' });
    writeFileSync(journalPath, JSON.stringify(journal));
    writeFileSync(join(folder, '9999_broken.sql'), 'create table registry.half_done (x int);\n--> statement-breakpoint\nselect no_such_function();');

    const database = await openTestDatabase({ migrated: false });
    close = database.close;
    const broken = SUBGRAPHS.map((m) => (m === registry ? { name: m.name, migrationsFolder: folder } : m));
    await expect(migrate(database, broken)).rejects.toThrow(/no_such_function/);
    const tables = await database.query('select 1 from information_schema.tables where table_schema = any($1)', [SCHEMAS]);
    expect(tables).toHaveLength(0);
    expect(await migrateAll(database)).toBe(migrationCount());
  });

  it('refuses a database migrated by the single-folder versions, with what to do, and changes nothing', async () => {
    const database = await openTestDatabase({ migrated: false });
    close = database.close;
    await database.query('create schema drizzle');
    await database.query('create table drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)');
    const error = await migrateAll(database).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LegacyMigrationsError);
    expect((error as Error).message).toMatch(/fresh database/);
    const schemas = await database.query('select 1 from information_schema.schemata where schema_name = any($1)', [SCHEMAS]);
    expect(schemas).toHaveLength(0);
  });
});
