import { afterEach, describe, expect, it } from 'vitest';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate, MIGRATIONS_FOLDER } from '../../src/db/migrate.js';
import { openTestDatabase } from '../support/database.js';

const SCHEMAS = ['registry', 'education', 'health', 'tax', 'housing', 'hrss'];
let close: (() => Promise<void>) | undefined;
afterEach(() => close?.());

describe(`migrations (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('apply to an empty database, creating every department schema, and are a no-op the second time', async () => {
    const database = await openTestDatabase({ migrated: false });
    close = database.close;
    const expected = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
    expect(expected).toBeGreaterThan(0);

    expect(await migrate(database)).toBe(expected);
    const schemas = await database.query<{ schema_name: string }>(
      'select schema_name from information_schema.schemata where schema_name = any($1)',
      [SCHEMAS],
    );
    expect(schemas.map((s) => s.schema_name).sort()).toEqual([...SCHEMAS].sort());
    const [{ count }] = (await database.query<{ count: string }>(
      'select count(*) from information_schema.tables where table_schema = any($1)',
      [SCHEMAS],
    )) as [{ count: string }];
    expect(Number(count)).toBeGreaterThanOrEqual(18);

    const before = await database.query('select * from drizzle.__drizzle_migrations order by id');
    expect(await migrate(database)).toBe(0);
    expect(await database.query('select * from drizzle.__drizzle_migrations order by id')).toEqual(before);
  });

  it('applies each migration once when several starts race', async () => {
    const database = await openTestDatabase({ migrated: false });
    close = database.close;
    const applied = await Promise.all([migrate(database), migrate(database), migrate(database)]);
    const expected = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
    expect(applied.reduce((a, b) => a + b, 0)).toBe(expected);
    const rows = await database.query('select hash from drizzle.__drizzle_migrations');
    expect(rows).toHaveLength(expected);
  });

  it('rolls a failing migration back entirely', async () => {
    const { mkdtempSync, cpSync, writeFileSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalPath = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
    const last = journal.entries.at(-1);
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_broken' });
    writeFileSync(journalPath, JSON.stringify(journal));
    writeFileSync(join(folder, '9999_broken.sql'), 'create table registry.half_done (x int);\n--> statement-breakpoint\nselect no_such_function();');

    const database = await openTestDatabase({ migrated: false });
    close = database.close;
    await expect(migrate(database, folder)).rejects.toThrow(/no_such_function/);
    const tables = await database.query("select 1 from information_schema.tables where table_schema = 'registry'");
    expect(tables).toHaveLength(0);
    expect(await migrate(database)).toBeGreaterThan(0);
  });
});
