import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSets } from '../../../rules/index.js';
import { pointsFactsOf } from '../../../src/departments/tax/points-facts.js';
import type { Database } from '../../../src/db/client.js';
import { taxIndicators } from '../../../src/domain/points/index.js';
import { REFERENCE_DATE } from '../../../src/population/dates.js';
import { seedPopulation } from '../../../src/population/load.js';
import { createSubgraphContext } from '../../../src/subgraphs/context.js';
import { openTestDatabase } from '../../support/database.js';

let database: Database;
let ids: string[];

beforeAll(async () => {
  database = await openTestDatabase();
  // Seed 5 gives this population a few tax-evasion findings.
  await seedPopulation(database, { persons: 1200, seed: 5 });
  ids = (await database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id')).map((r) => r.citizen_id);
}, 180_000);
afterAll(() => database?.close());

const context = () => createSubgraphContext(database, { department: 'migrant-services', purpose: 'residence-points-assessment' });

describe('the tax bureau’s points facts', () => {
  it('agree with the returns and findings it holds, for everyone, in two statements for 1000 people', async () => {
    const asked = ids.slice(0, 1000);
    // One context is one request: however many people, one statement per table.
    const shared = context();
    const statements: string[] = [];
    const stop = database.onStatement((sql) => statements.push(sql));
    const batched = await Promise.all(asked.map((id) => pointsFactsOf(shared, id)));
    stop();
    expect(statements.map((sql) => /from "tax"\."(\w+)"/.exec(sql)?.[1]).sort()).toEqual(['annual_return', 'evasion_finding']);

    const returns = await database.query<{ citizen_id: string; year: number; tax_paid_fen: string }>(
      'select citizen_id, year, tax_paid_fen from tax.annual_return order by citizen_id, year desc',
    );
    const findings = await database.query<{ citizen_id: string; decided_on: string }>(
      "select citizen_id, to_char(decided_on, 'YYYY-MM-DD') as decided_on from tax.evasion_finding order by citizen_id, decided_on desc",
    );
    asked.forEach((id, i) => {
      expect(batched[i]).toEqual({
        annualReturns: returns.filter((r) => r.citizen_id === id).map((r) => ({ taxYear: r.year, taxPaidFen: Number(r.tax_paid_fen) })),
        evasionFindings: findings.filter((f) => f.citizen_id === id).map((f) => ({ decidedOn: f.decided_on })),
      });
    });
    expect(batched.some((f) => f.annualReturns.length > 0 && f.annualReturns.some((r) => r.taxPaidFen > 0))).toBe(true);
    expect(batched.filter((f) => f.evasionFindings.length > 0).length).toBe(new Set(findings.filter((f) => asked.includes(f.citizen_id)).map((f) => f.citizen_id)).size);
  });

  it('are empty lists for someone the bureau holds nothing on', async () => {
    const [child] = await database.query<{ citizen_id: string }>(
      'select citizen_id from registry.person p where not exists (select 1 from tax.taxpayer t where t.citizen_id = p.citizen_id) limit 1',
    );
    expect(await pointsFactsOf(context(), child!.citizen_id)).toEqual({ annualReturns: [], evasionFindings: [] });
  });

  it('are what the points engine’s tax indicators take, for everyone', async () => {
    const services = loadRuleSets().ruleSetById('services-2021');
    const shared = context();
    const all = await Promise.all(ids.map((id) => pointsFactsOf(shared, id)));
    expect(all.some((f) => f.evasionFindings.length > 0)).toBe(true);
    for (const facts of all) {
      const results = taxIndicators(services, facts, REFERENCE_DATE);
      const evasion = results.find((r) => r.indicator === 'tax-evasion')!;
      // 10 points off per finding decided in the five years before the as-of date.
      const recent = facts.evasionFindings.filter((f) => f.decidedOn > '2021-11-01' && f.decidedOn <= REFERENCE_DATE).length;
      expect(evasion.kind).toBe('deduction');
      expect(evasion.points).toBe(10 * recent);
    }
  });
});
