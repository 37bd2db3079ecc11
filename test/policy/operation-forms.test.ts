import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskAddress } from '../../src/policy/masks.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let id: string;
let stored: { name: string; address: string; taxStatus: string };

beforeAll(async () => {
  gw = await startTestGateway({ persons: 300, seed: 4 });
  const [row] = (await gw.database.query<{ citizen_id: string; name: string; address: string; status: string }>(
    `select p.citizen_id, p.name, r.address, t.status from registry.person p
       join registry.registration r using (citizen_id) join tax.taxpayer t using (citizen_id) order by p.citizen_id limit 1`,
  )) as [{ citizen_id: string; name: string; address: string; status: string }];
  id = row.citizen_id;
  stored = { name: row.name, address: row.address, taxStatus: row.status.toUpperCase() };
});
afterAll(() => gw?.close());

const education = () => gw.headersFor('education', 'school-enrolment');
const forbidden = (body: { errors?: { path?: (string | number)[]; extensions?: Record<string, any> }[] }) =>
  (body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.path!.join('.'));

describe('the grant holds however the operation is written', () => {
  it('plain fields: granted ones answer, masked ones are masked, denied ones are null with FORBIDDEN', async () => {
    const { body } = await gw.query('query($id: CitizenId!) { person(citizenId: $id) { name tax { status } registration { address } } }', { id }, await education());
    expect(body.data.person).toEqual({ name: stored.name, tax: null, registration: { address: maskAddress(stored.address) } });
    expect(forbidden(body)).toEqual(['person.tax']);
    const [error] = body.errors!;
    expect(error!.message).toMatch(/Person\.tax is not readable by education for "school-enrolment".*no purpose of education grants it/);
  });

  it('aliases, named fragments and inline fragments grant nothing more, and the answer keeps their shape', async () => {
    const { body } = await gw.query(
      `query($id: CitizenId!) { p: person(citizenId: $id) { ...F ... on Person { r: registration { a: address } } } }
       fragment F on Person { n: name t: tax { s: status } }`,
      { id },
      await education(),
    );
    expect(body.data).toEqual({ p: { n: stored.name, t: null, r: { a: maskAddress(stored.address) } } });
    expect(forbidden(body)).toEqual(['p.t']);
  });

  it('an object whose every selected field is denied comes back with those fields null, and nothing else', async () => {
    const headers = await gw.headersFor('housing', 'public-housing-eligibility');
    const { body } = await gw.query('query($id: CitizenId!) { person(citizenId: $id) { tax { status arrears } } }', { id }, headers);
    expect(body.data.person).toEqual({ tax: { status: null, arrears: null } });
    expect(forbidden(body).sort()).toEqual(['person.tax.arrears', 'person.tax.status']);
  });

  it('a denied field skipped with @skip is neither answered nor reported', async () => {
    const { body } = await gw.query('query($id: CitizenId!, $no: Boolean!) { person(citizenId: $id) { name tax @skip(if: $no) { status } } }', { id, no: true }, await education());
    expect(body.data.person).toEqual({ name: stored.name });
    expect(body.errors).toBeUndefined();
  });

  it('the same query text gives each grant its own answer (no query plan is shared across grants)', async () => {
    const text = 'query($id: CitizenId!) { person(citizenId: $id) { name tax { status } } }';
    const tax = await gw.headersFor('tax', 'tax-administration');
    const first = await gw.query(text, { id }, tax);
    const denied = await gw.query(text, { id }, await education());
    const again = await gw.query(text, { id }, tax);
    expect(first.body.data.person.tax).toEqual({ status: stored.taxStatus });
    expect(denied.body.data.person.tax).toBeNull();
    expect(again.body).toEqual(first.body);
  });

  it('_entities is not part of the API: a caller cannot ask a subgraph directly through the gateway', async () => {
    const { status, body } = await gw.query(
      `{ _entities(representations: [{ __typename: "Person", citizenId: "${id}" }]) { ... on Person { tax { status } } } }`,
      {},
      await education(),
    );
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(body)).not.toContain(stored.taxStatus);
  });

  it('a denied field is never fetched: the subgraph that owns it is not asked', async () => {
    const statements: string[] = [];
    const stop = gw.database.onStatement((sql) => statements.push(sql));
    await gw.query('query($id: CitizenId!) { person(citizenId: $id) { name tax { status annualReturns { year taxPaid } } } }', { id }, await education());
    stop();
    expect(statements.some((sql) => sql.includes('"tax".'))).toBe(false);
  });
});

describe('derived fields', () => {
  it('give the computed answer without any of its inputs', async () => {
    const [row] = (await gw.database.query<{ citizen_id: string; taxable_income_fen: string }>(
      'select citizen_id, taxable_income_fen from tax.annual_return order by citizen_id, year desc limit 1',
    )) as [{ citizen_id: string; taxable_income_fen: string }];
    const { incomeBracketOf } = await import('../../src/domain/income-brackets.js');
    const headers = await gw.headersFor('housing', 'public-housing-eligibility');
    const { body } = await gw.query(
      'query($id: CitizenId!) { person(citizenId: $id) { tax { incomeBracket annualReturns { year taxPaid } } } }',
      { id: row.citizen_id },
      headers,
    );
    expect(body.data.person.tax.incomeBracket).toBe(incomeBracketOf(Number(row.taxable_income_fen) / 100));
    expect(body.data.person.tax.annualReturns.every((r: { taxPaid: unknown }) => r.taxPaid === null)).toBe(true);
    expect(JSON.stringify(body.data)).not.toContain((Number(row.taxable_income_fen) / 100).toFixed(2));
  });
});
