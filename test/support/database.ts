import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrateAll } from '../../src/subgraphs/migrate-all.js';

/**
 * A fresh, migrated database for one test file, on the driver the run was started for:
 * Postgres when DATABASE_URL is set (a new database on that server, dropped afterwards),
 * otherwise an in-memory PGlite. Test files never share data, so they may run in parallel.
 */
export async function openTestDatabase({ migrated = true } = {}): Promise<Database & { label: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    if (migrated) await migrateAll(database);
    return Object.assign(database, { label: 'pglite' });
  }
  const name = `gateway_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  if (migrated) await migrateAll(database);
  const close = database.close;
  let closed = false;
  return Object.assign(database, {
    label: 'postgres',
    async close() {
      if (!closed) await close();
      closed = true;
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  });
}
