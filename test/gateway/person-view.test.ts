import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { fullPersonQuery, fullPersonsQuery } from '../../src/bench/full-view.js';
import { fenToYuan } from '../../src/domain/money.js';
import { makeCitizenId } from '../../src/domain/citizen-id.js';
import { DISTRICTS } from '../../src/domain/districts.js';

let gw: TestGateway;

beforeAll(async () => {
  // The federated view across every department, which no single grant covers (see test/policy for grants).
  gw = await startTestGateway({ access: 'off' });
});
afterAll(() => gw?.close());

/** A person the generator gave something in every department, found with plain SQL. */
async function richPerson(): Promise<string> {
  const [row] = await gw.database.query<{ citizen_id: string }>(`
    select p.citizen_id from registry.person p
    join registry.registration r using (citizen_id)
    join tax.taxpayer t using (citizen_id)
    join health.health_record h using (citizen_id)
    join education.learner l using (citizen_id)
    join housing.provident_fund f using (citizen_id)
    where r.household_id is not null
      and exists (select 1 from hrss.employment e where e.citizen_id = p.citizen_id)
      and exists (select 1 from housing.dwelling d where d.citizen_id = p.citizen_id)
    order by p.citizen_id limit 1`);
  if (!row) throw new Error('the generated population has nobody with every slice');
  return row.citizen_id;
}

describe('one Person view across the department subgraphs, over HTTP', () => {
  it('answers the full view of a person with every slice, matching what each department stores', async () => {
    const citizenId = await richPerson();
    const { status, body } = await gw.query(fullPersonQuery(gw.gateway.schema), { citizenId });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const person = body.data.person;

    const [core] = await gw.database.query<any>('select * from registry.person where citizen_id = $1', [citizenId]);
    expect(person).toMatchObject({ citizenId, name: core.name, sex: core.sex.toUpperCase(), ethnicity: core.ethnicity });
    expect(person.birthDate).toBe(`${citizenId.slice(6, 10)}-${citizenId.slice(10, 12)}-${citizenId.slice(12, 14)}`);

    const [registration] = await gw.database.query<any>('select * from registry.registration where citizen_id = $1', [citizenId]);
    expect(DISTRICTS[person.registration.district as keyof typeof DISTRICTS].code).toBe(registration.district_code);
    expect(person.registration.household.householdId).toBe(registration.household_id);

    const returns = await gw.database.query<any>('select * from tax.annual_return where citizen_id = $1 order by year desc', [citizenId]);
    expect(person.tax.annualReturns).toEqual(
      returns.map((r) => ({
        year: r.year,
        grossIncome: fenToYuan(Number(r.gross_income_fen)),
        deductions: expect.objectContaining({ standard: fenToYuan(Number(r.standard_deduction_fen)) }),
        taxableIncome: fenToYuan(Number(r.taxable_income_fen)),
        taxPaid: fenToYuan(Number(r.tax_paid_fen)),
      })),
    );
    expect(person.tax.arrears).toMatch(/^\d+\.\d{2}$/);

    const jobs = await gw.database.query<any>('select * from hrss.employment where citizen_id = $1', [citizenId]);
    expect(person.socialSecurity.employments).toHaveLength(jobs.length);
    const [fund] = await gw.database.query<any>('select * from housing.provident_fund where citizen_id = $1', [citizenId]);
    expect(person.housing.providentFund.balance).toBe(fenToYuan(Number(fund.balance_fen)));
    expect(person.health.communityHealthCentre).toBeTypeOf('string');
    expect(person.education.highestLevel).toMatch(/^[A-Z_]+$/);
  });

  it('returns null for a valid number the city holds no record of', async () => {
    const unknown = makeCitizenId('440106', '1901-01-01', 999);
    const { status, body } = await gw.query('query($id: CitizenId!) { person(citizenId: $id) { name } }', { id: unknown });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { person: null } });
  });

  it('answers persons in request order, with null for unknown people and duplicates answered twice', async () => {
    const known = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id desc limit 3')).map((r) => r.citizen_id);
    const unknown = makeCitizenId('110105', '1949-12-31', 2);
    const asked = [known[1]!, unknown, known[0]!, known[2]!, known[1]!];
    const { body } = await gw.query('query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId } }', { ids: asked });
    expect(body.errors).toBeUndefined();
    expect(body.data.persons).toEqual([{ citizenId: known[1] }, null, { citizenId: known[0] }, { citizenId: known[2] }, { citizenId: known[1] }]);
  });

  it('answers an empty persons list with an empty list', async () => {
    const { body } = await gw.query('{ persons(citizenIds: []) { citizenId } }');
    expect(body).toEqual({ data: { persons: [] } });
  });

  it('answers 1000 people in one query, each the person asked for', async () => {
    const ids = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by md5(citizen_id) limit 1000')).map((r) => r.citizen_id);
    const { body } = await gw.query(fullPersonsQuery(gw.gateway.schema), { citizenIds: ids });
    expect(body.errors).toBeUndefined();
    expect(body.data.persons.map((p: { citizenId: string }) => p.citizenId)).toEqual(ids);
  });

  it('refuses more than 1000 ids, saying how to fix it, without reading anything', async () => {
    const ids = Array.from({ length: 1001 }, (_, i) => makeCitizenId('440106', '1990-01-01', i % 999));
    let statements = 0;
    const stop = gw.database.onStatement(() => statements++);
    const { body } = await gw.query('query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { name } }', { ids });
    stop();
    expect(body.data?.persons ?? null).toBeNull();
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(body.errors?.[0]?.message).toMatch(/at most 1000 .* got 1001; split/);
    expect(statements).toBe(0);
  });

  it('accepts a lower-case x and answers with the normalised number', async () => {
    const [row] = await gw.database.query<{ citizen_id: string }>("select citizen_id from registry.person where citizen_id like '%X' limit 1");
    if (!row) throw new Error('the generated population has no ID ending in X');
    const lower = row.citizen_id.replace('X', 'x');
    const literal = await gw.query(`{ person(citizenId: "${lower}") { citizenId } }`);
    const variable = await gw.query('query($id: CitizenId!) { person(citizenId: $id) { citizenId } }', { id: lower });
    expect(literal.body).toEqual({ data: { person: { citizenId: row.citizen_id } } });
    expect(variable.body).toEqual({ data: { person: { citizenId: row.citizen_id } } });
  });
});
