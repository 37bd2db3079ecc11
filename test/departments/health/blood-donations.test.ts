import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

/**
 * Blood donations through the real gateway: the health department's own purpose reads them; no
 * other department's purpose does, and the refusal is audited, with nothing read from health.
 */
let gw: TestGateway;
let donors: string[];
const donationsOf = new Map<string, { donatedOn: string; volumeMl: number }[]>();

beforeAll(async () => {
  gw = await startTestGateway({ persons: 1000, seed: 37, as: { department: 'health', purpose: 'community-health-services' } });
  const rows = await gw.database.query<{ citizen_id: string; donated_on: string; volume_ml: number }>(
    'select citizen_id, donated_on::text as donated_on, volume_ml from health.blood_donation order by citizen_id, donated_on',
  );
  for (const row of rows) donationsOf.set(row.citizen_id, [...(donationsOf.get(row.citizen_id) ?? []), { donatedOn: row.donated_on, volumeMl: row.volume_ml }]);
  donors = [...donationsOf.keys()].slice(0, 10);
}, 300_000);
afterAll(() => gw?.close());

/** Sends an operation and returns the answer with the one audit record it left. */
async function send(query: string, variables: Record<string, unknown>, headers?: Record<string, string>) {
  const response = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(headers ?? (await gw.headersFor('health', 'community-health-services'))) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string; path?: (string | number)[]; extensions: Record<string, any> }[] };
  const records = await gw.database.query<Record<string, any>>('select * from audit.event where request_id = $1', [response.headers.get('x-request-id')]);
  expect(records).toHaveLength(1);
  return { status: response.status, body, record: records[0]! };
}

const DONATIONS = 'query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId name health { bloodDonations { donatedOn volumeMl } } } }';

describe('blood donations', () => {
  it('are read in full, earliest first, for community health services', async () => {
    expect(donors.length).toBeGreaterThanOrEqual(10);
    const { status, body, record } = await send(DONATIONS, { ids: donors });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    for (const person of body.data.persons) expect(person.health.bloodDonations).toEqual(donationsOf.get(person.citizenId));
    expect(record.fields_returned).toEqual(expect.arrayContaining(['HealthSlice.bloodDonations', 'BloodDonation.donatedOn', 'BloodDonation.volumeMl']));
    expect(record.fields_denied).toEqual([]);
  });

  it('are an empty list for someone with a health record who never gave', async () => {
    const [someone] = await gw.database.query<{ citizen_id: string }>(
      'select citizen_id from health.health_record r where not exists (select 1 from health.blood_donation d where d.citizen_id = r.citizen_id) order by citizen_id limit 1',
    );
    const { body } = await send(DONATIONS, { ids: [someone!.citizen_id] });
    expect(body.data.persons[0].health.bloodDonations).toEqual([]);
  });

  it.each([
    ['migrant-services', 'residence-points-assessment'],
    ['housing', 'housing-administration'],
    ['education', 'education-administration'],
  ])('are refused to %s for %s: FORBIDDEN, audited as denied, and health is not even asked', async (department, purpose) => {
    const statements: string[] = [];
    const stop = gw.database.onStatement((sql) => statements.push(sql));
    const { status, body, record } = await send(DONATIONS, { ids: donors.slice(0, 2) }, await gw.headersFor(department, purpose));
    stop();
    expect(status).toBe(200);
    for (const [i, person] of body.data.persons.entries()) {
      expect(person.name).toEqual(expect.any(String));
      expect(person.health).toBeNull();
      expect(body.errors).toContainEqual(expect.objectContaining({ path: ['persons', i, 'health'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
    }
    expect(JSON.stringify(body)).not.toContain(donationsOf.get(donors[0]!)![0]!.donatedOn);
    expect(record.fields_denied).toContain('Person.health');
    expect(record.fields_returned.filter((f: string) => /BloodDonation|HealthSlice/.test(f))).toEqual([]);
    expect(statements.filter((sql) => sql.includes('"health".'))).toEqual([]);
  });
});
