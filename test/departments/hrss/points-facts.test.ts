import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSets } from '../../../rules/index.js';
import { pointsFactsOf } from '../../../src/departments/hrss/points-facts.js';
import type { Database } from '../../../src/db/client.js';
import { hrssConditions, hrssIndicators, type HrssPointsFacts } from '../../../src/domain/points/index.js';
import { REFERENCE_DATE } from '../../../src/population/dates.js';
import { seedPopulation } from '../../../src/population/load.js';
import { createSubgraphContext } from '../../../src/subgraphs/context.js';
import { openTestDatabase } from '../../support/database.js';

let database: Database;
let ids: string[];
let facts: HrssPointsFacts[];
let statements: string[];

const context = () => createSubgraphContext(database, { department: 'migrant-services', purpose: 'residence-points-assessment' });

beforeAll(async () => {
  database = await openTestDatabase();
  await seedPopulation(database, { persons: 1200, seed: 5 });
  ids = (await database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id limit 1000')).map((r) => r.citizen_id);
  // One context is one request: the facts of 1000 people, read together.
  const shared = context();
  statements = [];
  const stop = database.onStatement((sql) => statements.push(sql));
  facts = await Promise.all(ids.map((id) => pointsFactsOf(shared, id)));
  stop();
}, 180_000);
afterAll(() => database?.close());

const SECTORS: Record<string, string> = { elderly_disabled_care: 'elderly-disabled-care' };
const text = (column: string, as = column) => `to_char(${column}, 'YYYY-MM-DD') as ${as}`;

describe('HRSS’s points facts', () => {
  it('read 1000 people with one statement per table', () => {
    expect(statements.map((sql) => /from "hrss"\."(\w+)"/.exec(sql)?.[1]).sort()).toEqual(['contribution_period', 'employment', 'professional_title', 'skill_certificate']);
  });

  it('give the contribution runs as stored, each with its origin', async () => {
    const rows = await database.query<{ citizen_id: string; insurance: string; origin: string; from_month: string; to_month: string | null }>(
      `select c.citizen_id, c.insurance::text, c.origin::text, ${text('c.from_month', 'from_month')}, ${text('c.to_month', 'to_month')}
         from hrss.contribution_period c order by c.citizen_id, c.insurance, c.from_month`,
    );
    ids.forEach((id, i) => {
      expect(facts[i]!.insuranceContributions).toEqual(
        rows
          .filter((r) => r.citizen_id === id)
          .map((r) => ({ insurance: r.insurance, origin: r.origin.replaceAll('_', '-'), fromMonth: r.from_month.slice(0, 7), toMonth: r.to_month?.slice(0, 7) ?? null })),
      );
    });
    const origins = new Set(facts.flatMap((f) => f.insuranceContributions.map((c) => c.origin)));
    expect(origins).toEqual(new Set(['paid-in-guangzhou', 'transferred-in', 'back-paid']));
  });

  it('give the jobs with their three flags as stored', async () => {
    const rows = await database.query<{ citizen_id: string; since: string; until: string | null; high_tech_employer: boolean; needed_occupation: boolean; frontline_hard_sector: string | null }>(
      `select citizen_id, ${text('since')}, ${text('until')}, high_tech_employer, needed_occupation, frontline_hard_sector::text from hrss.employment order by citizen_id, since`,
    );
    ids.forEach((id, i) => {
      expect(facts[i]!.employments).toEqual(
        rows
          .filter((r) => r.citizen_id === id)
          .map((r) => ({
            since: r.since,
            until: r.until,
            highTechOrRnd: r.high_tech_employer,
            neededOccupation: r.needed_occupation,
            frontlineHardSector: r.frontline_hard_sector === null ? null : (SECTORS[r.frontline_hard_sector] ?? r.frontline_hard_sector),
          })),
      );
    });
  });

  it('give professional titles and skill certificates, each with whether the current job is in its trade', async () => {
    const titles = await database.query<{ citizen_id: string; level: string; awarded_on: string }>(
      `select citizen_id, level::text, ${text('awarded_on')} from hrss.professional_title order by citizen_id, awarded_on`,
    );
    const certificates = await database.query<{ citizen_id: string; level: number; issued_on: string }>(
      `select citizen_id, level, ${text('issued_on')} from hrss.skill_certificate order by citizen_id, issued_on`,
    );
    ids.forEach((id, i) => {
      const held = facts[i]!.qualifications;
      expect(held.map(({ kind, level, awardedOn }) => ({ kind, level, awardedOn }))).toEqual([
        ...titles.filter((t) => t.citizen_id === id).map((t) => ({ kind: 'professional-title', level: t.level, awardedOn: t.awarded_on })),
        ...certificates.filter((c) => c.citizen_id === id).map((c) => ({ kind: 'skill-certificate', level: c.level, awardedOn: c.issued_on })),
      ]);
      // Working in the trade needs a job now.
      if (!facts[i]!.employments.some((job) => job.until === null)) for (const q of held) expect(q.worksInThatTrade).toBe(false);
    });
    const all = facts.flatMap((f) => f.qualifications);
    expect(all.some((q) => q.kind === 'professional-title' && q.worksInThatTrade)).toBe(true);
    expect(all.some((q) => q.kind === 'skill-certificate' && q.worksInThatTrade)).toBe(true);
    expect(all.some((q) => !q.worksInThatTrade)).toBe(true);
  });

  it('are empty lists for someone HRSS holds nothing on', async () => {
    const [child] = await database.query<{ citizen_id: string }>(
      `select citizen_id from registry.person p where not exists (select 1 from hrss.employment e where e.citizen_id = p.citizen_id)
          and not exists (select 1 from hrss.contribution_period c where c.citizen_id = p.citizen_id) order by birth_date desc limit 1`,
    );
    expect(await pointsFactsOf(context(), child!.citizen_id)).toEqual({ insuranceContributions: [], employments: [], qualifications: [] });
  });

  it('are what the points engine takes: transferred-in and back-paid months never count', () => {
    const registry = loadRuleSets();
    const services = registry.ruleSetById('services-2021');
    const settlement = registry.ruleSetById('settlement-2023');
    for (const person of facts) {
      expect(() => hrssIndicators(services, person, REFERENCE_DATE)).not.toThrow();
      expect(() => hrssConditions(settlement, person, REFERENCE_DATE)).not.toThrow();
    }
    // Someone with transferred-in pension months scores the same with or without them.
    const transferred = facts.find((f) => f.insuranceContributions.some((c) => c.origin === 'transferred-in' && c.insurance === 'pension'))!;
    const withoutTransfers = { ...transferred, insuranceContributions: transferred.insuranceContributions.filter((c) => c.origin === 'paid-in-guangzhou') };
    const points = (f: HrssPointsFacts) => hrssIndicators(services, f, REFERENCE_DATE).find((r) => r.indicator === 'social-insurance')!.points;
    expect(points(transferred)).toBe(points(withoutTransfers));
    const onlyTransfers = { ...transferred, insuranceContributions: transferred.insuranceContributions.filter((c) => c.origin !== 'paid-in-guangzhou') };
    expect(points(onlyTransfers)).toBe(0);
  });
});
