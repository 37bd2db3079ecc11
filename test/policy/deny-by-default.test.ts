import { REFERENCE_DATE } from '../../src/population/dates.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getNamedType, type GraphQLObjectType } from 'graphql';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullPersonsQuery } from '../../src/bench/full-view.js';
import { createGatewayServer, type GatewayServer } from '../../src/gateway/server.js';
import { createHttpServer, listen } from '../../src/gateway/http.js';
import { composeSupergraph } from '../../src/gateway/compose.js';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { seedPopulation } from '../../src/population/load.js';
import { openTestDatabase } from '../support/database.js';
import type { Database } from '../../src/db/client.js';
import { createTestKeys, type TestKeys } from '../support/tokens.js';
import { witnesses } from '../support/witnesses.js';
import { personCoordinates, walkResponse } from '../support/policy-walk.js';

const { apiSchema } = composeSupergraph(SUBGRAPHS);
// MissingPointsAnswer only has values when a department does not answer (test/points/federated-answers.test.ts).
const { objects, leaves: allLeaves } = personCoordinates(apiSchema);
const leaves = allLeaves.filter((c) => !c.startsWith('MissingPointsAnswer.'));

/** A policy with one probing department whose three purposes grant: nothing; the root; every path but no value. */
function probePolicy(): string {
  const purpose = (code: string) => ({ code, department: 'probe', description: 'Probing the policy.', legalBasis: 'Test.' });
  const file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.yaml');
  writeFileSync(
    file,
    stringify({
      departments: { probe: 'Probe' },
      purposes: [purpose('nothing'), purpose('root-only'), purpose('paths-only')],
      grants: [
        { department: 'probe', purpose: 'root-only', reason: 'Root fields only.', full: ['Query.person', 'Query.persons'] },
        { department: 'probe', purpose: 'paths-only', reason: 'Every object on the way, no value.', full: ['Query.person', 'Query.persons', ...objects] },
      ],
    }),
  );
  return file;
}

let database: Database;
let gateway: GatewayServer;
let keys: TestKeys;
let url: string;
let close: () => Promise<void>;
let ids: string[];

beforeAll(async () => {
  database = await openTestDatabase();
  await seedPopulation(database, { persons: 3000, seed: 11 });
  keys = await createTestKeys();
  gateway = await createGatewayServer(database, { access: { verifier: keys.verifier, policyFile: probePolicy() }, audit: 'on' });
  const http = createHttpServer(gateway);
  url = `http://127.0.0.1:${await listen(http, 0, '127.0.0.1')}/graphql`;
  close = async () => {
    await new Promise((r) => http.close(r));
    await gateway.stop();
    await database.close();
  };
  const first = (await database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id limit 400')).map((r) => r.citizen_id);
  ids = [...new Set([...first, ...(await witnesses(database))])];
}, 120_000);
afterAll(() => close?.());

type ViewBody = { data: { persons: Record<string, unknown>[] | null }; errors?: { path: (string | number)[]; extensions: { code: string; field: string } }[] };

/**
 * The full view of every seeded person, asked in batches: a FORBIDDEN error for every denied leaf
 * of 400 people (points breakdowns included) is more than one answer may carry (RESPONSE_SIZE_LIMIT).
 */
async function fullView(purpose: string): Promise<ViewBody> {
  const batches: ViewBody[] = [];
  for (let i = 0; i < ids.length; i += 50) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await keys.token('probe')}`, 'x-purpose': purpose },
      body: JSON.stringify({ query: fullPersonsQuery(apiSchema, { asOf: REFERENCE_DATE }), variables: { citizenIds: ids.slice(i, i + 50) } }),
    });
    batches.push((await response.json()) as ViewBody);
  }
  const persons = batches.map((b) => b.data.persons);
  return {
    data: { persons: persons.includes(null) ? null : persons.flatMap((p) => p!) },
    errors: batches.flatMap((b) => b.errors ?? []),
  };
}

describe('deny by default, over the whole composed schema', () => {
  it('a purpose with no grant reads nothing at all, not even the root field', async () => {
    const body = await fullView('nothing');
    expect(body.data.persons).toBeNull();
    expect(new Set(body.errors!.map((e) => `${e.extensions.code} ${e.extensions.field}`))).toEqual(new Set(['FORBIDDEN Query.persons']));
  });

  it('the root field alone gives people with every field null', async () => {
    const body = await fullView('root-only');
    expect(body.data.persons).toHaveLength(ids.length);
    for (const person of body.data.persons!) expect(Object.values(person!).every((v) => v === null)).toBe(true);
    const person = apiSchema.getType('Person') as GraphQLObjectType;
    // The full view asks for every field but those leading to other people (parents, children), whose views are their own.
    const asked = Object.values(person.getFields()).filter((f) => getNamedType(f.type).name !== 'Person');
    expect(asked.length).toBeGreaterThan(Object.keys(person.getFields()).length - 5);
    expect(new Set(body.errors!.map((e) => e.extensions.field))).toEqual(new Set(asked.map((f) => `Person.${f.name}`)));
  });

  it('every object on the way granted but no value: every leaf of the schema is null and reported FORBIDDEN', async () => {
    const body = await fullView('paths-only');
    const person = apiSchema.getType('Person') as GraphQLObjectType;
    const readable: string[] = [];
    for (const row of body.data.persons!) {
      walkResponse(apiSchema, person, row, [], (coordinate, _path, value, isObject) => {
        if (!isObject && value !== null) readable.push(coordinate);
        return true;
      });
    }
    expect(readable).toEqual([]);
    expect(new Set(body.errors!.map((e) => e.extensions.field))).toEqual(new Set(leaves));
    expect(body.errors!.every((e) => e.extensions.code === 'FORBIDDEN')).toBe(true);
  });
});
