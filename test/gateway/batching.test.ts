import { PERSON_SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { fullPersonsQuery } from '../../src/bench/full-view.js';
import { LARGE_BATCH } from '../../src/subgraphs/row-loaders.js';
import { subgraphDocuments } from '../../src/observability/metrics.js';

let gw: TestGateway;

beforeAll(async () => {
  // Statement counts are a property of the federation, measured over the full view no single grant covers.
  gw = await startTestGateway({ persons: 1500, seed: 3, access: 'off' });
});
afterAll(() => gw?.close());

const tableOf = (sql: string) => {
  const match = /from "(\w+)"\."(\w+)"/.exec(sql);
  if (!match) throw new Error(`unexpected statement: ${sql}`);
  return `${match[1]}.${match[2]}`;
};

/** subgraph_documents_total by subgraph and execution, as now. */
async function documentsExecuted(): Promise<Map<string, number>> {
  const { values } = await subgraphDocuments.get();
  return new Map(values.map(({ labels, value }) => [`${labels.subgraph}/${labels.execution}`, value]));
}

describe('compiled execution', () => {
  it('compiles every fetch of the full view, in every department subgraph', async () => {
    const before = await documentsExecuted();
    const ids = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id limit 3')).map((r) => r.citizen_id);
    const { body } = await gw.query(fullPersonsQuery(gw.gateway.schema), { citizenIds: ids });
    expect(body.errors).toBeUndefined();
    const after = await documentsExecuted();
    const delta = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
    for (const module of PERSON_SUBGRAPHS) {
      expect(delta(`${module.name}/compiled`), module.name).toBeGreaterThan(0);
      expect(delta(`${module.name}/interpreted`), module.name).toBe(0);
    }
  });
});

describe('DataLoader batching', () => {
  it(`answers a batch of ${LARGE_BATCH} people or more (planned for its keys) as it answers each of them alone (a prepared statement)`, async () => {
    const ids = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by md5(citizen_id) limit 100')).map((r) => r.citizen_id);
    const query = fullPersonsQuery(gw.gateway.schema);
    const together = await gw.query(query, { citizenIds: ids });
    expect(together.body.errors).toBeUndefined();
    const alone = await Promise.all(ids.map(async (id) => (await gw.query(query, { citizenIds: [id] })).body.data.persons[0]));
    expect(together.body.data.persons).toEqual(alone);
    expect(alone.every((person: { citizenId: string } | null) => person !== null)).toBe(true);
  });

  it('reads every slice table exactly once for the full view of 1000 people', async () => {
    const ids = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by md5(citizen_id) limit 1000')).map((r) => r.citizen_id);
    const allTables = (
      await gw.database.query<{ name: string }>(
        `select table_schema || '.' || table_name as name from information_schema.tables
         where table_schema = any($1)`,
        [PERSON_SUBGRAPHS.map((module) => module.name)],
      )
    ).map((r) => r.name);

    const statements: string[] = [];
    const stop = gw.database.onStatement((sql) => statements.push(sql));
    const { body } = await gw.query(fullPersonsQuery(gw.gateway.schema), { citizenIds: ids });
    stop();

    expect(body.errors).toBeUndefined();
    expect(body.data.persons).toHaveLength(1000);
    const counts = new Map<string, number>();
    for (const sql of statements) counts.set(tableOf(sql), (counts.get(tableOf(sql)) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...allTables].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // One array parameter, not one placeholder per person.
    expect(statements.every((sql) => !sql.includes('$2'))).toBe(true);
  });

  it('reads the people some 900 people lead to (parents, guardians, children, household members) with one more statement per table, not one per person', async () => {
    const ids = (
      await gw.database.query<{ citizen_id: string }>(
        'select child_citizen_id as citizen_id from registry.family_link union select parent_citizen_id from registry.family_link order by 1',
      )
    ).map((r) => r.citizen_id);
    const related = '{ citizenId name registration { district } education { highestLevel } tax { status } }';
    const query = `query($ids: [CitizenId!]!) { persons(citizenIds: $ids) {
      name registration { household { members { relation { code } person ${related} } } }
      parents ${related} guardians ${related} children ${related} parentLinks { kind parent { name } } } }`;
    const statements: string[] = [];
    const stop = gw.database.onStatement((sql) => statements.push(tableOf(sql)));
    const { body } = await gw.query(query, { ids });
    stop();
    expect(body.errors).toBeUndefined();
    expect(ids.length).toBeGreaterThan(800);
    expect(body.data.persons).toHaveLength(ids.length);
    const people = body.data.persons as any[];
    expect(people.filter((p) => p.parents.length > 0).length).toBeGreaterThan(300);
    expect(people.filter((p) => p.children.length > 0).length).toBeGreaterThan(300);
    const counts = new Map<string, number>();
    for (const table of statements) counts.set(table, (counts.get(table) ?? 0) + 1);
    // The links and the linked people's identity rows come in one statement per direction; their
    // registrations and other departments' slices in one more statement per table, for all of them.
    expect(Object.fromEntries(counts)).toEqual({
      'registry.person': 1,
      'registry.registration': 2,
      'registry.household': 1,
      'registry.family_link': 2,
      'education.learner': 1,
      'tax.taxpayer': 1,
    });
  });

  it('reads only the tables a query selects', async () => {
    const ids = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person limit 50')).map((r) => r.citizen_id);
    const statements: string[] = [];
    const stop = gw.database.onStatement((sql) => statements.push(tableOf(sql)));
    const { body } = await gw.query('query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { name tax { status } } }', { ids });
    stop();
    expect(body.errors).toBeUndefined();
    expect(statements.sort()).toEqual(['registry.person', 'tax.taxpayer']);
  });
});
