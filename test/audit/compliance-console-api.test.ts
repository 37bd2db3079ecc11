import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let ids: string[];
const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  gw = await startTestGateway({ persons: 40, seed: 11 });
  ids = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id')).map((r) => r.citizen_id);
  // Education reads 25 distinct people in one request and 3 in another; health reads 2.
  const education = await gw.headersFor('education', 'school-enrolment', { subject: 'bulk-reader' });
  const persons = 'query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { name } }';
  expect((await gw.query(persons, { ids: ids.slice(0, 25) }, education)).status).toBe(200);
  await gw.query(persons, { ids: ids.slice(23, 26) }, education);
  await gw.query(persons, { ids: ids.slice(30, 32) }, await gw.headersFor('health', 'community-health-services'));
});
afterAll(() => gw?.close());

const VOLUMES = 'query($from: String!, $to: String!, $min: Int) { auditUnusualVolumes(from: $from, to: $to, minCitizens: $min) { hour department subject citizens requests } }';
const VERIFY = '{ auditChainVerification { intact checked brokenAt problem verifiedAt } }';

describe('unusual volumes', () => {
  it('flags a caller reading many distinct citizens within one hour, and only that caller', async () => {
    const reviewer = await gw.headersFor('compliance', 'access-review');
    const { body } = await gw.query(VOLUMES, { from: today, to: tomorrow, min: 20 }, reviewer);
    expect(body.errors).toBeUndefined();
    const [first] = await gw.database.query<{ recorded_at: Date | string }>("select recorded_at from audit.event where subject = 'bulk-reader' order by seq limit 1");
    const hour = `${new Date(first!.recorded_at).toISOString().slice(0, 13)}:00:00Z`;
    // 25 + 3 reads with 2 in common: 26 distinct citizens in 2 requests.
    expect(body.data.auditUnusualVolumes).toEqual([{ hour, department: 'education', subject: 'bulk-reader', citizens: 26, requests: 2 }]);
    const lower = await gw.query(VOLUMES, { from: today, to: tomorrow, min: 2 }, reviewer);
    expect(lower.body.data.auditUnusualVolumes.map((f: any) => f.department)).toEqual(['education', 'health']);
  });

  it('refuses a threshold out of range, and is closed to other departments', async () => {
    const reviewer = await gw.headersFor('compliance', 'access-review');
    const bad = await gw.query(VOLUMES, { from: today, to: tomorrow, min: 0 }, reviewer);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors?.[0]?.message).toMatch(/minCitizens must be from 1/);
    const other = await gw.query(VOLUMES, { from: today, to: tomorrow }, await gw.headersFor('compliance', 'citizen-access-request'));
    expect(other.body.data?.auditUnusualVolumes ?? null).toBeNull();
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('chain verification from the API', () => {
  it('reports the chain intact with the number of records checked', async () => {
    const reviewer = await gw.headersFor('compliance', 'access-review');
    const [{ count }] = (await gw.database.query<{ count: string }>('select count(*) from audit.event')) as [{ count: string }];
    const { body } = await gw.query(VERIFY, {}, reviewer);
    expect(body.data.auditChainVerification).toMatchObject({ intact: true, checked: Number(count), brokenAt: null, problem: null });
    expect(Date.parse(body.data.auditChainVerification.verifiedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('names the first record altered behind the append-only triggers', async () => {
    await gw.database.query('alter table audit.event disable trigger user');
    await gw.database.query("update audit.event set department = 'tax' where seq = 2");
    await gw.database.query('alter table audit.event enable trigger user');
    const { body } = await gw.query(VERIFY, {}, await gw.headersFor('compliance', 'access-review'));
    expect(body.data.auditChainVerification).toMatchObject({ intact: false, checked: 1, brokenAt: 2 });
    expect(body.data.auditChainVerification.problem).toMatch(/record 2 was altered/);
  });
});

describe('GET /audit/export', () => {
  const exportUrl = (query: string) => `${gw.origin}/audit/export?${query}`;

  it('streams the period as CSV with hashes, and audits the export before it', async () => {
    const reviewer = await gw.headersFor('compliance', 'access-review', { subject: 'officer-7' });
    const response = await fetch(exportUrl(`from=${today}&to=${tomorrow}&format=csv`), { headers: reviewer });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="audit-.*\.csv"/);
    const lines = (await response.text()).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^seq,.*,prevHash,hash,asOf,unavailableSubgraphs$/);
    const exported = lines.slice(1);
    expect(exported.length).toBeGreaterThanOrEqual(4);
    expect(exported.some((line) => line.includes('bulk-reader'))).toBe(true);
    // The export's own record is in the log, written before the file: it is the last line exported.
    expect(exported.at(-1)).toContain('officer-7');
    expect(exported.at(-1)).toContain('auditExport');
  });

  it('refuses another department, audited as refused, and says what grant is needed', async () => {
    const education = await gw.headersFor('education', 'school-enrolment', { subject: 'curious-clerk' });
    const response = await fetch(exportUrl(`from=${today}&to=${tomorrow}`), { headers: education });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('FORBIDDEN');
    expect(body.errors[0]?.message).toMatch(/Query\.auditEvents.*access-review/);
    const [record] = await gw.database.query<{ outcome: string; code: string }>("select outcome, code from audit.event where subject = 'curious-clerk'");
    expect(record).toEqual({ outcome: 'refused', code: 'FORBIDDEN' });
  });

  it('refuses a missing token, bad dates and an unknown format with a message saying how to fix them', async () => {
    const reviewer = await gw.headersFor('compliance', 'access-review');
    const anonymous = await fetch(exportUrl(`from=${today}&to=${tomorrow}`));
    expect(anonymous.status).toBe(401);
    for (const [query, message] of [
      [`to=${tomorrow}`, /from is required/],
      [`from=yesterday&to=${tomorrow}`, /from must be an ISO 8601 time/],
      [`from=${tomorrow}&to=${today}`, /from must be before to/],
      [`from=${today}&to=${tomorrow}&format=xlsx`, /format must be csv or jsonl/],
    ] as const) {
      const response = await fetch(exportUrl(query), { headers: reviewer });
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(message);
    }
  });
});
