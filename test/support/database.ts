import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrateAll } from '../../src/subgraphs/migrate-all.js';

/**
 * Creating a PGlite cluster (initdb) costs seconds; loading a snapshot of one, about a second. The
 * first database a worker opens of each kind (empty, migrated) is snapshotted, and every later one
 * starts from the snapshot: the same state, made once. Module state is shared by a worker's files
 * (vitest `isolate: false`), so a worker makes each snapshot once.
 */
const templates = new Map<boolean, Promise<Blob>>();
export function pgliteTemplate(migrated: boolean): Promise<Blob> {
  let template = templates.get(migrated);
  if (!template) {
    template = (async () => {
      const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
      try {
        if (migrated) await migrateAll(database);
        return await database.snapshot!();
      } finally {
        await database.close();
      }
    })();
    templates.set(migrated, template);
  }
  return template;
}

/**
 * A fresh, migrated database for one test file, on the driver the run was started for:
 * Postgres when DATABASE_URL is set (a new database on that server, dropped afterwards),
 * otherwise an in-memory PGlite. Test files never share data, so they may run in parallel.
 */
export async function openTestDatabase({ migrated = true } = {}): Promise<Database & { label: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://', from: await pgliteTemplate(migrated) });
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
