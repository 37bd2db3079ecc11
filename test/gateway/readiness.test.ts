import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { admin, serverUrl } from '../support/postgres-admin.js';

/**
 * A database server that goes away and comes back needs a server: this file always runs on
 * PostgreSQL (DATABASE_URL, or TEST_POSTGRES_URL, or the local one .ci/run starts), reached
 * through a proxy the test can cut, on the PGlite run too.
 */
const name = `gateway_ready_${randomBytes(6).toString('hex')}`;

let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let gw: TestGateway;

beforeAll(async () => {
  await admin(`create database ${name}`);
  proxy = await startTcpProxy({ host: serverUrl.hostname, port: Number(serverUrl.port || 5432) });
  const viaProxy = new URL(serverUrl);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  viaProxy.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: viaProxy.toString(), poolSize: 4 });
  gw = await startTestGateway({ database, persons: 10, seed: 4 });
});
afterAll(async () => {
  await gw?.close().catch(() => {});
  await proxy?.close();
  await admin(`drop database if exists ${name} with (force)`);
});

const readyz = async () => {
  const response = await fetch(`${gw.origin}/readyz`);
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
};

describe('/readyz', () => {
  it('turns unready when the database goes away and ready again when it returns', async () => {
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'ok', auditStore: 'ok', composition: 'ok', shutdown: 'ok' } } });
    const [{ citizen_id: id }] = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person limit 1')) as [{ citizen_id: string }];
    const person = 'query($id: CitizenId!) { person(citizenId: $id) { name } }';

    await proxy.cut();
    const down = await readyz();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('unready');
    expect(down.body.checks.database).toMatch(/ECONNREFUSED|terminat|closed/i);
    expect(down.body.checks.auditStore).not.toBe('ok');
    expect(down.body.checks.composition).toBe('ok');
    // No secret in the report: not the connection string, not the database's name.
    expect(JSON.stringify(down.body)).not.toContain(name);
    // Liveness is not readiness: the process is still up.
    expect((await fetch(`${gw.origin}/healthz`)).status).toBe(200);
    // Meanwhile a query is refused as unavailable (no answer leaves unaudited).
    expect((await gw.query(person, { id })).status).toBe(503);

    await proxy.restore();
    await expect.poll(async () => (await readyz()).status, { timeout: 10_000 }).toBe(200);
    const after = await gw.query(person, { id });
    expect(after.status).toBe(200);
    expect(after.body.data.person.name).toBeTruthy();
  });
});
