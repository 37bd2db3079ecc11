import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICTS } from '../../../src/domain/districts.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

/**
 * Provident-fund contribution months and the history of homes through the real gateway: the
 * housing bureau's own administration reads them; public-housing eligibility reads the account's
 * status but not its months; migrant services (points) reads neither, and each refusal is audited.
 */
let gw: TestGateway;
let members: string[];
const runsOf = new Map<string, { fromMonth: string; toMonth: string | null }[]>();
const districtName = new Map<string, string>(Object.entries(DISTRICTS).map(([name, d]) => [d.code, name]));

beforeAll(async () => {
  gw = await startTestGateway({ persons: 600, seed: 41, as: { department: 'housing', purpose: 'housing-administration' } });
  const rows = await gw.database.query<{ citizen_id: string; from_month: string; to_month: string | null }>(
    'select citizen_id, from_month, to_month from housing.provident_fund_contribution order by citizen_id, from_month',
  );
  for (const row of rows) runsOf.set(row.citizen_id, [...(runsOf.get(row.citizen_id) ?? []), { fromMonth: row.from_month, toMonth: row.to_month }]);
  // Members with more than one run first: the order of runs is part of what is checked.
  members = [...runsOf.keys()].sort((a, b) => runsOf.get(b)!.length - runsOf.get(a)!.length).slice(0, 8);
}, 300_000);
afterAll(() => gw?.close());

/** Sends an operation and returns the answer with the one audit record it left. */
async function send(query: string, variables: Record<string, unknown>, headers?: Record<string, string>) {
  const response = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(headers ?? (await gw.headersFor('housing', 'housing-administration'))) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string; path?: (string | number)[]; extensions: Record<string, any> }[] };
  const records = await gw.database.query<Record<string, any>>('select * from audit.event where request_id = $1', [response.headers.get('x-request-id')]);
  expect(records).toHaveLength(1);
  return { status: response.status, body, record: records[0]! };
}

const MONTHS = 'query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId housing { providentFund { status contributionPeriods { fromMonth toMonth } } } } }';

describe('provident-fund contribution months', () => {
  it('are read in full, oldest first, by housing administration', async () => {
    expect(runsOf.get(members[0]!)!.length).toBeGreaterThan(1);
    const { body, record } = await send(MONTHS, { ids: members });
    expect(body.errors).toBeUndefined();
    for (const person of body.data.persons) expect(person.housing.providentFund.contributionPeriods).toEqual(runsOf.get(person.citizenId));
    expect(record.fields_returned).toEqual(expect.arrayContaining(['ProvidentFundAccount.contributionPeriods', 'ProvidentFundContributionPeriod.fromMonth']));
    expect(record.fields_denied).toEqual([]);
  });

  it('are refused to public-housing eligibility, which still reads the account status', async () => {
    const { body, record } = await send(MONTHS, { ids: members.slice(0, 2) }, await gw.headersFor('housing', 'public-housing-eligibility'));
    for (const [i, person] of body.data.persons.entries()) {
      expect(person.housing.providentFund.status).toEqual(expect.stringMatching(/^(CONTRIBUTING|SUSPENDED|CLOSED)$/));
      expect(person.housing.providentFund.contributionPeriods).toBeNull();
      expect(body.errors).toContainEqual(
        expect.objectContaining({ path: ['persons', i, 'housing', 'providentFund', 'contributionPeriods'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
      );
    }
    expect(record.fields_denied).toEqual(['ProvidentFundAccount.contributionPeriods']);
  });

  it('are refused to migrant services, whose points grant reads the assessment and no housing at all, and the provident fund table is not read', async () => {
    const statements: string[] = [];
    const stop = gw.database.onStatement((sql) => statements.push(sql));
    const { body, record } = await send(MONTHS, { ids: members.slice(0, 2) }, await gw.headersFor('migrant-services', 'residence-points-assessment'));
    stop();
    for (const person of body.data.persons) expect(person.housing).toBeNull();
    expect(body.errors!.length).toBeGreaterThan(0);
    expect(body.errors!.every((e) => e.extensions.code === 'FORBIDDEN')).toBe(true);
    expect(record.fields_denied).toContain('Person.housing');
    expect(statements.filter((sql) => sql.includes('"provident_fund'))).toEqual([]);
  });
});

describe('the history of homes', () => {
  it('shows earlier homes with their districts and last days, the current one last', async () => {
    const [mover] = await gw.database.query<{ citizen_id: string }>(
      'select citizen_id from housing.dwelling group by citizen_id having count(*) > 2 order by citizen_id limit 1',
    );
    const homes = await gw.database.query<{ district_code: string; since: string; until: string | null; tenure: string }>(
      'select district_code, since::text as since, until::text as until, tenure from housing.dwelling where citizen_id = $1 order by since',
      [mover!.citizen_id],
    );
    const { body } = await send('query($id: CitizenId!) { person(citizenId: $id) { housing { dwellings { tenure district since until } } } }', { id: mover!.citizen_id });
    expect(body.errors).toBeUndefined();
    expect(body.data.person.housing.dwellings).toEqual(
      homes.map((h) => ({ tenure: h.tenure.toUpperCase(), district: districtName.get(h.district_code), since: h.since, until: h.until })),
    );
    expect(body.data.person.housing.dwellings.at(-1).until).toBeNull();
  });
});
