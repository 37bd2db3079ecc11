import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, type RateLimitsConfig } from '../../src/config.js';
import { createGatewayServer, type GatewayServer } from '../../src/gateway/server.js';
import { createHttpServer, listen } from '../../src/gateway/http.js';
import { verifyChain } from '../../src/audit/verify.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * Two gateway replicas behind a load balancer (DESIGN.md "Scale-out"): one database, so one audit
 * chain however their writes interleave, and one Redis, so one department's rate limit is one
 * bucket whichever replica a request reaches. This machine's Redis (.ci/run starts one).
 */

const LIMIT = 40;
const REQUESTS = 100;
const IN_FLIGHT = 8;
const rates: RateLimitsConfig = {
  ...DEFAULT_RATE_LIMITS,
  redisUrl: 'redis://127.0.0.1:6379',
  redisPrefix: `test-replicas:${randomUUID()}:`,
  redisTimeoutMs: 1000,
  // An hour's bucket: nothing refills while the test runs.
  department: { count: LIMIT, periodMs: 3_600_000 },
  subject: null,
  app: null,
  // Every refusal keeps its own record, so the records can be counted against the requests.
  refusals: null,
};

let first: TestGateway;
let second: GatewayServer;
let secondHttp: Server;
let secondUrl: string;

beforeAll(async () => {
  first = await startTestGateway({ persons: 60, rateLimits: rates });
  // The second replica: the same database, policy, token keys and Redis, its own process state.
  second = await createGatewayServer(first.database, { access: { verifier: first.keys.verifier }, audit: 'on', rateLimits: rates });
  secondHttp = createHttpServer(second);
  secondUrl = `http://127.0.0.1:${await listen(secondHttp, 0, '127.0.0.1')}/graphql`;
  await Promise.all([first.gateway.rateLimits.ready(), second.rateLimits.ready()]);
}, 120_000);

afterAll(async () => {
  secondHttp?.closeAllConnections();
  if (secondHttp) await new Promise((resolve) => secondHttp.close(resolve));
  await second?.stop();
  await first?.close();
});

describe('two gateway replicas under concurrent load', () => {
  it('keep one intact audit chain and one department rate limit', async () => {
    const ids = (await first.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id limit 20')).map((r) => r.citizen_id);
    const headers = { 'content-type': 'application/json', ...(await first.headersFor('education', 'school-enrolment')) };
    const before = await verifyChain(first.database);
    const statuses: number[] = [];
    const requestIds = new Set<string>();
    let next = 0;
    // IN_FLIGHT clients, each sending its requests one after another, alternately to each replica.
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < REQUESTS) {
          const i = next++;
          const response = await fetch(i % 2 === 0 ? first.url : secondUrl, {
            method: 'POST',
            headers,
            body: JSON.stringify({ query: 'query($id: CitizenId!) { person(citizenId: $id) { name education { highestLevel } } }', variables: { id: ids[i % ids.length] } }),
          });
          await response.arrayBuffer();
          statuses.push(response.status);
          requestIds.add(response.headers.get('x-request-id')!);
        }
      }),
    );
    // One bucket: exactly LIMIT answered, whichever replica each reached; the rest refused.
    expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(REQUESTS - LIMIT);
    // One chain: every request has its record, in one unbroken sequence.
    const after = await verifyChain(first.database);
    expect(after).toEqual({ intact: true, count: (before as { count: number }).count + REQUESTS });
    const recorded = await first.database.query<{ request_id: string; status: number }>('select request_id, status from audit.event order by seq desc limit $1', [REQUESTS]);
    expect(new Set(recorded.map((r) => r.request_id))).toEqual(requestIds);
    expect(recorded.filter((r) => r.status === 429)).toHaveLength(REQUESTS - LIMIT);
  });
});
