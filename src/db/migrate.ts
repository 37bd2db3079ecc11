import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database } from './client.js';

/** Advisory lock ids are one bigint namespace per database; these are ours. */
export const LOCKS = { migrate: 7_340_001, seed: 7_340_002 } as const;

/** What the migrator needs of a module (DepartmentModule): its name and drizzle-kit's output for its schema. */
export interface MigratedModule {
  name: string;
  /** Null for a module with no tables of its own. */
  migrationsFolder: string | null;
}

/** drizzle's bookkeeping table for one module, as drizzle-kit's `migrate` would name it with `migrations.table`. */
export const bookkeepingTable = (module: string) => `__drizzle_migrations_${module.replaceAll('-', '_')}`;

export class LegacyMigrationsError extends Error {
  override name = 'LegacyMigrationsError';
  constructor() {
    super(
      'this database was migrated by a version of the gateway that kept every department\'s migrations in one ' +
        'folder (drizzle.__drizzle_migrations); migrations are now per department module and cannot be matched ' +
        'to it. It holds only synthetic demo data: start from a fresh database (delete the PGLITE_DIR folder, ' +
        'or drop and recreate the DATABASE_URL database) and seed again.',
    );
  }
}

/**
 * Applies each module's drizzle-kit migrations that the database has not seen, every module's in
 * one transaction, under an advisory lock. Each module keeps its own drizzle bookkeeping table
 * (`drizzle.__drizzle_migrations_<module>`), so a department's schema can later be migrated on its
 * own, in its own database; it exists because drizzle's migrator takes no lock, and several gateway
 * replicas may start at once. Returns how many migrations it applied.
 */
export async function migrate(database: Database, modules: readonly MigratedModule[]): Promise<number> {
  // A module with no tables of its own (an assessment) has nothing to migrate.
  const migrations = modules.flatMap(({ name, migrationsFolder }) => (migrationsFolder ? [{ name, files: readMigrationFiles({ migrationsFolder }) }] : []));
  return database.withLock(LOCKS.migrate, async (query) => {
    const [legacy] = await query<{ present: boolean }>("select to_regclass('drizzle.__drizzle_migrations') is not null as present");
    if (legacy?.present) throw new LegacyMigrationsError();
    await query('create schema if not exists drizzle');
    const pending: Array<{ table: string; files: ReturnType<typeof readMigrationFiles> }> = [];
    for (const { name, files } of migrations) {
      const table = `drizzle."${bookkeepingTable(name)}"`;
      await query(`create table if not exists ${table} (id serial primary key, hash text not null, created_at bigint)`);
      const [last] = await query<{ created_at: string }>(`select created_at from ${table} order by created_at desc limit 1`);
      const due = files.filter((m) => !last || Number(last.created_at) < m.folderMillis);
      if (due.length > 0) pending.push({ table, files: due });
    }
    if (pending.length === 0) return 0;
    await query('begin');
    try {
      for (const { table, files } of pending) {
        for (const migration of files) {
          for (const statement of migration.sql) {
            if (statement.trim()) await query(statement);
          }
          await query(`insert into ${table} (hash, created_at) values ($1, $2)`, [migration.hash, migration.folderMillis]);
        }
      }
      await query('commit');
    } catch (error) {
      await query('rollback');
      throw error;
    }
    return pending.reduce((sum, { files }) => sum + files.length, 0);
  });
}
