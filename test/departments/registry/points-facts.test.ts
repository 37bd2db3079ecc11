import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { makeCitizenId } from '../../../src/domain/citizen-id.js';
import { DISTRICTS } from '../../../src/domain/districts.js';
import { publicSecurityConditions } from '../../../src/domain/points/index.js';
import { pointsFactsOf } from '../../../src/departments/registry/points-facts.js';
import { REFERENCE_DATE } from '../../../src/population/dates.js';
import { seedPopulation } from '../../../src/population/load.js';
import { createSubgraphContext } from '../../../src/subgraphs/context.js';
import { loadRuleSets } from '../../../rules/index.js';
import { openTestDatabase } from '../../support/database.js';

let database: Database;
let ids: string[];

beforeAll(async () => {
  database = await openTestDatabase();
  await seedPopulation(database, { persons: 4000, seed: 41 });
  ids = (await database.query<{ citizen_id: string }>('select citizen_id from registry.person order by md5(citizen_id) limit 1000')).map((r) => r.citizen_id);
}, 240_000);
afterAll(() => database?.close());

const tableOf = (sql: string) => /from "(\w+)"\."(\w+)"/.exec(sql)?.slice(1).join('.') ?? sql;

/** Every statement a block of work runs, by table. */
async function counting<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const stop = database.onStatement((sql) => statements.push(tableOf(sql)));
  try {
    return { result: await work(), statements };
  } finally {
    stop();
  }
}

describe('public security’s points facts', () => {
  it('agree with the registry’s rows for 1000 people, read with one statement per table', async () => {
    const context = createSubgraphContext(database, { department: 'development-reform', purpose: null });
    const { result: facts, statements } = await counting(() => Promise.all(ids.map((id) => pointsFactsOf(context, id))));
    expect(statements.sort()).toEqual(['registry.administrative_penalty', 'registry.criminal_punishment', 'registry.person']);

    const people = new Map((await database.query<{ citizen_id: string; birth_date: string }>('select citizen_id, birth_date::text from registry.person where citizen_id = any($1)', [ids])).map((r) => [r.citizen_id, r.birth_date]));
    const penalties = await database.query<{ citizen_id: string; decided_on: string }>(
      'select citizen_id, decided_on::text from registry.administrative_penalty where citizen_id = any($1) order by citizen_id, seq',
      [ids],
    );
    const punishments = await database.query<{ citizen_id: string; sentenced_on: string; completed_on: string | null }>(
      'select citizen_id, sentenced_on::text, completed_on::text from registry.criminal_punishment where citizen_id = any($1) order by citizen_id, seq',
      [ids],
    );
    ids.forEach((id, i) => {
      expect(facts[i]).toEqual({
        birthDate: people.get(id),
        administrativePenalties: penalties.filter((p) => p.citizen_id === id).map((p) => ({ decidedOn: p.decided_on })),
        criminalPunishments: punishments.filter((p) => p.citizen_id === id).map((p) => ({ sentencedOn: p.sentenced_on, completedOn: p.completed_on })),
      });
    });
    // The sample holds people with and without records, so both paths are exercised.
    expect(facts.filter((f) => f!.administrativePenalties.length > 0).length).toBeGreaterThan(3);
    expect(facts.filter((f) => f!.criminalPunishments.length > 0).length).toBeGreaterThan(0);
    expect(facts.filter((f) => f!.administrativePenalties.length === 0 && f!.criminalPunishments.length === 0).length).toBeGreaterThan(900);
  });

  it('is null for a number the registry does not know, and reads nothing else about it', async () => {
    const unknown = makeCitizenId('440106', '1990-01-01', 999);
    expect(ids).not.toContain(unknown);
    const context = createSubgraphContext(database, { department: 'development-reform', purpose: null });
    expect(await pointsFactsOf(context, unknown)).toBeNull();
  });

  it('for a caller limited to a district: null for people registered elsewhere, whose records are not read', async () => {
    const [inside, outside] = await Promise.all(
      ['=', '<>'].map(async (op) =>
        (await database.query<{ citizen_id: string }>(`select citizen_id from registry.registration where district_code ${op} $1 order by citizen_id limit 5`, [DISTRICTS.TIANHE.code])).map((r) => r.citizen_id),
      ),
    );
    const caller = { department: 'public-security', purpose: 'district-registration-services', rowScope: { registrationDistrict: DISTRICTS.TIANHE.code } };
    const context = createSubgraphContext(database, caller);
    const away = await counting(() => Promise.all(outside!.map((id) => pointsFactsOf(context, id))));
    expect(away.result).toEqual([null, null, null, null, null]);
    expect(away.statements).toEqual(['registry.person']);
    const here = await Promise.all(inside!.map((id) => pointsFactsOf(createSubgraphContext(database, caller), id)));
    expect(here.every((f) => f !== null && typeof f.birthDate === 'string')).toBe(true);
  });

  it('feed the settlement rules: a punishment in the last 5 years fails the condition, an older completed one does not', async () => {
    const [recent] = await database.query<{ citizen_id: string }>(
      "select citizen_id from registry.criminal_punishment where sentenced_on > date '2023-01-01' order by citizen_id limit 1",
    );
    const [old] = await database.query<{ citizen_id: string }>(
      `select citizen_id from registry.criminal_punishment group by citizen_id
       having bool_and(completed_on is not null and completed_on < date '2020-01-01') order by citizen_id limit 1`,
    );
    const context = createSubgraphContext(database, { department: 'development-reform', purpose: null });
    const ruleSet = loadRuleSets().ruleSetInForce('settlement', REFERENCE_DATE);
    const condition = async (id: string) =>
      publicSecurityConditions(ruleSet, (await pointsFactsOf(context, id))!, REFERENCE_DATE).find((c) => c.condition === 'no-recent-criminal-punishment')!.met;
    expect(await condition(recent!.citizen_id)).toBe(false);
    expect(await condition(old!.citizen_id)).toBe(true);
  });
});
