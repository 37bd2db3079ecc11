import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_CITIZEN_ID } from '../../src/policy/operation-plan.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * Red-team finding 5: an answer can describe people whose ID the caller never selected (a household
 * member's place in the register, a parent's link, a spouse's marriage). The audit records them all
 * the same, so each finds the access in their own citizenAccessHistory; the caller's answer is
 * exactly what it asked for.
 */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ persons: 600, seed: 7 });
}, 300_000);
afterAll(() => gw?.close());

/** Sends an operation and returns the answer with the one audit record it left. */
async function send(query: string, variables: Record<string, unknown>, department: string, purpose: string) {
  const response = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await gw.headersFor(department, purpose)) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  const records = await gw.database.query<{ citizen_ids: string[] }>('select citizen_ids from audit.event where request_id = $1', [response.headers.get('x-request-id')]);
  expect(records).toHaveLength(1);
  expect(JSON.stringify(body)).not.toContain(AUDIT_CITIZEN_ID);
  return { body, recorded: [...records[0]!.citizen_ids].sort() };
}

const sorted = (ids: readonly string[]) => [...ids].sort();

describe('the audit records the people an answer describes, their IDs selected or not', () => {
  it('household registration: every household member listed and every parent linked', async () => {
    const [row] = await gw.database.query<{ citizen_id: string; members: string[]; parents: string[] }>(
      `select r.citizen_id,
              array(select m.citizen_id from registry.registration m where m.household_id = r.household_id) as members,
              array(select f.parent_citizen_id from registry.family_link f where f.child_citizen_id = r.citizen_id) as parents
         from registry.registration r join registry.household h using (household_id)
        where h.kind = 'family' and (select count(*) from registry.registration m where m.household_id = h.household_id) > 2
          and exists (select 1 from registry.family_link f where f.child_citizen_id = r.citizen_id) order by 1 limit 1`,
    );
    const { citizen_id: id, members, parents } = row!;
    const { body, recorded } = await send(
      'query($id: CitizenId!) { person(citizenId: $id) { registration { household { members { memberNo relation { code label } } } } parentLinks { kind since } } }',
      { id },
      'public-security',
      'household-registration',
    );
    expect(body.errors).toBeUndefined();
    const answered = body.data.person;
    expect(answered.registration.household.members).toHaveLength(members.length);
    expect(Object.keys(answered.registration.household.members[0]).sort()).toEqual(['memberNo', 'relation']);
    expect(answered.parentLinks).toHaveLength(parents.length);
    expect(Object.keys(answered.parentLinks[0]).sort()).toEqual(['kind', 'since']);
    expect(recorded).toEqual(sorted([...new Set([id, ...members, ...parents])]));
  });

  it('household registration: the IDs selected plainly are answered and recorded once', async () => {
    const [row] = await gw.database.query<{ citizen_id: string; members: string[] }>(
      `select r.citizen_id, array(select m.citizen_id from registry.registration m where m.household_id = r.household_id order by m.household_member_no) as members
         from registry.registration r join registry.household h using (household_id)
        where h.kind = 'family' and (select count(*) from registry.registration m where m.household_id = h.household_id) > 1 order by 1 limit 1`,
    );
    const { body, recorded } = await send(
      'query($id: CitizenId!) { person(citizenId: $id) { registration { household { members { citizenId memberNo } } } } }',
      { id: row!.citizen_id },
      'public-security',
      'household-registration',
    );
    expect(body.data.person.registration.household.members.map((m: { citizenId: string }) => m.citizenId)).toEqual(row!.members);
    expect(recorded).toEqual(sorted(row!.members));
  });

  it('subsistence allowance assessment: the spouse of every marriage answered', async () => {
    const [row] = await gw.database.query<{ citizen_id: string; spouses: string[] }>(
      `select citizen_id, array_agg(spouse_citizen_id) filter (where spouse_citizen_id is not null) as spouses
         from civil.marriage group by citizen_id having count(spouse_citizen_id) > 0 order by 1 limit 1`,
    );
    const { citizen_id: id, spouses } = row!;
    const { body, recorded } = await send(
      'query($id: CitizenId!) { person(citizenId: $id) { civilAffairs { marriages { registeredOn endedOn ending divorceAreaCode } } } }',
      { id },
      'civil-affairs',
      'subsistence-allowance-assessment',
    );
    expect(body.errors).toBeUndefined();
    const [marriage] = body.data.person.civilAffairs.marriages;
    expect(Object.keys(marriage).sort()).toEqual(['divorceAreaCode', 'endedOn', 'ending', 'registeredOn']);
    expect(recorded).toEqual(sorted([...new Set([id, ...spouses])]));
  });
});
