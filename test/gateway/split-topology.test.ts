import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_DATE } from '../../src/population/dates.js';
import { DEMO_SEED } from '../../src/population/generate.js';
import { fullPersonsQuery } from '../../src/bench/full-view.js';
import { developmentKeyring, type AssertionKeyring } from '../../src/auth/assertion-keys.js';
import { generateAssertionKey, grantHash, signAssertion, type CallerAssertion } from '../../src/auth/caller-assertion.js';
import { parseTopology } from '../../src/gateway/topology.js';
import { readPolicyFile } from '../../src/policy/policy-file.js';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { DISTRICTS } from '../../src/domain/districts.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { witnesses } from '../support/witnesses.js';
import { verifyChain } from '../../src/audit/verify.js';
import { commandDatabase, type CommandDatabase } from '../cli/cli.js';
import { spawnSubgraphService, type SubgraphServiceProcess } from '../../src/subgraphs/spawn-service.js';

/**
 * The split topology on loopback (DESIGN.md "Scale-out"): three departments' subgraphs run as
 * their own processes, each on its own database, and a gateway reaches them over HTTP with a
 * caller assertion per fetch. Every grant's full view must answer exactly as the gateway with
 * every subgraph in its process does; a subgraph refuses whatever the gateway did not sign for
 * it; a killed subgraph costs only its own slice, and is used again once it is back.
 */

const REMOTE = ['registry', 'education', 'civil'] as const;
type Remote = (typeof REMOTE)[number];
/** Few people: each process generates the whole population to write its share (same seed as the gateways). */
const PERSONS = 150;
const LIMITS = { cost: 100_000_000, responseBytes: 256 * 1024 * 1024 };

let keysDir: string;
let keyring: AssertionKeyring;
/** Each subgraph's own database: a new one on the PostgreSQL server, or an in-memory PGlite in its process (a restart seeds it again, alike). */
const databases = new Map<Remote, CommandDatabase | null>();
const databaseEnv = (name: Remote) => databases.get(name)?.env ?? { DATABASE_URL: '', PGLITE_DIR: 'memory://' };
const ports = new Map<Remote, number>();
const running = new Map<Remote, SubgraphServiceProcess>();
let split: TestGateway;
let inProcess: TestGateway;
let ids: string[];

/** A loopback port nothing listens on now, so a restarted subgraph can come back at the same URL. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `city-population-gateway subgraph <name>` in its own process, on its own database, at its own port. */
const startSubgraph = (name: Remote) =>
  spawnSubgraphService(name, { ...databaseEnv(name), PORT: String(ports.get(name)), DEV_KEYS_DIR: keysDir, DEMO_PERSONS: String(PERSONS), LOG_LEVEL: 'warn', NODE_ENV: 'test' });

async function stopSubgraph(name: Remote, signal: NodeJS.Signals): Promise<void> {
  const subgraph = running.get(name);
  running.delete(name);
  await subgraph?.stop(signal);
}

beforeAll(async () => {
  keysDir = mkdtempSync(join(tmpdir(), 'assertion-keys-'));
  keyring = await developmentKeyring(keysDir);
  for (const name of REMOTE) {
    databases.set(name, process.env.DATABASE_URL ? await commandDatabase() : null);
    ports.set(name, await freePort());
  }
  const started = await Promise.all(REMOTE.map(startSubgraph));
  REMOTE.forEach((name, index) => running.set(name, started[index]!));
  const entries = SUBGRAPHS.filter((m) => m.name !== 'audit').map((m) => [m.name, REMOTE.includes(m.name as Remote) ? { url: running.get(m.name as Remote)!.url, timeout: '10s' } : 'in-process']);
  const { topology, problems } = parseTopology({ subgraphs: Object.fromEntries(entries) }, SUBGRAPHS.map((m) => m.name), 'test topology');
  expect(problems).toEqual([]);
  [split, inProcess] = await Promise.all([
    startTestGateway({ persons: PERSONS, seed: DEMO_SEED, limits: LIMITS, topology, assertionKeys: keyring }),
    startTestGateway({ persons: PERSONS, seed: DEMO_SEED, limits: LIMITS }),
  ]);
  const first = (await inProcess.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id limit 40')).map((r) => r.citizen_id);
  ids = [...new Set([...first, ...(await witnesses(inProcess.database))])];
}, 240_000);

afterAll(async () => {
  await Promise.all(REMOTE.map((name) => stopSubgraph(name, 'SIGTERM')));
  await split?.close();
  await inProcess?.close();
  for (const database of databases.values()) await database?.close();
  rmSync(keysDir, { recursive: true, force: true });
});

/** Both gateways asked the same, by the same department for the same purpose (from a Tianhe office). */
async function both(department: string, purpose: string, query: string, variables: Record<string, unknown>) {
  const request = { district: DISTRICTS.TIANHE.code };
  return Promise.all([
    split.query(query, variables, await split.headersFor(department, purpose, request)),
    inProcess.query(query, variables, await inProcess.headersFor(department, purpose, request)),
  ]);
}

const SCHOOL = ['education', 'school-enrolment'] as const;

describe('the gateway with three departments as their own services', () => {
  it.each(readPolicyFile().grants.map((g) => [`${g.department} / ${g.purpose}`, g.department, g.purpose] as const))(
    'answers the full view for %s exactly as in one process',
    async (_label, department, purpose) => {
      const [remote, local] = await both(department, purpose, fullPersonsQuery(split.gateway.schema, { asOf: REFERENCE_DATE }), { citizenIds: ids });
      expect(remote.status).toBe(local.status);
      expect(remote.body).toEqual(local.body);
    },
  );

  it('publishes the public halves of its assertion keys, and nothing private', async () => {
    const response = await fetch(`${split.origin}/.well-known/caller-assertion-keys`);
    expect(response.status).toBe(200);
    const published = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(published).toEqual(keyring.published);
    expect(published.keys.every((key) => !('d' in key))).toBe(true);
    // The in-process gateway has no keys to publish.
    expect((await fetch(`${inProcess.origin}/.well-known/caller-assertion-keys`)).status).toBe(404);
  });
});

describe('a department subgraph service', () => {
  const entities = (citizenId: string) =>
    JSON.stringify({ query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Person{education{highestLevel}}}}', variables: { representations: [{ __typename: 'Person', citizenId }] } });
  const ENTITIES = entities('440106199001011235');
  const grant = readPolicyFile();
  const caller = (department: string, purpose: string, hash?: string): CallerAssertion => {
    const entry = grant.grants.find((g) => g.department === department && g.purpose === purpose)!;
    return { department: entry.department, purpose: entry.purpose, requestId: 'test', grantHash: hash ?? grantHash(split.gateway.accessControl!.policy.grant(department, purpose)!), caseId: null, rowScope: null };
  };
  const post = (name: Remote, body: string, assertion?: string) =>
    fetch(running.get(name)!.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(assertion ? { authorization: `Bearer ${assertion}` } : {}) }, body });
  const refusal = async (response: Response) => ({ status: response.status, ...((await response.json()) as { errors: { extensions: { code: string; reason: string } }[] }).errors[0]!.extensions });

  it('answers a fetch the gateway signed for it, once', async () => {
    // A learner: their education slice has a value.
    const [pupil] = await inProcess.database.query<{ citizen_id: string }>('select citizen_id from education.learner order by citizen_id limit 1');
    const body = entities(pupil!.citizen_id);
    const assertion = await signAssertion(keyring.signing, 'education', caller(...SCHOOL), body);
    const first = await post('education', body, assertion);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ data: { _entities: [{ education: { highestLevel: expect.any(String) } }] } });
    expect(await refusal(await post('education', body, assertion))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', reason: 'replayed' });
  });

  it('refuses `_entities` without an assertion, signed by another key, for another subgraph or body, or under another grant', async () => {
    const stranger = await generateAssertionKey();
    const forOther = await signAssertion(keyring.signing, 'civil', caller(...SCHOOL), ENTITIES);
    const otherBody = await signAssertion(keyring.signing, 'education', caller(...SCHOOL), ENTITIES.replace('440106199001011235', '440106199001011243'));
    const widened = await signAssertion(keyring.signing, 'education', caller(...SCHOOL, 'f'.repeat(64)), ENTITIES);
    expect(await refusal(await post('education', ENTITIES))).toMatchObject({ status: 401, reason: 'missing' });
    expect(await refusal(await post('education', ENTITIES, await signAssertion(stranger, 'education', caller(...SCHOOL), ENTITIES)))).toMatchObject({ status: 401, reason: 'unknown key' });
    expect(await refusal(await post('education', ENTITIES, forOther))).toMatchObject({ status: 401, reason: 'wrong audience' });
    expect(await refusal(await post('education', ENTITIES, otherBody))).toMatchObject({ status: 401, reason: 'other fetch' });
    expect(await refusal(await post('education', ENTITIES, widened))).toMatchObject({ status: 401, reason: 'not the policy' });
    // A department's own identity-provider token is not an assertion either.
    const token = (await split.headersFor(...SCHOOL)).authorization.slice('Bearer '.length);
    expect(await refusal(await post('education', ENTITIES, token))).toMatchObject({ status: 401 });
  });

  it('refuses a request without an assertion on its header alone, before reading a byte of its body', async () => {
    const { hostname, port } = new URL(running.get('education')!.url);
    // Eight megabytes announced, none sent: the refusal must not wait for them.
    const answer = await new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = httpRequest({ host: hostname, port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(8 * 1024 * 1024 - 1) } });
      req.once('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode!, connection: res.headers.connection });
        req.destroy();
      });
      req.once('error', reject);
      req.flushHeaders();
    });
    expect(answer).toEqual({ status: 401, connection: 'close' });
  });

  it('serves its probes and metrics', async () => {
    const base = running.get('civil')!.url.replace(/\/graphql$/, '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready', subgraph: 'civil', checks: { database: 'ok', shutdown: 'ok' } });
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/subgraph_http_requests_total\{subgraph="civil",status="200"\}/);
  });
});

describe('a subgraph that stops', () => {
  const VIEW = 'query($citizenIds: [CitizenId!]!) { persons(citizenIds: $citizenIds) { citizenId name registration { status district } education { highestLevel currentEnrolment { schoolName grade } } } }';

  it('costs only its own slice, named SUBGRAPH_UNAVAILABLE at its paths, and answers again once it is back', async () => {
    const people = ids.slice(0, 3);
    const [, expected] = await both(...SCHOOL, VIEW, { citizenIds: people });
    expect(expected.body.errors).toBeUndefined();

    await stopSubgraph('education', 'SIGKILL');
    const [down] = await both(...SCHOOL, VIEW, { citizenIds: people });
    expect(down.status).toBe(200);
    const persons = down.body.data.persons as Record<string, unknown>[];
    persons.forEach((person, i) => {
      // Everything but the education slice is there, as it was.
      expect(person).toEqual({ ...expected.body.data.persons[i], education: null });
    });
    expect(down.body.errors!.map((e) => [e.extensions!.code, e.path!.join('.')])).toEqual(people.map((_, i) => ['SUBGRAPH_UNAVAILABLE', `persons.${i}.education`]));
    // The caller learns which slice, not where the gateway's subgraphs run.
    expect(JSON.stringify(down.body.errors)).not.toMatch(/127\.0\.0\.1|serviceName/);
    // The audit record names the slice that failed, beside the people whose other slices were released.
    const [record] = await split.database.query<{ unavailable_subgraphs: string[]; citizen_ids: string[]; code: string; fields_returned: string[] }>('select unavailable_subgraphs, citizen_ids, code, fields_returned from audit.event order by seq desc limit 1');
    expect(record).toMatchObject({ unavailable_subgraphs: ['education'], citizen_ids: [...people].sort(), code: 'SUBGRAPH_UNAVAILABLE' });
    // What was answered, not what was asked: no field only education resolves.
    expect(record!.fields_returned).toEqual(['Query.persons', 'Person.citizenId', 'Person.name', 'Person.registration', 'HouseholdRegistration.status', 'HouseholdRegistration.district']);

    running.set('education', await startSubgraph('education'));
    // The circuit breaker lets a probe through within seconds; until then the slice stays unavailable.
    let back: Awaited<ReturnType<typeof both>>[0] | undefined;
    for (let attempt = 0; attempt < 40; attempt++) {
      [back] = await both(...SCHOOL, VIEW, { citizenIds: people });
      if (!back.body.errors) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(back!.body).toEqual(expected.body);
    const [last] = await split.database.query<{ unavailable_subgraphs: string[]; fields_returned: string[] }>('select unavailable_subgraphs, fields_returned from audit.event order by seq desc limit 1');
    expect(last!.unavailable_subgraphs).toEqual([]);
    expect(last!.fields_returned).toEqual(expect.arrayContaining(['Person.education', 'EducationSlice.highestLevel']));
    expect(await verifyChain(split.database)).toMatchObject({ intact: true });
  }, 180_000);
});
