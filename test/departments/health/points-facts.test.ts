import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointsFactsOf } from '../../../src/departments/health/points-facts.js';
import { makeCitizenId } from '../../../src/domain/citizen-id.js';
import { healthIndicators } from '../../../src/domain/points/index.js';
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
  // Enough people for a few dozen donors (about 3% of adults have given in the last ten years).
  await seedPopulation(database, { persons: 1500, seed: 29 });
  ids = (await database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id')).map((r) => r.citizen_id);
});
afterAll(() => database?.close());

const tableOf = (sql: string) => /from "(\w+)"\."(\w+)"/.exec(sql)?.slice(1).join('.');

describe('health points facts', () => {
  it('give every person the dates of their blood donations, earliest first, from one read of the donations alone', async () => {
    const donations = await database.query<{ citizen_id: string; donated_on: string }>(
      'select citizen_id, donated_on::text as donated_on from health.blood_donation order by donated_on',
    );
    const expected = new Map<string, { donatedOn: string }[]>(ids.map((id) => [id, []]));
    for (const d of donations) expected.get(d.citizen_id)!.push({ donatedOn: d.donated_on });

    const context = createSubgraphContext(database, { department: 'migrant-services', purpose: 'residence-points-assessment' });
    const statements: string[] = [];
    const stop = database.onStatement((sql) => statements.push(sql));
    const facts = await Promise.all(ids.map((id) => pointsFactsOf(context, id)));
    stop();
    // Nothing else of the health record is read: no condition, no vaccination, not even the record itself.
    expect(statements.map(tableOf)).toEqual(['health.blood_donation']);
    expect(new Map(ids.map((id, i) => [id, facts[i]!.bloodDonations]))).toEqual(expected);
    const donors = facts.filter((f) => f.bloodDonations.length > 0);
    expect(donors.length).toBeGreaterThan(10);
    expect(donors.some((f) => f.bloodDonations.length > 1)).toBe(true);
  });

  it('carry the dates and nothing else: no volume, no diagnosis', async () => {
    const context = createSubgraphContext(database, null);
    const facts = await Promise.all(ids.map((id) => pointsFactsOf(context, id)));
    for (const f of facts) {
      expect(Object.keys(f)).toEqual(['bloodDonations']);
      for (const donation of f.bloodDonations) expect(Object.keys(donation)).toEqual(['donatedOn']);
    }
  });

  it('are what the points rules read: 2 points a donation in the last five years, at most 10', async () => {
    const ruleSet = loadRuleSets().ruleSetInForce('services', REFERENCE_DATE);
    const context = createSubgraphContext(database, null);
    const fiveYearsAgo = `${Number(REFERENCE_DATE.slice(0, 4)) - 5}${REFERENCE_DATE.slice(4)}`;
    const all = await Promise.all(ids.map((id) => pointsFactsOf(context, id)));
    const scored = all.map((facts) => healthIndicators(ruleSet, facts, REFERENCE_DATE)[0]!.points);
    expect(scored).toEqual(all.map((facts) => Math.min(10, 2 * facts.bloodDonations.filter((d) => d.donatedOn > fiveYearsAgo).length)));
    expect(scored.some((points) => points > 0)).toBe(true);
  });

  it('are empty for someone the commission holds nothing on', async () => {
    const stranger = makeCitizenId('110105', '1901-02-03', 5);
    expect(await pointsFactsOf(createSubgraphContext(database, null), stranger)).toEqual({ bloodDonations: [] });
  });
});
