import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;

beforeAll(async () => {
  // Audit off: this is about the data path; with the audit on the same database, test/audit covers the 503.
  gw = await startTestGateway({ persons: 50, seed: 5, audit: 'off', as: { department: 'tax', purpose: 'tax-administration' } });
});
afterAll(() => gw?.close().catch(() => {}));

describe('a database that is down', () => {
  it('gives SERVICE_UNAVAILABLE with HTTP 503 and no data, and leaks no query or ID', async () => {
    const [{ citizen_id: citizenId }] = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person limit 1')) as [{ citizen_id: string }];
    const up = await gw.query('query($id: CitizenId!) { person(citizenId: $id) { name } }', { id: citizenId });
    expect(up.body.data.person.name).toBeTruthy();

    await gw.database.close();
    const { status, body } = await gw.query('query($id: CitizenId!) { person(citizenId: $id) { name tax { status } } }', { id: citizenId });
    expect(status).toBe(503);
    expect(body.data?.person ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors?.[0]?.message).toMatch(/not reachable.*retry/);
    expect(JSON.stringify(body)).not.toContain(citizenId.slice(6));
    expect(JSON.stringify(body)).not.toMatch(/select|registry|params/i);
  });
});

describe('a database that is down, read by the audit subgraph', () => {
  let compliance: TestGateway;
  beforeAll(async () => {
    compliance = await startTestGateway({ persons: 0, audit: 'off', as: { department: 'compliance', purpose: 'access-review' } });
  });
  afterAll(() => compliance?.close().catch(() => {}));

  it('gives a compliance officer SERVICE_UNAVAILABLE with HTTP 503, not an internal error', async () => {
    const search = '{ auditEvents(first: 5) { events { seq } } auditTotals(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { day } }';
    expect((await compliance.query(search)).status).toBe(200);

    await compliance.database.close();
    const { status, body } = await compliance.query(search);
    expect(status).toBe(503);
    expect(Object.values(body.data ?? {}).every((value) => value === null)).toBe(true);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE']);
    expect(body.errors?.[0]?.message).toMatch(/not reachable.*retry/);
    expect(JSON.stringify(body)).not.toMatch(/select|audit\.event|params/i);
  });
});
