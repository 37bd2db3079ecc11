import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database } from './client.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Advisory lock ids are one bigint namespace per database; these are ours. */
export const LOCKS = { migrate: 7_340_001, seed: 7_340_002 } as const;

/**
 * Applies drizzle-kit's migrations that the database has not seen, in one transaction, under an
 * advisory lock. It keeps drizzle's own bookkeeping table (`drizzle.__drizzle_migrations`), so
 * drizzle-kit's tools read the same history; it exists because drizzle's migrator takes no lock,
 * and several gateway replicas may start at once. Returns how many migrations it applied.
 */
export async function migrate(database: Database, migrationsFolder = MIGRATIONS_FOLDER): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder });
  return database.withLock(LOCKS.migrate, async (query) => {
    await query('create schema if not exists drizzle');
    await query(
      'create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)',
    );
    const [last] = await query<{ created_at: string }>(
      'select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1',
    );
    const pending = migrations.filter((m) => !last || Number(last.created_at) < m.folderMillis);
    if (pending.length === 0) return 0;
    await query('begin');
    try {
      for (const migration of pending) {
        for (const statement of migration.sql) {
          if (statement.trim()) await query(statement);
        }
        await query('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', [
          migration.hash,
          migration.folderMillis,
        ]);
      }
      await query('commit');
    } catch (error) {
      await query('rollback');
      throw error;
    }
    return pending.length;
  });
}
