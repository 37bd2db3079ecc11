import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { isDatabaseUnavailable } from '../../src/db/failures.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { admin, serverUrl } from '../support/postgres-admin.js';

/**
 * A database host that vanishes without closing its connections (half-open TCP): nothing answers
 * and nothing says no. Like readiness.test.ts this needs a PostgreSQL server, on the PGlite run
 * too, reached through a proxy that can swallow every byte.
 */
const name = `gateway_silent_${randomBytes(6).toString('hex')}`;

/** Small limits, so the test spends seconds rather than the defaults' tens of seconds. */
const timeouts = { connectMs: 500, statementMs: 800, queryMs: 1000, idleInTransactionMs: 2000, keepAliveDelayMs: 1000 };

type Proxy = Awaited<ReturnType<typeof startTcpProxy>>;
const proxies: Proxy[] = [];

/** The test database, reached through a proxy of its own. */
async function openBehindProxy(poolSize: number): Promise<{ proxy: Proxy; database: Database }> {
  const proxy = await startTcpProxy({ host: serverUrl.hostname, port: Number(serverUrl.port || 5432) });
  proxies.push(proxy);
  const viaProxy = new URL(serverUrl);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  viaProxy.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: viaProxy.toString(), poolSize, timeouts });
  return { proxy, database };
}

beforeAll(async () => {
  await admin(`create database ${name}`);
});
afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
  await admin(`drop database if exists ${name} with (force)`);
});

describe('a database that stops answering without closing its connections', () => {
  let gw: TestGateway;
  let proxy: Proxy;

  beforeAll(async () => {
    const opened = await openBehindProxy(2);
    proxy = opened.proxy;
    gw = await startTestGateway({ database: opened.database, persons: 10, seed: 6 });
  });
  afterAll(() => gw?.close().catch(() => {}));

  const readyz = async () => {
    const response = await fetch(`${gw.origin}/readyz`);
    return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
  };
  const person = 'query($id: CitizenId!) { person(citizenId: $id) { name } }';

  it('answers 503 instead of hanging, stays live, and recovers by itself when the database is back', async () => {
    const [{ citizen_id: id }] = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person limit 1')) as [{ citizen_id: string }];
    expect((await gw.query(person, { id })).status).toBe(200);

    proxy.blackHole();
    // The read times out, and the audit record cannot be written either: fail closed, within the bound.
    const refused = await gw.query(person, { id });
    expect(refused.status).toBe(503);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('AUDIT_UNAVAILABLE');
    expect(refused.body.data?.person ?? null).toBeNull();
    expect(JSON.stringify(refused.body)).not.toContain(id.slice(6));

    expect((await fetch(`${gw.origin}/healthz`)).status).toBe(200);
    const down = await readyz();
    expect(down.status).toBe(503);
    expect(down.body.checks.database).not.toBe('ok');
    expect(down.body.checks.auditStore).not.toBe('ok');
    expect(JSON.stringify(down.body)).not.toContain(name);

    // Every connection that went silent is given up, none kept in the pool for later requests.
    await expect.poll(() => proxy.heldConnections, { timeout: 20_000 }).toBe(0);

    await proxy.restore();
    await expect.poll(async () => (await readyz()).status, { timeout: 20_000 }).toBe(200);
    // More requests at once than the pool has connections: each one gets a live connection.
    const answers = await Promise.all(Array.from({ length: 5 }, () => gw.query(person, { id })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers[0]!.body.data.person.name).toBeTruthy();
    expect((await fetch(`${gw.origin}/healthz`)).status).toBe(200);
  }, 60_000);
});

describe('a transaction whose connection went silent', () => {
  let database: Database;
  let proxy: Proxy;

  beforeAll(async () => {
    // One connection: a dead one kept in the pool would be the one every later caller gets.
    ({ database, proxy } = await openBehindProxy(1));
  });
  afterAll(() => database?.close().catch(() => {}));

  it('fails as unavailable and leaves its connection out of the pool', async () => {
    expect(await database.transaction((query) => query<{ one: number }>('select 1 as one'))).toEqual([{ one: 1 }]);

    proxy.blackHole();
    const failure = await database.transaction((query) => query('select 1')).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDatabaseUnavailable(failure)).toBe(true);
    await expect.poll(() => proxy.heldConnections, { timeout: 20_000 }).toBe(0);

    await proxy.restore();
    expect(await database.transaction((query) => query<{ one: number }>('select 1 as one'))).toEqual([{ one: 1 }]);
    expect(await database.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
  }, 60_000);

  it('carries the statement limit in the connection itself, not as a statement per query', async () => {
    const rows = await database.query<{ statement: string; idle: string }>(
      "select current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle",
    );
    expect(rows).toEqual([{ statement: '800ms', idle: '2s' }]);
    // The session's own setting, from its startup message: not changed by a SET since.
    const [source] = await database.query<{ source: string }>("select source from pg_settings where name = 'statement_timeout'");
    expect(source!.source).toBe('client');
  });
});
