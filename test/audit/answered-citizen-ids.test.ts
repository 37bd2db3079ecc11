import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICTS } from '../../src/domain/districts.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let ids: string[];
let tianhe: string;
let notTianhe: string;
let education: Record<string, string>;

beforeAll(async () => {
  gw = await startTestGateway({ persons: 300, seed: 31 });
  ids = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id limit 20')).map((r) => r.citizen_id);
  const inDistrict = async (op: '=' | '<>') =>
    (
      await gw.database.query<{ citizen_id: string }>(
        `select citizen_id from registry.registration where district_code ${op} $1 order by citizen_id limit 1`,
        [DISTRICTS.TIANHE.code],
      )
    )[0]!.citizen_id;
  tianhe = await inDistrict('=');
  notTianhe = await inDistrict('<>');
  education = await gw.headersFor('education', 'school-enrolment');
}, 120_000);
afterAll(() => gw?.close());

/** Sends an operation and returns the answer with the one audit record it left. */
async function send(query: string, variables: Record<string, unknown> = {}, headers = education) {
  const response = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string; extensions: { code: string } }[] };
  const records = await gw.database.query<Record<string, any>>('select * from audit.event where request_id = $1', [response.headers.get('x-request-id')]);
  expect(records).toHaveLength(1);
  return { status: response.status, body, record: records[0]! };
}

describe('the audit records the citizen IDs the answer carries, whatever form the operation takes', () => {
  it('person inside a fragment on Query', async () => {
    const { body, record } = await send(`query { ...Look } fragment Look on Query { person(citizenId: "${ids[0]}") { name } }`);
    expect(body.data.person.name).toEqual(expect.any(String));
    expect(record.citizen_ids).toEqual([ids[0]]);
  });

  it('persons inside an inline fragment, aliased, without citizenId selected', async () => {
    const { body, record } = await send(`query { ... on Query { kids: persons(citizenIds: ["${ids[1]}", "${ids[2]}"]) { name } } }`);
    expect(body.data.kids).toHaveLength(2);
    // The audit's own field never reaches the caller.
    expect(Object.keys(body.data.kids[0])).toEqual(['name']);
    expect([...record.citizen_ids].sort()).toEqual([ids[1], ids[2]].sort());
  });

  it('an ID given as a variable default value', async () => {
    const { body, record } = await send(`query Look($id: CitizenId! = "${ids[3]}") { person(citizenId: $id) { birthDate } }`);
    expect(body.data.person.birthDate).toEqual(expect.any(String));
    expect(record.citizen_ids).toEqual([ids[3]]);
  });

  it('citizenId selected under another alias, and another field aliased as citizenId', async () => {
    const { body, record } = await send(`query { person(citizenId: "${ids[4]}") { id: citizenId citizenId: name } }`);
    expect(body.data.person).toEqual({ id: ids[4], citizenId: expect.any(String) });
    expect(body.data.person.citizenId).not.toEqual(ids[4]);
    expect(record.citizen_ids).toEqual([ids[4]]);
  });

  it('the same person asked for twice under two aliases and in persons is recorded once', async () => {
    const { record } = await send(
      `query { a: person(citizenId: "${ids[5]}") { name } b: person(citizenId: "${ids[5]}") { citizenId } c: persons(citizenIds: ["${ids[5]}", "${ids[6]}"]) { sex } }`,
    );
    expect([...record.citizen_ids].sort()).toEqual([ids[5], ids[6]].sort());
  });

  it('people not returned are not recorded: unknown IDs and a skipped root field', async () => {
    const unknown = '11010519491231002X';
    const { body, record } = await send(
      `query($skip: Boolean!) { persons(citizenIds: ["${unknown}", "${ids[7]}"]) { name } person(citizenId: "${ids[8]}") @skip(if: $skip) { name } }`,
      { skip: true },
    );
    expect(body.data.persons[0]).toBeNull();
    expect(body.data).not.toHaveProperty('person');
    expect(record.citizen_ids).toEqual([ids[7]]);
  });

  it('a row-scoped caller: people outside its district read as unknown and are not recorded', async () => {
    const office = await gw.headersFor('public-security', 'district-registration-services', { district: DISTRICTS.TIANHE.code });
    const { body, record } = await send(`query { persons(citizenIds: ["${tianhe}", "${notTianhe}"]) { name } }`, {}, office);
    expect(body.data.persons[0]).not.toBeNull();
    expect(body.data.persons[1]).toBeNull();
    expect(record.citizen_ids).toEqual([tianhe]);
  });

  it('the household head a registry answer names is recorded too', async () => {
    const registry = await gw.headersFor('public-security', 'household-registration');
    const rows = await gw.database.query<{ citizen_id: string; head: string }>(
      `select r.citizen_id, h.head_citizen_id as head from registry.registration r join registry.household h using (household_id)
        where h.head_citizen_id <> r.citizen_id order by r.citizen_id limit 1`,
    );
    const { citizen_id: member, head } = rows[0]!;
    const { body, record } = await send(`query { person(citizenId: "${member}") { registration { household { headCitizenId } } } }`, {}, registry);
    expect(body.data.person.registration.household.headCitizenId).toBe(head);
    expect([...record.citizen_ids].sort()).toEqual([member, head].sort());
  });
});

describe('an answer that carries people is an access, whatever else went wrong beside it', () => {
  it('people released beside a refused field are recorded as read, and a citizen finds the access', async () => {
    const { body, record } = await send(
      `query Harvest($ids: [CitizenId!]!, $big: [CitizenId!]!) { ok: persons(citizenIds: $ids) { name } bad: persons(citizenIds: $big) { citizenId } }`,
      { ids: [ids[10], ids[11]], big: Array.from({ length: 1001 }, () => ids[12]) },
    );
    expect(body.data.ok).toHaveLength(2);
    expect(body.errors!.map((e) => e.extensions.code)).toContain('BAD_USER_INPUT');
    expect(record).toMatchObject({ outcome: 'partly_denied', code: 'BAD_USER_INPUT' });
    expect([...record.citizen_ids].sort()).toEqual([ids[10], ids[11]].sort());
    expect(record.fields_returned).toEqual(expect.arrayContaining(['Query.persons', 'Person.name']));
    const citizen = await gw.headersFor('compliance', 'citizen-access-request');
    const history = await gw.query(`{ citizenAccessHistory(citizenId: "${ids[10]}") { department purpose } }`, {}, citizen);
    expect(history.body.data.citizenAccessHistory).toContainEqual({ department: 'education', purpose: 'school-enrolment' });
  });
});

describe('the audit records the fields the answer carries', () => {
  it('a denied field skipped by @skip is neither denied nor returned', async () => {
    const { body, record } = await send(`query { person(citizenId: "${ids[9]}") { name tax @skip(if: true) { incomeBracket } } }`);
    expect(body.errors).toBeUndefined();
    expect(record.outcome).toBe('allowed');
    expect(record.fields_denied).toEqual([]);
    expect(record.fields_returned).toEqual(expect.arrayContaining(['Query.person', 'Person.name']));
  });

  it('the same operation with the condition as a variable: denied only when included', async () => {
    const query = `query($withTax: Boolean!) { person(citizenId: "${ids[9]}") { name tax @include(if: $withTax) { incomeBracket } } }`;
    const without = await send(query, { withTax: false });
    expect(without.record.fields_denied).toEqual([]);
    const withTax = await send(query, { withTax: true });
    expect(withTax.record.outcome).toBe('partly_denied');
    expect(withTax.record.fields_denied).toEqual(['Person.tax']);
    expect(withTax.body.errors!.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
  });
});
