import { REFERENCE_DATE } from '../../src/population/dates.js';
import { HeaderMap } from '@apollo/server';
import type { GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullPersonsQuery } from '../../src/bench/full-view.js';
import { createGatewayServer, type GatewayServer } from '../../src/gateway/server.js';
import { CompiledPolicy } from '../../src/policy/compile.js';
import { readPolicyFile } from '../../src/policy/policy-file.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { personCoordinates, walkResponse } from '../support/policy-walk.js';
import { DISTRICTS } from '../../src/domain/districts.js';
import { witnesses } from '../support/witnesses.js';

let gw: TestGateway;
let unrestricted: GatewayServer;
let ids: string[];
let reference: Record<string, unknown>[];
let policy: CompiledPolicy;

beforeAll(async () => {
  // The full view of every grant for 400-odd people is more than the deployment's cost limit allows one request; the limits have their own tests.
  gw = await startTestGateway({ persons: 3000, seed: 11, limits: { cost: 100_000_000, responseBytes: 256 * 1024 * 1024 } });
  // The same database through a gateway with access control off: what each department stores.
  unrestricted = await createGatewayServer(gw.database, { access: 'off', audit: 'off' });
  policy = CompiledPolicy.compile(readPolicyFile(), gw.gateway.schema);
  // 400 people, and whoever holds a rare fact: every field has a value somewhere (see witnesses).
  const first = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id limit 400')).map((r) => r.citizen_id);
  ids = [...new Set([...first, ...(await witnesses(gw.database))])];
  const response = await unrestricted.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: { query: fullPersonsQuery(unrestricted.schema, { asOf: REFERENCE_DATE }), variables: { citizenIds: ids } } },
    context: async () => unrestricted.createContext(),
  });
  reference = JSON.parse((response.body as { string: string }).string).data.persons;
}, 120_000);
afterAll(async () => {
  await unrestricted?.stop();
  await gw?.close();
});

const grants = () =>
  readPolicyFile().grants.map((g) => [`${g.department} / ${g.purpose}`, g.department, g.purpose] as const);

describe('every department and purpose in the policy reads exactly its grant', () => {
  it('has test data for every field of the person view (the matrix below checks real values)', () => {
    const seen = new Set<string>();
    const person = gw.gateway.schema.getType('Person') as GraphQLObjectType;
    for (const row of reference) walkResponse(gw.gateway.schema, person, row, [], (c, _p, v) => (v !== null && seen.add(c), true));
    // MissingPointsAnswer only has values when a department does not answer (test/points/federated-answers.test.ts).
    const missing = personCoordinates(gw.gateway.schema).leaves.filter((c) => !c.startsWith('MissingPointsAnswer.')).filter((c) => !seen.has(c));
    expect(missing).toEqual([]);
  });

  it.each(grants())('%s', async (_label, department, purpose) => {
    const grant = policy.grant(department, purpose)!;
    // A district office's token: row-scoped grants reach only people registered in Tianhe.
    const headers = await gw.headersFor(department, purpose, { district: DISTRICTS.TIANHE.code });
    const { status, body } = await gw.query(fullPersonsQuery(gw.gateway.schema, { asOf: REFERENCE_DATE }), { citizenIds: ids }, headers);
    expect(status).toBe(200);
    if (!grant.tiers.has('Query.persons')) {
      // A purpose that reads no population data (the compliance office's): nothing at all.
      expect(body.data.persons).toBeNull();
      expect(body.errors!.map((e) => [e.extensions!.code, e.path!.join('.')])).toEqual([['FORBIDDEN', 'persons']]);
      return;
    }
    const expectedDenials = new Set<string>();
    const person = gw.gateway.schema.getType('Person') as GraphQLObjectType;
    let inScope = 0;
    reference.forEach((row, i) => {
      if (grant.rowScope === 'registration-district' && (row.registration as { district?: string } | null)?.district !== 'TIANHE') {
        expect(body.data.persons[i], `persons.${i} is outside the row scope`).toBeNull();
        return;
      }
      inScope++;
      walkResponse(gw.gateway.schema, person, row, ['persons', i], (coordinate, path, expected) => {
        const got = path.reduce((v: any, k) => v?.[k], body.data);
        const tier = grant.tiers.get(coordinate);
        if (!tier) {
          expect(got, `${path.join('.')} must be null`).toBeNull();
          expectedDenials.add(path.join('.'));
          return false;
        }
        if (tier === 'masked' && expected !== null) {
          const mask = grant.masks.get(coordinate)!;
          expect(got, path.join('.')).toEqual(Array.isArray(expected) ? expected.map((v) => mask(v)) : mask(expected as string));
          expect(got, `${path.join('.')} is masked, so differs from the stored value`).not.toEqual(expected);
          return false;
        }
        if (typeof expected !== 'object' || expected === null) expect(got, path.join('.')).toEqual(expected);
        return true;
      });
    });
    expect(inScope).toBeGreaterThan(grant.rowScope ? 10 : reference.length - 1);
    const forbidden = (body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN');
    expect((body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN')).toEqual([]);
    expect(new Set(forbidden.map((e) => e.path!.join('.')))).toEqual(expectedDenials);
    for (const error of forbidden) {
      expect(error.message).toContain(`for "${purpose}"`);
      expect(error.extensions!.purpose).toBe(purpose);
      expect(policy.purposesGranting(department, error.extensions!.field)).toEqual(error.extensions!.grantedFor);
    }
  });
});
