import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointsFactsOf } from '../../../src/departments/housing/points-facts.js';
import { makeCitizenId } from '../../../src/domain/citizen-id.js';
import { housingIndicators, type HousingPointsFacts } from '../../../src/domain/points/index.js';
import { REFERENCE_DATE } from '../../../src/population/dates.js';
import { seedPopulation } from '../../../src/population/load.js';
import { createSubgraphContext } from '../../../src/subgraphs/context.js';
import { loadRuleSets } from '../../../rules/index.js';
import { openTestDatabase } from '../../support/database.js';

type Db = Awaited<ReturnType<typeof openTestDatabase>>;
let database: Db;
let ids: string[];

beforeAll(async () => {
  database = await openTestDatabase();
  await seedPopulation(database, { persons: 1000, seed: 31 });
  ids = (await database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id')).map((r) => r.citizen_id);
});
afterAll(() => database?.close());

const tableOf = (sql: string) => /from "(\w+)"\."(\w+)"/.exec(sql)?.slice(1).join('.');

/** What the facts should be, worked out from the rows with SQL of its own. */
async function expectedFacts(): Promise<Map<string, HousingPointsFacts>> {
  const expected = new Map<string, HousingPointsFacts>(ids.map((id) => [id, { dwellings: [], providentFund: [] }]));
  const dwellings = await database.query<{ citizen_id: string; tenure: string; district_code: string; since: string; until: string | null }>(
    'select citizen_id, tenure, district_code, since::text as since, until::text as until from housing.dwelling order by since',
  );
  for (const d of dwellings) {
    expected.get(d.citizen_id)!.dwellings.push({ tenure: d.tenure as HousingPointsFacts['dwellings'][number]['tenure'], districtCode: d.district_code, since: d.since, until: d.until });
  }
  const runs = await database.query<{ citizen_id: string; from_month: string; to_month: string | null }>(
    'select citizen_id, from_month, to_month from housing.provident_fund_contribution order by from_month',
  );
  for (const r of runs) expected.get(r.citizen_id)!.providentFund.push({ fromMonth: r.from_month, toMonth: r.to_month });
  return expected;
}

describe('housing points facts', () => {
  it('give every person their homes (tenure, district, dates) and provident-fund months, one statement per table for everyone', async () => {
    const expected = await expectedFacts();
    const context = createSubgraphContext(database, { department: 'migrant-services', purpose: 'residence-points-assessment' });
    const statements: string[] = [];
    const stop = database.onStatement((sql) => statements.push(sql));
    const facts = await Promise.all(ids.map((id) => pointsFactsOf(context, id)));
    stop();
    expect(statements.map(tableOf).sort()).toEqual(['housing.dwelling', 'housing.provident_fund_contribution']);
    expect(new Map(ids.map((id, i) => [id, facts[i]]))).toEqual(expected);
    // Every person has a current home; some have earlier ones and some pay into the fund.
    expect(facts.every((f) => f.dwellings.filter((d) => d.until === null).length === 1)).toBe(true);
    expect(facts.some((f) => f.dwellings.length > 1)).toBe(true);
    expect(facts.some((f) => f.providentFund.length > 1)).toBe(true);
    expect(facts.some((f) => f.providentFund.length === 0)).toBe(true);
  });

  it('carry no address, floor area, lease number, rent or amount', async () => {
    const context = createSubgraphContext(database, null);
    const facts = await Promise.all(ids.map((id) => pointsFactsOf(context, id)));
    for (const f of facts) {
      for (const d of f.dwellings) expect(Object.keys(d).sort()).toEqual(['districtCode', 'since', 'tenure', 'until']);
      for (const r of f.providentFund) expect(Object.keys(r).sort()).toEqual(['fromMonth', 'toMonth']);
    }
  });

  it('are what the points rules read: housing, the move out of the centre and the provident fund all score for someone', async () => {
    const ruleSet = loadRuleSets().ruleSetInForce('services', REFERENCE_DATE);
    const context = createSubgraphContext(database, null);
    const facts = await Promise.all(ids.map((id) => pointsFactsOf(context, id)));
    const results = facts.map((f) => housingIndicators(ruleSet, f, REFERENCE_DATE));
    for (const indicator of ['housing', 'moved-out-of-central-districts', 'provident-fund']) {
      const points = results.map((r) => r.find((i) => i.indicator === indicator)!.points);
      expect(points.some((p) => p > 0), indicator).toBe(true);
      expect(points.some((p) => p === 0), indicator).toBe(true);
    }
  });

  it('are empty for someone the commission holds nothing on', async () => {
    const stranger = makeCitizenId('110105', '1901-02-03', 5);
    expect(await pointsFactsOf(createSubgraphContext(database, null), stranger)).toEqual({ dwellings: [], providentFund: [] });
  });
});
