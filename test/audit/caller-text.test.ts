import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainHash, type ChainedRecord } from '../../src/audit/record.js';
import { parseCsvExport } from '../../src/audit/export.js';
import { verifyChain } from '../../src/audit/verify.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
const PERSONS = '{ persons(citizenIds: ["440106199001011235"]) { name } }';
const KB10 = 10_000;

beforeAll(async () => {
  gw = await startTestGateway({ persons: 10, seed: 5 });
});
afterAll(() => gw?.close());

/** Posts `body` as JSON with `headers`; returns the answer and the audit records written for it. */
async function post(body: Record<string, unknown>, headers: Record<string, string>) {
  const response = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const answer = (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, any> }[] };
  const records = await gw.database.query<Record<string, any>>('select * from audit.event where request_id = $1', [response.headers.get('x-request-id')]);
  return { status: response.status, answer, records };
}

async function expectChainIntact() {
  expect(await verifyChain(gw.database)).toMatchObject({ intact: true });
}

describe('the declared purpose is a purpose code, and never stored beyond 64 characters', () => {
  it('a 10 KB X-Purpose is refused with 400, recorded cut to 64 characters, and the audit stays writable', async () => {
    const headers = { ...(await gw.headersFor('education', 'x')), 'x-purpose': `school-enrolment${'a'.repeat(KB10)}` };
    const { status, answer, records } = await post({ query: PERSONS }, headers);
    expect(status).toBe(400);
    expect(answer.data).toBeUndefined();
    expect(answer.errors![0]!.extensions).toMatchObject({ code: 'BAD_REQUEST', allowedPurposes: ['school-enrolment', 'education-administration'] });
    expect(answer.errors![0]!.message).toMatch(/X-Purpose must be a purpose code: up to 64 lowercase letters, digits and hyphens/);
    expect(answer.errors![0]!.message).not.toContain('aaaaaaaa');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'refused', status: 400, department: 'education' });
    expect([...records[0]!.purpose]).toHaveLength(64);
    expect(records[0]!.purpose).toMatch(/^school-enrolmentaaa+…$/);

    const after = await post({ query: PERSONS }, await gw.headersFor('education', 'school-enrolment'));
    expect(after.status).toBe(200);
    await expectChainIntact();
  });

  it.each([
    ['upper case', 'School-Enrolment'],
    ['spaces', 'school enrolment'],
    ['markup', '<script>'],
    ['65 characters', 'a'.repeat(65)],
  ])('a purpose with %s is refused with 400 before it is looked up', async (_label, purpose) => {
    const { status, answer, records } = await post({ query: PERSONS }, { ...(await gw.headersFor('education', 'x')), 'x-purpose': purpose });
    expect(status).toBe(400);
    expect(answer.errors![0]!.extensions.code).toBe('BAD_REQUEST');
    expect(records[0]!.purpose.length).toBeLessThanOrEqual(64);
  });
});

describe('the operation name a caller sends is stored bounded', () => {
  it('a 10 KB operation name in the document answers, recorded cut to 256 characters', async () => {
    const name = `Lookup${'x'.repeat(KB10)}`;
    const { status, answer, records } = await post({ query: `query ${name} ${PERSONS}`, operationName: name }, await gw.headersFor('education', 'school-enrolment'));
    expect(status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(records).toHaveLength(1);
    expect([...records[0]!.operation_name]).toHaveLength(256);
    expect(records[0]!.operation_name).toMatch(/^Lookupx+…$/);
    await expectChainIntact();
  });

  // The answer's status for an operationName the document lacks is the operation walk's business;
  // what matters here is that the audit takes the name, bounded, and stays writable.
  it('a 10 KB operationName the document does not define gets no data, recorded bounded', async () => {
    const { status, answer, records } = await post({ query: PERSONS, operationName: 'y'.repeat(KB10) }, await gw.headersFor('education', 'school-enrolment'));
    expect(status).not.toBe(503);
    expect(answer.data ?? null).toBeNull();
    expect(records).toHaveLength(1);
    expect([...records[0]!.operation_name]).toHaveLength(256);
    await expectChainIntact();
  });

  it('an operationName with NUL and an unpaired surrogate is recorded (as U+FFFD), not AUDIT_UNAVAILABLE', async () => {
    const { status, answer, records } = await post({ query: PERSONS, operationName: 'a\u0000b\ud800c' }, await gw.headersFor('education', 'school-enrolment'));
    expect(status).not.toBe(503);
    expect(answer.errors![0]!.extensions.code).not.toBe('AUDIT_UNAVAILABLE');
    expect(records).toHaveLength(1);
    expect(records[0]!.operation_name).toBe('a\ufffdb\ufffdc');
    await expectChainIntact();
  });

  it('the database itself refuses an over-long text from any other writer', async () => {
    await expect(
      gw.database.query(
        `insert into audit.event (seq, recorded_at, request_id, outcome, status, operation_name, citizen_ids, fields_returned, fields_denied, duration_ms, prev_hash, hash)
         values (1000000, now(), 'r', 'allowed', 200, repeat('x', 1025), '{}', '{}', '{}', 0, repeat('0', 64), repeat('0', 64))`,
      ),
    ).rejects.toThrow(/event_operation_name_length/);
  });
});

describe('the CSV export cannot run formulas in a spreadsheet, and still re-verifies', () => {
  const FORMULAS = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', "'quoted", '\t=1'];

  it('cells starting with = + - @ (or tab, or a quote) get a leading quote in CSV, JSONL is unchanged, and both re-hash', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    for (const [i, text] of FORMULAS.entries()) {
      const headers = await gw.headersFor('education', 'school-enrolment', { subject: text, app: text });
      await post({ query: PERSONS, operationName: `${text}${i}` }, headers);
    }
    const to = new Date(Date.now() + 60_000).toISOString();
    const reviewer = await gw.headersFor('compliance', 'access-review');
    const period = new URLSearchParams({ from, to });
    const csv = await (await fetch(`${gw.origin}/audit/export?${period}&format=csv`, { headers: reviewer })).text();
    const jsonl = await (await fetch(`${gw.origin}/audit/export?${period}&format=jsonl`, { headers: reviewer })).text();

    // No cell in the file starts a formula: each such value is preceded by a quote.
    for (const text of ['=HYPERLINK', '+1+1', '-2+3', '@SUM(A1)']) {
      expect(csv).not.toMatch(new RegExp(`(^|,|")${text.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}`, 'm'));
      expect(csv).toContain(`'${text}`);
    }
    expect(csv).toContain("''quoted");

    const fromJsonl = jsonl.trim().split('\n').map((line) => JSON.parse(line) as ChainedRecord);
    const fromCsv = parseCsvExport(csv);
    // Each export is audited before it is written, so the later JSONL holds the CSV's records and one more.
    expect(fromCsv.length).toBeGreaterThanOrEqual(FORMULAS.length);
    expect(fromJsonl.slice(0, fromCsv.length)).toEqual(fromCsv);
    const subjects = fromJsonl.map((r) => r.subject);
    for (const text of FORMULAS) expect(subjects).toContain(text);
    for (const record of fromCsv) expect(chainHash(record.seq, record, record.prevHash)).toBe(record.hash);
  });
});
