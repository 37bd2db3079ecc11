import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../support/database.js';
import type { Database } from '../../../src/db/client.js';
import { seedPopulation } from '../../../src/population/load.js';
import { createSubgraphContext } from '../../../src/subgraphs/context.js';
import { pointsFactsOf } from '../../../src/departments/civil/points-facts.js';
import { civilAffairsIndicators } from '../../../src/domain/points/indicators/civil-affairs.js';
import { AWARD_LEVELS } from '../../../src/domain/points/vocabulary.js';
import { loadRuleSets } from '../../../rules/index.js';

/** The facts civil affairs gives the points engine: its own rows, batched, in the engine's vocabulary. */

let database: Database;
let ids: string[];

beforeAll(async () => {
  database = await openTestDatabase();
  await seedPopulation(database, { persons: 1500, seed: 3 });
  ids = (await database.query<{ citizen_id: string }>('select citizen_id from registry.person order by md5(citizen_id) limit 1000')).map((r) => r.citizen_id);
}, 120_000);
afterAll(() => database?.close());

const context = () => createSubgraphContext(database, { department: 'migrant-services', purpose: 'residence-points-assessment' });

describe('civil-affairs points facts', () => {
  it('agree with the volunteering and award rows of every person, empty lists for people with none', async () => {
    const request = context();
    const facts = await Promise.all(ids.map((id) => pointsFactsOf(request, id)));
    const hours = await database.query<{ citizen_id: string; year: number; hours: string }>(
      'select citizen_id, year, hours::text from civil.volunteer_hours where citizen_id = any($1) order by citizen_id, year',
      [ids],
    );
    const awards = await database.query<{ citizen_id: string; level: string; awarded_on: string }>(
      'select citizen_id, level::text, awarded_on::text from civil.award where citizen_id = any($1) order by citizen_id, awarded_on',
      [ids],
    );
    const level = (stored: string) => stored.replaceAll('_', '-');
    let withHours = 0;
    let withAwards = 0;
    ids.forEach((id, i) => {
      const expectedHours = hours.filter((h) => h.citizen_id === id).map((h) => ({ year: h.year, hours: Number(h.hours) }));
      const expectedAwards = awards.filter((a) => a.citizen_id === id).map((a) => ({ level: level(a.level), awardedOn: a.awarded_on }));
      expect(facts[i], id).toEqual({ volunteerHours: expectedHours, awards: expectedAwards });
      if (expectedHours.length > 0) withHours++;
      if (expectedAwards.length > 0) withAwards++;
    });
    // Both kinds of facts, and people with neither, are in the sample.
    expect(withHours).toBeGreaterThan(50);
    expect(withAwards).toBeGreaterThan(3);
    expect(facts.filter((f) => f.volunteerHours.length === 0 && f.awards.length === 0).length).toBeGreaterThan(500);
    for (const f of facts) for (const a of f.awards) expect(AWARD_LEVELS).toContain(a.level);
  });

  it('read each table once for 1000 people in one request, with the keys as one array', async () => {
    const statements: string[] = [];
    const stop = database.onStatement((sql) => statements.push(sql));
    const request = context();
    await Promise.all(ids.map((id) => pointsFactsOf(request, id)));
    stop();
    expect(statements.map((sql) => /from "(\w+)"\."(\w+)"/.exec(sql)?.slice(1).join('.')).sort()).toEqual(['civil.award', 'civil.volunteer_hours']);
    expect(statements.every((sql) => !sql.includes('$2'))).toBe(true);
  });

  it('share the slice\'s loaders: facts asked for beside the GraphQL fields add no statement', async () => {
    const request = context();
    const [someone] = ids;
    const { volunteerHoursOf, awardsOf } = await import('../../../src/departments/civil/resolvers/loaders.js');
    await Promise.all([volunteerHoursOf(request.rows).load(someone!), awardsOf(request.rows).load(someone!)]);
    const statements: string[] = [];
    const stop = database.onStatement((sql) => statements.push(sql));
    await pointsFactsOf(request, someone!);
    stop();
    expect(statements).toEqual([]);
  });

  it('feed the points indicators: the engine scores the stored hours and awards as the rules say', async () => {
    const asOf = '2026-11-01';
    const ruleSet = loadRuleSets().ruleSetInForce('services', asOf);
    const POINTS = { national: 30, provincial: 20, city: 10, 'city-agency-or-district': 5 } as const;
    let scored = 0;
    const request = context();
    for (const facts of await Promise.all(ids.map((id) => pointsFactsOf(request, id)))) {
      const byName = new Map(civilAffairsIndicators(ruleSet, facts, asOf).map((r) => [r.indicator, r.points]));
      // Worked by hand from the rule: 2 points per whole 50 hours, at most 2 a year, 2021–2025, at most 10.
      const volunteering = Math.min(10, facts.volunteerHours.filter((h) => h.year >= 2021 && h.year <= 2025).reduce((sum, h) => sum + Math.min(2, Math.floor(h.hours / 50) * 2), 0));
      const awards = Math.max(0, ...facts.awards.map((a) => POINTS[a.level]));
      expect(byName.get('volunteering')).toBe(volunteering);
      expect(byName.get('awards')).toBe(awards);
      if (volunteering > 0 || awards > 0) scored++;
    }
    expect(scored).toBeGreaterThan(5);
  });
});
