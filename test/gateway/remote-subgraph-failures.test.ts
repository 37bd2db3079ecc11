import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertionChecker } from '../../src/auth/caller-assertion.js';
import { developmentKeyring } from '../../src/auth/assertion-keys.js';
import type { Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { composeSupergraph } from '../../src/gateway/compose.js';
import { parseTopology } from '../../src/gateway/topology.js';
import { CompiledPolicy } from '../../src/policy/compile.js';
import { readPolicyFile, type PolicyFile } from '../../src/policy/policy-file.js';
import { createLogger } from '../../src/observability/log.js';
import { seedPopulation } from '../../src/population/load.js';
import { SUBGRAPHS, buildSubgraph } from '../../src/subgraphs/catalog.js';
import { createSubgraphService, type SubgraphService } from '../../src/subgraphs/service.js';
import { openTestDatabase } from '../support/database.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * How the gateway tells a failing subgraph service from a refused fetch. Two department services
 * run here over loopback HTTP (what `subgraph <name>` serves), each on its own database:
 * - education, whose policy lags one grant behind the gateway's (a roll-out half done): it refuses
 *   hrss's fetches, which must not cut the Education Bureau's own for everyone;
 * - health, whose database goes away: its slice is unavailable, said so and audited as such.
 */

const SEED = 9;
const PERSONS = 40;
const dir = mkdtempSync(join(tmpdir(), 'remote-failures-'));
const services: SubgraphService[] = [];
const databases: Database[] = [];
let gw: TestGateway;
let ids: string[];
let healthDatabase: Database;

async function serve(name: string, policy: PolicyFile, keys: Awaited<ReturnType<typeof developmentKeyring>>): Promise<{ url: string; database: Database }> {
  const module = SUBGRAPHS.find((m) => m.name === name)!;
  const database = await openTestDatabase({ migrated: false });
  databases.push(database);
  await migrate(database, [module]);
  await seedPopulation(database, { persons: PERSONS, seed: SEED, writeOnly: [name] });
  const service = createSubgraphService({
    name,
    schema: buildSubgraph(module, SUBGRAPHS),
    database,
    check: assertionChecker(keys.published, name, CompiledPolicy.compile(policy, composeSupergraph(SUBGRAPHS).apiSchema)),
    logger: createLogger({ level: 'silent' }),
  });
  services.push(service);
  await new Promise<void>((resolve) => service.server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(service.server.address() as AddressInfo).port}/graphql`, database };
}

beforeAll(async () => {
  const keys = await developmentKeyring(dir);
  const lagging = readPolicyFile();
  lagging.grants = lagging.grants.map((g) => (g.department === 'hrss' && g.purpose === 'employment-services' ? { ...g, limits: { cost: 1_500_000 } } : g));
  const education = await serve('education', lagging, keys);
  const health = await serve('health', readPolicyFile(), keys);
  healthDatabase = health.database;
  const entries = SUBGRAPHS.filter((m) => m.name !== 'audit').map((m) => [m.name, m.name === 'education' ? education.url : m.name === 'health' ? health.url : 'in-process']);
  const { topology, problems } = parseTopology({ subgraphs: Object.fromEntries(entries) }, SUBGRAPHS.map((m) => m.name), 'test');
  expect(problems).toEqual([]);
  gw = await startTestGateway({ persons: PERSONS, seed: SEED, topology, assertionKeys: keys });
  ids = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id limit 3')).map((r) => r.citizen_id);
}, 120_000);

afterAll(async () => {
  for (const service of services) await new Promise((resolve) => service.server.close(resolve));
  await gw?.close();
  for (const database of databases) await database.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

const lastRecord = async () =>
  (await gw.database.query<{ unavailable_subgraphs: string[]; fields_returned: string[]; code: string }>('select unavailable_subgraphs, fields_returned, code from audit.event order by seq desc limit 1'))[0]!;

describe('a subgraph service refusing one caller’s fetches', () => {
  it('answers that caller SUBGRAPH_UNAVAILABLE, and keeps answering everyone else: a refusal is not a failure of the subgraph', async () => {
    const SCHOOL = 'query($c:[CitizenId!]!){ persons(citizenIds:$c){ citizenId education { highestLevel } } }';
    const hrss = await gw.headersFor('hrss', 'employment-services');
    for (let i = 0; i < 8; i++) {
      const refused = await gw.query('query($c:[CitizenId!]!){ persons(citizenIds:$c){ name education { highestLevel } } }', { c: ids }, hrss);
      expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(ids.map(() => 'SUBGRAPH_UNAVAILABLE'));
    }
    const school = await gw.query(SCHOOL, { c: ids }, await gw.headersFor('education', 'school-enrolment'));
    expect(school.body.errors).toBeUndefined();
    expect(school.body.data.persons.every((p: { education: unknown }) => p.education !== undefined)).toBe(true);
  });
});

describe('a subgraph service whose own database is gone', () => {
  it('costs its slice, SUBGRAPH_UNAVAILABLE at its paths; the audit names it and lists none of its fields as returned', async () => {
    await healthDatabase.close();
    const { body } = await gw.query('query($c:[CitizenId!]!){ persons(citizenIds:$c){ name health { communityHealthCentre } } }', { c: ids }, await gw.headersFor('health', 'community-health-services'));
    expect(body.data.persons.map((p: { health: unknown }) => p.health)).toEqual(ids.map(() => null));
    expect(body.data.persons.every((p: { name: unknown }) => typeof p.name === 'string')).toBe(true);
    expect(body.errors!.map((e) => [e.extensions!.code, e.path!.join('.')])).toEqual(ids.map((_, i) => ['SUBGRAPH_UNAVAILABLE', `persons.${i}.health`]));
    const record = await lastRecord();
    expect(record.unavailable_subgraphs).toEqual(['health']);
    expect(record.fields_returned.filter((field) => field.startsWith('Person.health') || field.startsWith('HealthSlice.'))).toEqual([]);
  });
});
