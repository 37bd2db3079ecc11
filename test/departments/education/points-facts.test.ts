import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointsFactsOf } from '../../../src/departments/education/points-facts.js';
import { makeCitizenId } from '../../../src/domain/citizen-id.js';
import { educationIndicators, type EducationPointsFacts } from '../../../src/domain/points/index.js';
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
  await seedPopulation(database, { persons: 800, seed: 23 });
  ids = (await database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id')).map((r) => r.citizen_id);
});
afterAll(() => database?.close());

/** What the facts should be, worked out from the learner rows with SQL of its own. */
async function expectedFacts(): Promise<Map<string, EducationPointsFacts>> {
  const learners = await database.query<{ citizen_id: string; highest_level: string; awarded_on: string | null }>(
    'select citizen_id, highest_level, highest_level_awarded_on::text as awarded_on from education.learner',
  );
  const expected = new Map<string, EducationPointsFacts>(ids.map((id) => [id, { attainments: [] }]));
  for (const l of learners) {
    if (l.highest_level !== 'none' && l.awarded_on !== null) {
      expected.set(l.citizen_id, { attainments: [{ level: l.highest_level as EducationPointsFacts['attainments'][number]['level'], awardedOn: l.awarded_on }] });
    }
  }
  return expected;
}

describe('education points facts', () => {
  it('give every person their highest level and its award date, read with one statement for everyone', async () => {
    const expected = await expectedFacts();
    const context = createSubgraphContext(database, { department: 'migrant-services', purpose: 'residence-points-assessment' });
    const statements: string[] = [];
    const stop = database.onStatement((sql) => statements.push(sql));
    const facts = await Promise.all(ids.map((id) => pointsFactsOf(context, id)));
    stop();
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/from "education"\."learner"/);
    expect(new Map(ids.map((id, i) => [id, facts[i]]))).toEqual(expected);
    const held = facts.filter((f) => f.attainments.length > 0);
    expect(held.length).toBeGreaterThan(ids.length / 2);
    expect(held.length).toBeLessThan(ids.length);
    expect([...new Set(held.map((f) => f.attainments[0]!.level))]).toEqual(expect.arrayContaining(['primary', 'junior_secondary', 'senior_secondary', 'bachelor']));
  });

  it('are what the points rules read: a bachelor scores 30 on the reference date', async () => {
    const ruleSet = loadRuleSets().ruleSetInForce('services', REFERENCE_DATE);
    const context = createSubgraphContext(database, null);
    const facts = await Promise.all(ids.map((id) => pointsFactsOf(context, id)));
    const points = facts.map((f) => educationIndicators(ruleSet, f, REFERENCE_DATE)[0]!);
    const bachelors = facts.flatMap((f, i) => (f.attainments[0]?.level === 'bachelor' ? [points[i]!.points] : []));
    expect(new Set(bachelors)).toEqual(new Set([30]));
    expect(facts.filter((f) => f.attainments.length === 0).every((f) => educationIndicators(ruleSet, f, REFERENCE_DATE)[0]!.points === 0)).toBe(true);
  });

  it('are empty for someone the bureau holds nothing on', async () => {
    const stranger = makeCitizenId('110105', '1901-02-03', 5);
    expect(await pointsFactsOf(createSubgraphContext(database, null), stranger)).toEqual({ attainments: [] });
  });
});
