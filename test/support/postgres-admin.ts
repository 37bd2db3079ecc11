import pg from 'pg';

/**
 * The PostgreSQL server the tests that cut or silence a database connection use: DATABASE_URL's on
 * the PostgreSQL run, TEST_POSTGRES_URL or the machine's own on the PGlite run.
 */
export const serverUrl = new URL(process.env.DATABASE_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test');

/** Runs one statement on that server as its administrator, saying clearly when there is none. */
export async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect().catch((error: Error) => {
    throw new Error(`This test needs a PostgreSQL server at ${serverUrl.host} (set TEST_POSTGRES_URL to another): ${error.message}`);
  });
  await client.query(sql);
  await client.end();
}
