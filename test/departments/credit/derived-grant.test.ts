import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledPolicy } from '../../../src/policy/compile.js';
import { POLICY_FILE, readPolicyFile } from '../../../src/policy/policy-file.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

/**
 * The shipped policy grants the credit records to no one but their keeper. A department that
 * later needs only "is this person on a poor-credit list?" gets the derived answer: this file
 * grants it, in a copy of the policy, to the residence-points assessment and checks that the
 * answer carries nothing of the records.
 */
type Policy = { grants: { department: string; purpose: string; derived?: string[] }[] };

function policyWith(change: (policy: Policy) => void): string {
  const policy = parseDocument(readFileSync(POLICY_FILE, 'utf8')).toJS() as Policy;
  change(policy);
  const file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  return file;
}

const POINTS = { department: 'migrant-services', purpose: 'residence-points-assessment' } as const;
const grantOf = (policy: Policy) => policy.grants.find((g) => g.department === POINTS.department && g.purpose === POINTS.purpose)!;

let gw: TestGateway;
let file: string;
let listed: string;
let repaired: string;
let neverListed: string;

beforeAll(async () => {
  file = policyWith((policy) => (grantOf(policy).derived = [...(grantOf(policy).derived ?? []), 'Person.hasActivePoorCreditRecord']));
  gw = await startTestGateway({ persons: 150, seed: 5, policyFile: file, as: POINTS });
  [listed, repaired, neverListed] = (
    await gw.database.query<{ citizen_id: string }>(
      `select citizen_id from registry.person p where birth_date <= '1990-01-01'
       and not exists (select 1 from credit.poor_credit_record c where c.citizen_id = p.citizen_id) order by citizen_id limit 3`,
    )
  ).map((r) => r.citizen_id) as [string, string, string];
  await gw.database.query(
    `insert into credit.poor_credit_record (record_no, citizen_id, kind, listed_by, recorded_on, removed_on) values
       ('TEST-ACTIVE', $1, 'dishonest_judgment_debtor', '广州市海珠区人民法院', '2023-07-03', null),
       ('TEST-REMOVED', $2, 'dishonest_judgment_debtor', '广州市中级人民法院', '2018-04-09', '2019-01-15')`,
    [listed, repaired],
  );
});
afterAll(async () => {
  await gw?.close();
  if (file) rmSync(dirname(file), { recursive: true, force: true });
});

describe('a grant of the derived answer only', () => {
  it('answers yes for a listed person, no for a repaired one and for one never listed, and none of the records', async () => {
    const { body } = await gw.query(
      'query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId hasActivePoorCreditRecord creditRecords { recordNo recordedOn } } }',
      { ids: [listed, repaired, neverListed] },
    );
    expect(body.data.persons).toEqual([
      { citizenId: listed, hasActivePoorCreditRecord: true, creditRecords: null },
      { citizenId: repaired, hasActivePoorCreditRecord: false, creditRecords: null },
      { citizenId: neverListed, hasActivePoorCreditRecord: false, creditRecords: null },
    ]);
    expect(new Set(body.errors!.map((e) => `${e.extensions!.code} ${e.extensions!.field}`))).toEqual(new Set(['FORBIDDEN Person.creditRecords']));
    // "No" is the same answer whether a record was removed or never existed: nothing of it leaks.
    expect(JSON.stringify(body)).not.toMatch(/TEST-|2023-07-03|2018-04-09|2019-01-15|法院/);
    const [audit] = await gw.database.query<{ fields_returned: string[]; fields_denied: string[] }>(
      'select fields_returned, fields_denied from audit.event where department = $1 order by seq desc limit 1',
      [POINTS.department],
    );
    expect(audit!.fields_returned).toContain('Person.hasActivePoorCreditRecord');
    expect(audit!.fields_denied).toEqual(['Person.creditRecords']);
  });

  it('cannot be widened to the records themselves: they are not a derived field, so such a policy does not compile', () => {
    const wrong = policyWith((policy) => (grantOf(policy).derived = ['Person.creditRecords']));
    try {
      expect(() => CompiledPolicy.compile(readPolicyFile(wrong), gw.gateway.schema)).toThrow(/Person\.creditRecords is not a derived field/);
    } finally {
      rmSync(dirname(wrong), { recursive: true, force: true });
    }
  });
});
