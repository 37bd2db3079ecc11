import { PERSON_SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { fullPersonsQuery } from '../../src/bench/full-view.js';

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

describe('DataLoader batching', () => {
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
