import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';
import { makeCitizenId } from '../../../src/domain/citizen-id.js';

let gw: TestGateway;
/** Three adults the generator gave no record: one now listed, one whose only record was removed, one never listed. */
let listed: string;
let repaired: string;
let neverListed: string;

const CREDIT = { department: 'development-reform', purpose: 'credit-administration' } as const;
const QUERY = `query($id: CitizenId!) { person(citizenId: $id) {
  citizenId name hasActivePoorCreditRecord creditRecords { recordNo kind listedBy recordedOn removedOn } } }`;

/** The platform's rows for a person, oldest first, as the API spells them. */
async function storedRecords(citizenId: string) {
  const rows = await gw.database.query<{ record_no: string; kind: string; listed_by: string; recorded_on: string; removed_on: string | null }>(
    `select record_no, kind, listed_by, recorded_on::text as recorded_on, removed_on::text as removed_on
     from credit.poor_credit_record where citizen_id = $1 order by recorded_on, record_no`,
    [citizenId],
  );
  return rows.map((r) => ({ recordNo: r.record_no, kind: r.kind.toUpperCase(), listedBy: r.listed_by, recordedOn: r.recorded_on, removedOn: r.removed_on }));
}

beforeAll(async () => {
  gw = await startTestGateway({ persons: 600, seed: 7, as: CREDIT });
  // Records are rare (well under 1% of adults), so the cases are written here rather than hoped for.
  const adults = await gw.database.query<{ citizen_id: string }>(
    `select citizen_id from registry.person p
     where birth_date <= '1990-01-01' and not exists (select 1 from credit.poor_credit_record c where c.citizen_id = p.citizen_id)
     order by citizen_id limit 3`,
  );
  [listed, repaired, neverListed] = adults.map((r) => r.citizen_id) as [string, string, string];
  await gw.database.query(
    `insert into credit.poor_credit_record (record_no, citizen_id, kind, listed_by, recorded_on, removed_on) values
       ('TEST-LISTED-2', $1, 'dishonest_judgment_debtor', '广州市天河区人民法院', '2024-03-15', null),
       ('TEST-LISTED-1', $1, 'agency_serious_dishonesty', '广州市市场监督管理局', '2019-05-10', '2021-06-01'),
       ('TEST-REPAIRED', $2, 'wage_arrears_defaulter', '广州市人力资源和社会保障局', '2020-01-20', '2022-02-14')`,
    [listed, repaired],
  );
});
afterAll(() => gw?.close());

describe('the credit platform answers its own purpose in full', () => {
  it('gives a listed person every record, oldest first, removed ones with their date, and "yes"', async () => {
    const { status, body } = await gw.query(QUERY, { id: listed });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.person.hasActivePoorCreditRecord).toBe(true);
    expect(body.data.person.creditRecords).toEqual([
      { recordNo: 'TEST-LISTED-1', kind: 'AGENCY_SERIOUS_DISHONESTY', listedBy: '广州市市场监督管理局', recordedOn: '2019-05-10', removedOn: '2021-06-01' },
      { recordNo: 'TEST-LISTED-2', kind: 'DISHONEST_JUDGMENT_DEBTOR', listedBy: '广州市天河区人民法院', recordedOn: '2024-03-15', removedOn: null },
    ]);
    expect(body.data.person.name).toBeTypeOf('string');
  });

  it('answers "no" for a person whose only record was removed, and still shows that record to its keeper', async () => {
    const { body } = await gw.query(QUERY, { id: repaired });
    expect(body.errors).toBeUndefined();
    expect(body.data.person.hasActivePoorCreditRecord).toBe(false);
    expect(body.data.person.creditRecords).toEqual([
      { recordNo: 'TEST-REPAIRED', kind: 'WAGE_ARREARS_DEFAULTER', listedBy: '广州市人力资源和社会保障局', recordedOn: '2020-01-20', removedOn: '2022-02-14' },
    ]);
  });

  it('answers "no" and an empty list for a person never listed', async () => {
    const { body } = await gw.query(QUERY, { id: neverListed });
    expect(body.errors).toBeUndefined();
    expect(body.data.person).toMatchObject({ citizenId: neverListed, hasActivePoorCreditRecord: false, creditRecords: [] });
  });

  it('answers every person the platform holds records on, generated ones included, as stored, reading the table once', async () => {
    const holders = (await gw.database.query<{ citizen_id: string }>('select distinct citizen_id from credit.poor_credit_record order by citizen_id')).map((r) => r.citizen_id);
    const ids = [...holders, neverListed];
    const statements: string[] = [];
    const stop = gw.database.onStatement((sql) => statements.push(sql));
    const { body } = await gw.query(
      'query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId hasActivePoorCreditRecord creditRecords { recordNo kind listedBy recordedOn removedOn } } }',
      { ids },
    );
    stop();
    expect(body.errors).toBeUndefined();
    expect(statements.filter((sql) => sql.includes('"credit"."poor_credit_record"'))).toHaveLength(1);
    for (const [i, id] of ids.entries()) {
      const stored = await storedRecords(id);
      expect(body.data.persons[i], id).toEqual({ citizenId: id, creditRecords: stored, hasActivePoorCreditRecord: stored.some((r) => r.removedOn === null) });
    }
  });

  it('answers null, not "no", for a number the city holds no record of', async () => {
    const stranger = makeCitizenId('110105', '1960-02-03', 5);
    const { body } = await gw.query(QUERY, { id: stranger });
    expect(body).toEqual({ data: { person: null } });
  });
});

describe('no other department reads the records or the yes/no', () => {
  it.each([
    ['migrant-services', 'residence-points-assessment'],
    ['public-security', 'household-registration'],
    ['tax', 'tax-administration'],
  ])('%s acting for %s gets FORBIDDEN on both, audited as denied, and the platform is never asked', async (department, purpose) => {
    const statements: string[] = [];
    const stop = gw.database.onStatement((sql) => statements.push(sql));
    const { status, body } = await gw.query(QUERY, { id: listed }, await gw.headersFor(department, purpose));
    stop();
    expect(status).toBe(200);
    expect(body.data.person.citizenId).toBe(listed);
    expect(body.data.person.creditRecords).toBeNull();
    expect(body.data.person.hasActivePoorCreditRecord).toBeNull();
    const forbidden = (body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN');
    expect(forbidden.map((e) => e.path!.join('.')).sort()).toEqual(['person.creditRecords', 'person.hasActivePoorCreditRecord']);
    for (const error of forbidden) expect(error.extensions).toMatchObject({ purpose, grantedFor: [] });
    expect(JSON.stringify(body)).not.toContain('TEST-LISTED');
    expect(statements.some((sql) => sql.includes('"credit".'))).toBe(false);

    const [audit] = await gw.database.query<{ fields_denied: string[]; fields_returned: string[]; citizen_ids: string[] }>(
      'select fields_denied, fields_returned, citizen_ids from audit.event where department = $1 and purpose = $2 order by seq desc limit 1',
      [department, purpose],
    );
    expect(audit!.fields_denied).toEqual(expect.arrayContaining(['Person.creditRecords', 'Person.hasActivePoorCreditRecord']));
    expect(audit!.fields_returned.filter((f) => /credit|PoorCredit/i.test(f))).toEqual([]);
    expect(audit!.citizen_ids).toEqual([listed]);
  });

  it('development-reform cannot borrow another department\'s purpose to read more', async () => {
    const { status, body } = await gw.query(QUERY, { id: listed }, await gw.headersFor('development-reform', 'residence-points-assessment'));
    expect(status).toBe(403);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'PURPOSE_NOT_ALLOWED', allowedPurposes: ['credit-administration', 'points-settlement-review'] });
  });

  it('the credit purpose reads nothing of another department\'s slice', async () => {
    const { body } = await gw.query('query($id: CitizenId!) { person(citizenId: $id) { hasActivePoorCreditRecord tax { status } registration { district } } }', { id: listed });
    expect(body.data.person).toEqual({ hasActivePoorCreditRecord: true, tax: null, registration: null });
    expect((body.errors ?? []).map((e) => [e.extensions!.code, e.path!.join('.')]).sort()).toEqual([
      ['FORBIDDEN', 'person.registration'],
      ['FORBIDDEN', 'person.tax'],
    ]);
  });
});
