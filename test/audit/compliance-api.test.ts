import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let ids: string[];
const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  gw = await startTestGateway({ persons: 30, seed: 8 });
  ids = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id')).map((r) => r.citizen_id);
  // Some history: the education bureau reads ids[0] twice, health reads ids[0] and ids[1], one refusal.
  const education = await gw.headersFor('education', 'school-enrolment');
  const health = await gw.headersFor('health', 'community-health-services');
  const person = 'query($id: CitizenId!) { person(citizenId: $id) { name } }';
  await gw.query(person, { id: ids[0] }, { ...education, 'x-case-id': 'ENR-1' });
  await gw.query(person, { id: ids[0] }, { ...education, 'x-case-id': 'ENR-2' });
  await gw.query(person, { id: ids[0] }, health);
  await gw.query(person, { id: ids[1] }, health);
  await gw.query(person, { id: ids[0] }, await gw.headersFor('education', 'tax-administration'));
});
afterAll(() => gw?.close());

const EVENTS = `query($filter: AuditFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) { endCursor events { seq department subject purpose caseId outcome citizenIds fieldsReturned } }
}`;

describe('the compliance API', () => {
  it('finds every access to one citizen, newest first, a page at a time', async () => {
    const reviewer = await gw.headersFor('compliance', 'access-review');
    const first = await gw.query(EVENTS, { filter: { citizenId: ids[0] }, first: 2 }, reviewer);
    expect(first.body.errors).toBeUndefined();
    const page1 = first.body.data.auditEvents;
    expect(page1.events.map((e: any) => [e.department, e.caseId])).toEqual([['health', null], ['education', 'ENR-2']]);
    const second = await gw.query(EVENTS, { filter: { citizenId: ids[0] }, first: 2, after: page1.endCursor }, reviewer);
    const page2 = second.body.data.auditEvents;
    expect(page2.events.map((e: any) => [e.department, e.caseId])).toEqual([['education', 'ENR-1']]);
    expect(page2.endCursor).toBeNull();
    expect(page2.events[0].fieldsReturned).toContain('Person.name');
  });

  it('filters by outcome, department and purpose, and counts per department per day', async () => {
    const reviewer = await gw.headersFor('compliance', 'access-review');
    const refused = await gw.query(EVENTS, { filter: { outcome: 'REFUSED', department: 'education' } }, reviewer);
    expect(refused.body.data.auditEvents.events).toMatchObject([{ department: 'education', purpose: 'tax-administration', outcome: 'REFUSED' }]);
    const totals = await gw.query('query($from: String!, $to: String!) { auditTotals(from: $from, to: $to) { day department requests refused } }', { from: today, to: tomorrow }, reviewer);
    expect(totals.body.data.auditTotals).toEqual(
      expect.arrayContaining([
        { day: today, department: 'education', requests: 3, refused: 1 },
        { day: today, department: 'health', requests: 2, refused: 0 },
      ]),
    );
  });

  it('audits its own reads', async () => {
    const reviewer = await gw.headersFor('compliance', 'access-review');
    await gw.query(EVENTS, { filter: { department: 'health' } }, reviewer);
    const { body } = await gw.query(EVENTS, { filter: { department: 'compliance', purpose: 'access-review' } }, reviewer);
    expect(body.data.auditEvents.events.length).toBeGreaterThanOrEqual(1);
    expect(body.data.auditEvents.events[0].fieldsReturned).toContain('Query.auditEvents');
  });

  it('is closed to every other department and purpose', async () => {
    const { body } = await gw.query(EVENTS, { filter: {} }, await gw.headersFor('education', 'school-enrolment'));
    expect(body.data.auditEvents).toBeNull();
    expect(body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const history = await gw.query('query($id: CitizenId!) { citizenAccessHistory(citizenId: $id) { department } }', { id: ids[0] }, await gw.headersFor('compliance', 'access-review'));
    expect(history.body.data.citizenAccessHistory).toBeNull();
    const otherPurpose = await gw.query(EVENTS, {}, await gw.headersFor('education', 'access-review'));
    expect(otherPurpose.status).toBe(403);
  });

  it('refuses a malformed time or cursor with a clear input error', async () => {
    const reviewer = await gw.headersFor('compliance', 'access-review');
    const badTime = await gw.query(EVENTS, { filter: { from: 'yesterday' } }, reviewer);
    expect(badTime.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(badTime.body.errors![0]!.message).toMatch(/ISO 8601/);
    const badCursor = await gw.query(EVENTS, { after: 'not-a-cursor' }, reviewer);
    expect(badCursor.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe("a citizen's access history", () => {
  it('lists which departments read the record, when, why and which fields, but never who', async () => {
    const { body } = await gw.query(
      'query($id: CitizenId!) { citizenAccessHistory(citizenId: $id) { at department purpose fields } }',
      { id: ids[0] },
      await gw.headersFor('compliance', 'citizen-access-request'),
    );
    expect(body.errors).toBeUndefined();
    const history = body.data.citizenAccessHistory;
    expect(history.map((h: any) => [h.department, h.purpose])).toEqual([
      ['health', 'community-health-services'],
      ['education', 'school-enrolment'],
      ['education', 'school-enrolment'],
    ]);
    expect(history[0].fields).toContain('Person.name');
    expect(new Date(history[0].at).getTime()).toBeGreaterThan(Date.now() - 600_000);
    expect(JSON.stringify(body)).not.toMatch(/test-education|test-health/);
  });

  it('a period outside 1970–9999 or a filter with a NUL character is the caller\'s mistake, not an internal error', async () => {
    const reviewer = await gw.headersFor('compliance', 'access-review');
    const cases: [string, Record<string, unknown>][] = [
      [EVENTS, { filter: { from: '+275760-09-13T00:00:00Z' } }],
      [EVENTS, { filter: { department: 'a\u0000b' } }],
      ['{ auditUnusualVolumes(from: "-271821-04-20T00:00:00Z", to: "+275760-09-13T00:00:00Z", minCitizens: 1) { department } }', {}],
    ];
    for (const [query, variables] of cases) {
      const { body } = await gw.query(query, variables, reviewer);
      expect(body.errors!.map((e) => e.extensions!.code)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0]!.message).toMatch(/from 1970 to 9999|NUL character/);
    }
  });
});
