import { createHash } from 'node:crypto';
import { parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCitizenId } from '../../src/domain/citizen-id.js';
import { verifyChain } from '../../src/audit/verify.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let ids: string[];

beforeAll(async () => {
  gw = await startTestGateway({ persons: 1050, seed: 21 });
  ids = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id')).map((r) => r.citizen_id);
}, 120_000);
afterAll(() => gw?.close());

/** Sends a request and returns the answer with the audit records written for it. */
async function send(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const response = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { extensions: { code: string } }[] };
  const requestId = response.headers.get('x-request-id')!;
  const records = await gw.database.query<Record<string, any>>('select * from audit.event where request_id = $1', [requestId]);
  return { status: response.status, body, records };
}

const hashOf = (query: string) => createHash('sha256').update(print(parse(query))).digest('hex');
const PERSON = 'query Enrol($id: CitizenId!) { person(citizenId: $id) { name registration { district } } }';

describe('every operation leaves exactly one audit record', () => {
  it('an allowed read: caller, purpose, case, operation, the person returned and the fields', async () => {
    const headers = { ...(await gw.headersFor('education', 'school-enrolment', { app: 'enrolment-portal' })), 'x-case-id': 'ENR-2026/7' };
    const { status, records } = await send(PERSON, { id: ids[0] }, headers);
    expect(status).toBe(200);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      outcome: 'allowed',
      status: 200,
      code: null,
      department: 'education',
      subject: 'test-education',
      app: 'enrolment-portal',
      purpose: 'school-enrolment',
      case_id: 'ENR-2026/7',
      operation_name: 'Enrol',
      operation_hash: hashOf(PERSON),
      citizen_ids: [ids[0]],
      fields_denied: [],
      client_address: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect([...records[0]!.fields_returned].sort()).toEqual(['HouseholdRegistration.district', 'Person.name', 'Person.registration', 'Query.person']);
  });

  it('a partly denied read records the denied fields exactly', async () => {
    const query = 'query($id: CitizenId!) { person(citizenId: $id) { name tax { status } health { insuranceScheme } } }';
    const { records } = await send(query, { id: ids[1] }, await gw.headersFor('education', 'school-enrolment'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'partly_denied', code: 'FORBIDDEN', citizen_ids: [ids[1]] });
    expect([...records[0]!.fields_denied].sort()).toEqual(['Person.health', 'Person.tax']);
  });

  it('a request with no token is refused and recorded, with no caller', async () => {
    const { status, records } = await send(PERSON, { id: ids[0] }, { 'x-purpose': 'school-enrolment' });
    expect(status).toBe(401);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'refused', status: 401, code: 'UNAUTHENTICATED', department: null, citizen_ids: [], fields_returned: [] });
  });

  it("a request for another department's purpose is refused and recorded with who asked and for what", async () => {
    const { status, records } = await send(PERSON, { id: ids[0] }, await gw.headersFor('education', 'tax-administration'));
    expect(status).toBe(403);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'refused', code: 'PURPOSE_NOT_ALLOWED', department: 'education', subject: 'test-education', purpose: 'tax-administration' });
  });

  it('an invalid citizen ID is refused and recorded', async () => {
    const { status, records } = await send(PERSON, { id: '440106199001011230' }, await gw.headersFor('education', 'school-enrolment'));
    expect(status).toBe(400);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'refused', code: 'BAD_USER_INPUT', citizen_ids: [] });
  });

  it('a request that fails while being answered is recorded as failed', async () => {
    await gw.database.query('alter table tax.taxpayer rename to taxpayer_unavailable');
    try {
      const { body, records } = await send('query($id: CitizenId!) { person(citizenId: $id) { name tax { status } } }', { id: ids[2] }, await gw.headersFor('tax', 'tax-administration'));
      expect(body.errors![0]!.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ outcome: 'failed', code: 'INTERNAL_SERVER_ERROR', department: 'tax' });
    } finally {
      await gw.database.query('alter table tax.taxpayer_unavailable rename to taxpayer');
    }
  });

  it('persons with 1000 IDs records exactly the people returned, not the unknown ones asked for', async () => {
    const unknown = Array.from({ length: 20 }, (_, i) => makeCitizenId('110105', '1950-01-01', i + 1));
    const asked = [...ids.slice(0, 980), ...unknown];
    const { body, records } = await send('query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { name } }', { ids: asked }, await gw.headersFor('public-security', 'household-registration'));
    expect(body.data.persons.filter((p: unknown) => p !== null)).toHaveLength(980);
    expect(records).toHaveLength(1);
    expect([...records[0]!.citizen_ids].sort()).toEqual(ids.slice(0, 980).sort());
  });

  it('200 concurrent requests make 200 records in one valid chain', async () => {
    const before = Number((await gw.database.query<{ n: string }>('select count(*) as n from audit.event'))[0]!.n);
    const headers = await gw.headersFor('health', 'community-health-services');
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => send(PERSON, { id: ids[i] }, headers)));
    expect(answers.every((a) => a.status === 200 && a.records.length === 1)).toBe(true);
    const verification = await verifyChain(gw.database);
    expect(verification).toEqual({ intact: true, count: before + 200 });
  });
});

describe('fail closed', () => {
  it('returns AUDIT_UNAVAILABLE with HTTP 503 and no data when the audit store cannot be written', async () => {
    await gw.database.query('alter table audit.event rename to event_unavailable');
    try {
      const response = await fetch(gw.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await gw.headersFor('education', 'school-enrolment')) },
        body: JSON.stringify({ query: PERSON, variables: { id: ids[0] } }),
      });
      const text = await response.text();
      expect(response.status).toBe(503);
      const body = JSON.parse(text);
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe('AUDIT_UNAVAILABLE');
      const [name] = (await gw.database.query<{ name: string }>('select name from registry.person where citizen_id = $1', [ids[0]])) as [{ name: string }];
      expect(text).not.toContain(name.name);

      const refused = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(refused.status).toBe(503);
    } finally {
      await gw.database.query('alter table audit.event_unavailable rename to event');
    }
    const { status } = await send(PERSON, { id: ids[0] }, await gw.headersFor('education', 'school-enrolment'));
    expect(status).toBe(200);
    expect((await verifyChain(gw.database)).intact).toBe(true);
  });
});
