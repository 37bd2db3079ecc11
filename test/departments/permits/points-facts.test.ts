import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCitizenId } from '../../../src/domain/citizen-id.js';
import { migrantServicesConditions, migrantServicesIndicators } from '../../../src/domain/points/index.js';
import { addYears, iso, REFERENCE_DATE, toDay } from '../../../src/population/dates.js';
import { seedPopulation } from '../../../src/population/load.js';
import { createSubgraphContext } from '../../../src/subgraphs/context.js';
import { pointsFactsOf } from '../../../src/departments/permits/points-facts.js';
import { loadRuleSets } from '../../../rules/index.js';
import { openTestDatabase } from '../../support/database.js';

/** The residence-permit facts the points engine gets from migrant-services, against the stored rows. */
type Db = Awaited<ReturnType<typeof openTestDatabase>>;
let database: Db;
let ids: string[];

beforeAll(async () => {
  database = await openTestDatabase();
  await seedPopulation(database, { persons: 2500, seed: 5 });
  ids = (await database.query<{ citizen_id: string }>('select citizen_id from registry.person order by md5(citizen_id) limit 1000')).map((r) => r.citizen_id);
}, 120_000);
afterAll(() => database?.close());

/**
 * Each person's permits as the rows hold them: oldest first, valid for as many years from the
 * issue as it has endorsements plus the first (the rows' endorsement years run 2, 3, … unbroken),
 * the last valid day the one before that anniversary.
 */
async function expectedFacts(citizenIds: string[]) {
  const rows = await database.query<{ citizen_id: string; issued_on: string; years: number; last_year: number | null; cancelled_on: string | null }>(
    `select p.citizen_id, p.issued_on::text, p.cancelled_on::text,
            1 + (select count(*) from permits.endorsement e where e.permit_no = p.permit_no)::int as years,
            (select max(e.validity_year) from permits.endorsement e where e.permit_no = p.permit_no) as last_year
       from permits.residence_permit p where p.citizen_id = any($1) order by p.citizen_id, p.issued_on`,
    [citizenIds],
  );
  const facts = new Map(citizenIds.map((id) => [id, [] as Array<{ issuedOn: string; validUntil: string; cancelledOn: string | null }>]));
  for (const row of rows) {
    expect(row.last_year ?? 1).toBe(row.years);
    const validUntil = iso(addYears(toDay(row.issued_on), row.years) - 1);
    facts.get(row.citizen_id)!.push({ issuedOn: row.issued_on, validUntil, cancelledOn: row.cancelled_on });
  }
  return facts;
}

const context = () => createSubgraphContext(database, { department: 'migrant-services', purpose: 'residence-points-assessment' });

describe('pointsFactsOf (migrant-services)', () => {
  it('gives every person’s permits oldest first as the rows hold them, one statement per table for 1000 people', async () => {
    const tables: string[] = [];
    const stop = database.onStatement((sql) => tables.push(/from "(\w+)"\."(\w+)"/.exec(sql)!.slice(1).join('.')));
    const ctx = context();
    const facts = await Promise.all(ids.map((id) => pointsFactsOf(ctx, id)));
    stop();
    expect(tables.sort()).toEqual(['permits.endorsement', 'permits.residence_permit']);

    const expected = await expectedFacts(ids);
    expect(facts).toEqual(ids.map((id) => ({ residencePermits: expected.get(id) })));
    // The sample has holders with several permits (renewals, earlier stays) and people with none.
    const counts = facts.map((f) => f.residencePermits.length);
    expect(counts.filter((n) => n === 0).length).toBeGreaterThan(500);
    expect(counts.filter((n) => n >= 2).length).toBeGreaterThan(5);
    expect(facts.some((f) => f.residencePermits.some((p) => p.cancelledOn !== null))).toBe(true);
  });

  it('gives an empty list for a Guangzhou resident and for a number the city does not know', async () => {
    const [resident] = await database.query<{ citizen_id: string }>("select citizen_id from registry.registration where status = 'guangzhou_resident' limit 1");
    const ctx = context();
    expect(await pointsFactsOf(ctx, resident!.citizen_id)).toEqual({ residencePermits: [] });
    expect(await pointsFactsOf(ctx, makeCitizenId('440106', '1901-01-01', 999))).toEqual({ residencePermits: [] });
  });

  it('feeds the points engine: a valid permit on the reference date meets its condition, and years held score 8 each', async () => {
    const services = loadRuleSets().ruleSetInForce('services', REFERENCE_DATE);
    const ctx = context();
    const facts = await Promise.all(ids.map((id) => pointsFactsOf(ctx, id)));
    let valid = 0;
    let scored = 0;
    for (const fact of facts) {
      if (fact.residencePermits.length === 0) continue;
      const condition = migrantServicesConditions(services, fact, REFERENCE_DATE).find((c) => c.condition === 'valid-residence-permit');
      const validOnReference = fact.residencePermits.some(
        (p) => p.issuedOn <= REFERENCE_DATE && REFERENCE_DATE <= p.validUntil && (p.cancelledOn === null || REFERENCE_DATE < p.cancelledOn),
      );
      expect(condition!.met).toBe(validOnReference);
      if (validOnReference) valid++;
      const indicator = migrantServicesIndicators(services, fact, REFERENCE_DATE).find((i) => i.indicator === 'residence-permit');
      expect(indicator!.points % 8).toBe(0);
      if (indicator!.points >= 16) scored++;
    }
    expect(valid).toBeGreaterThan(100);
    expect(scored).toBeGreaterThan(50);
  });
});
