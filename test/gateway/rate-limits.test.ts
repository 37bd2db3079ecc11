import { randomUUID } from 'node:crypto';
import { createServer as createTcpServer, connect, type Server as TcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_RATE_LIMITS, loadConfig, type RateLimitsConfig } from '../../src/config.js';
import { CallerRateLimits } from '../../src/gateway/limits/caller-limits.js';
import { addressKey } from '../../src/gateway/limits/client-address.js';
import { FallbackLimitStore } from '../../src/gateway/limits/fallback-store.js';
import { MemoryLimitStore } from '../../src/gateway/limits/memory-store.js';
import { RedisLimitStore } from '../../src/gateway/limits/redis-store.js';
import type { LimitStore } from '../../src/gateway/limits/store.js';
import { TooManyRequestsError } from '../../src/gateway/limits/too-many-requests.js';
import { createLogger } from '../../src/observability/log.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/** This machine's Redis; each run uses keys of its own. */
const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `test-rate-limits:${randomUUID()}:`;
const silent = createLogger({ level: 'silent' });

function redisAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket: Socket = connect(6379, '127.0.0.1');
    socket.setTimeout(500, () => (socket.destroy(), resolve(false)));
    socket.on('connect', () => (socket.end(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}
const redisUp = await redisAnswers();
if (!redisUp) console.warn(`Redis does not answer at ${REDIS_URL}: the Redis store's tests do not run`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits, if needed, until the current fixed window has at least `needMs` left, so a test's requests fall in one window. */
async function freshWindow(periodMs: number, needMs: number): Promise<void> {
  const left = periodMs - (Date.now() % periodMs);
  if (left < needMs) await sleep(left + 20);
}

const redisStores: LimitStore[] = [];
async function redisStore(prefix = PREFIX): Promise<RedisLimitStore> {
  const store = new RedisLimitStore({ url: REDIS_URL, prefix, timeoutMs: 500 });
  redisStores.push(store);
  await store.ready();
  return store;
}
afterAll(async () => {
  for (const store of redisStores) await store.close();
});

const stores: [string, () => Promise<LimitStore>][] = [
  ['memory', async () => new MemoryLimitStore()],
  ...(redisUp ? [['Redis', () => redisStore(`${PREFIX}${randomUUID()}:`)] as [string, () => Promise<LimitStore>]] : []),
];

describe('limit configuration', () => {
  it('reads counts per period, off, and a Redis URL', () => {
    const { rateLimits: limits } = loadConfig({ RATE_LIMIT_DEPARTMENT: '600/min', RATE_LIMIT_SUBJECT: '100/10s', RATE_LIMIT_APP: 'off', RATE_LIMIT_REFUSALS: '20/h', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(limits).toMatchObject({
      department: { count: 600, periodMs: 60_000 },
      subject: { count: 100, periodMs: 10_000 },
      app: null,
      refusals: { count: 20, periodMs: 3_600_000 },
      redisUrl: 'redis://127.0.0.1:6379',
    });
    expect(loadConfig({}).rateLimits).toEqual(DEFAULT_RATE_LIMITS);
  });

  it('reports every malformed limit at once, saying what a good one looks like', () => {
    let error: unknown;
    try {
      loadConfig({ RATE_LIMIT_DEPARTMENT: 'lots', RATE_LIMIT_REFUSALS: '0/min', REDIS_URL: 'http://cache', RATE_LIMIT_REDIS_TIMEOUT_MS: '0' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/RATE_LIMIT_DEPARTMENT must be a count per period such as 600\/min/);
    expect(problems).toMatch(/RATE_LIMIT_REFUSALS/);
    expect(problems).toMatch(/REDIS_URL must be a redis:\/\//);
    expect(problems).toMatch(/RATE_LIMIT_REDIS_TIMEOUT_MS/);
  });
});

describe('refusals are counted per client address', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['2001:db8:aa:bb:1:2:3:4', '2001:db8:aa:bb::/64'],
    ['2001:db8:aa:bb::9', '2001:db8:aa:bb::/64'],
    ['2001:0db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    [undefined, 'unknown'],
  ])('%s counts as %s (an IPv6 host by its /64, which it may draw new addresses from)', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});

describe.each(stores)('the %s limit store', (_name, make) => {
  it('takes one token from every bucket, or from none when one is empty', async () => {
    const store = await make();
    const wide = { key: 'wide', capacity: 10, periodMs: 60_000 };
    const narrow = { key: 'narrow', capacity: 1, periodMs: 60_000 };
    expect(await store.take([wide, narrow])).toEqual({ emptyBucket: -1, retryAfterMs: 0 });
    const refused = await store.take([wide, narrow]);
    expect(refused.emptyBucket).toBe(1);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    // The refused take left the wide bucket alone: nine of its ten tokens are still there.
    for (let i = 0; i < 9; i++) expect((await store.take([wide])).emptyBucket).toBe(-1);
    expect((await store.take([wide])).emptyBucket).toBe(0);
  });

  it('refills a bucket evenly over its period', async () => {
    const store = await make();
    const bucket = { key: 'refill', capacity: 2, periodMs: 400 };
    await store.take([bucket]);
    await store.take([bucket]);
    const refused = await store.take([bucket]);
    expect(refused.emptyBucket).toBe(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(200);
    await sleep(refused.retryAfterMs + 30);
    expect((await store.take([bucket])).emptyBucket).toBe(-1);
  });

  it('counts events per fixed window, starting again in the next', async () => {
    const store = await make();
    await freshWindow(500, 300);
    const first = await store.count('events', 500);
    const second = await store.count('events', 500);
    expect([first.count, second.count]).toEqual([1, 2]);
    expect(second.windowEndsAt).toBe(first.windowEndsAt);
    await sleep(second.windowEndsAt - Date.now() + 20);
    expect((await store.count('events', 500)).count).toBe(1);
  });
});

describe.runIf(redisUp)('gateway replicas sharing one Redis', () => {
  it('two limiters on one Redis draw from one department bucket, as two replicas would', async () => {
    const prefix = `${PREFIX}${randomUUID()}:`;
    const rates = { department: { count: 4, periodMs: 60_000 }, subject: null, app: null };
    const replicaA = new CallerRateLimits(await redisStore(prefix), rates);
    const replicaB = new CallerRateLimits(await redisStore(prefix), rates);
    const caller = { department: 'education', subject: 'officer', roles: [], expiresAt: 0 };
    await Promise.all([replicaA.take(caller), replicaB.take(caller), replicaA.take(caller), replicaB.take(caller)]);
    await expect(replicaA.take(caller)).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(replicaB.take(caller)).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED', extensions: { limit: 'department' } });
    // Another department's bucket is its own.
    await replicaB.take({ ...caller, department: 'tax' });
  });

  it('bucket keys carry the prefix and expire once the bucket would be full again', async () => {
    const prefix = `${PREFIX}${randomUUID()}:`;
    const store = await redisStore(prefix);
    await store.take([{ key: 'expiring', capacity: 10, periodMs: 60_000 }]);
    const ttl = await store.redis.pttl(`${prefix}expiring`);
    expect(ttl).toBeGreaterThan(0);
    // One token short of full refills in 6 s; the key lives that long plus a second's margin.
    expect(ttl).toBeLessThanOrEqual(7000);
  });
});

describe('a Redis that cannot be reached', () => {
  it('limits in this replica instead, without waiting for Redis', async () => {
    const unreachable = new RedisLimitStore({ url: 'redis://127.0.0.1:1', prefix: PREFIX, timeoutMs: 100 });
    const store = new FallbackLimitStore(unreachable, silent);
    try {
      const bucket = { key: 'fallback', capacity: 1, periodMs: 60_000 };
      expect((await store.take([bucket])).emptyBucket).toBe(-1);
      expect((await store.take([bucket])).emptyBucket).toBe(0);
      expect((await store.count('fallback', 60_000)).count).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('a Redis that accepts connections but never answers does not hold requests', async () => {
    const sockets: Socket[] = [];
    const blackHole: TcpServer = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const port = (blackHole.address() as { port: number }).port;
    const store = new FallbackLimitStore(new RedisLimitStore({ url: `redis://127.0.0.1:${port}`, prefix: PREFIX, timeoutMs: 100 }), silent);
    try {
      expect((await store.take([{ key: 'black-hole', capacity: 5, periodMs: 60_000 }])).emptyBucket).toBe(-1);
      await expect(store.ready()).rejects.toThrow(/did not answer/);
    } finally {
      await store.close();
      for (const socket of sockets) socket.destroy();
      blackHole.close();
    }
  });
});

const TYPENAME = JSON.stringify({ query: '{ __typename }' });

async function post(gw: TestGateway, headers: Record<string, string>) {
  const response = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: TYPENAME });
  const body = (await response.json()) as { errors?: { message: string; extensions: Record<string, any> }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), requestId: response.headers.get('x-request-id')!, body };
}

const recordsOf = (gw: TestGateway, requestId: string) => gw.database.query<Record<string, any>>('select * from audit.event where request_id = $1', [requestId]);

const gatewayStores: [string, string | null][] = [['memory', null], ...(redisUp ? [['Redis', REDIS_URL] as [string, string]] : [])];

describe.each(gatewayStores)('department rate limits through the gateway (%s)', (_name, redisUrl) => {
  const REFUSAL_WINDOW = 20_000;
  let gw: TestGateway;
  let education: Record<string, string>;
  beforeAll(async () => {
    const limits: RateLimitsConfig = {
      ...DEFAULT_RATE_LIMITS,
      redisUrl,
      redisPrefix: `${PREFIX}${randomUUID()}:`,
      redisTimeoutMs: 500,
      department: { count: 3, periodMs: 3000 },
      subject: null,
      app: null,
      refusals: { count: 2, periodMs: REFUSAL_WINDOW },
    };
    gw = await startTestGateway({ persons: 0, rateLimits: limits });
    await gw.gateway.rateLimits.ready();
    education = await gw.headersFor('education', 'school-enrolment');
    await freshWindow(REFUSAL_WINDOW, 10_000);
  });
  afterAll(() => gw?.close());

  it("a department past its bucket gets 429 RATE_LIMITED with Retry-After, audited; another department is unaffected; the bucket refills", async () => {
    for (let i = 0; i < 3; i++) expect((await post(gw, education)).status).toBe(200);
    const limited = await post(gw, education);
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toMatch(/^[1-9]\d*$/);
    expect(limited.body.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'department', retryAfterSeconds: Number(limited.retryAfter) });
    expect(limited.body.errors![0]!.message).toMatch(/department limit is 3 per 3 s requests for department education.*Retry after \d+ s/);
    expect(await recordsOf(gw, limited.requestId)).toMatchObject([
      { outcome: 'refused', status: 429, code: 'RATE_LIMITED', department: 'education', subject: 'test-education', purpose: 'school-enrolment', citizen_ids: [] },
    ]);

    // The whole department shares the bucket; another department has its own.
    expect((await post(gw, await gw.headersFor('education', 'school-enrolment', { subject: 'another-officer' }))).status).toBe(429);
    expect((await post(gw, await gw.headersFor('tax', 'tax-administration'))).status).toBe(200);

    await sleep(Number(limited.retryAfter) * 1000);
    expect((await post(gw, education)).status).toBe(200);
  });

  it('a caller that keeps sending past its limit leaves records up to the refusal limit, then one summary for the window', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await post(gw, education));
    expect(answers.every((a) => a.status === 429 && a.body.errors![0]!.extensions.code === 'RATE_LIMITED')).toBe(true);
    const limitedRecords = await gw.database.query<{ n: number }>("select count(*)::int as n from audit.event where code = 'RATE_LIMITED' and subject = 'test-education'");
    // One 429 in the previous test, five here: the first two recorded, four summarised.
    expect(limitedRecords[0]!.n).toBe(2);
    await gw.gateway.rateLimits.stop();
    const [summary, ...more] = await gw.database.query<Record<string, any>>("select * from audit.event where code = 'REFUSALS_SUPPRESSED'");
    expect(more).toHaveLength(0);
    // Only what all the summarised refusals share: the caller, not a purpose (it could differ between them).
    expect(summary).toMatchObject({ outcome: 'refused', status: 429, department: 'education', subject: 'test-education', purpose: null, duration_ms: REFUSAL_WINDOW });
    expect(summary!.operation_name).toMatch(/^4 refusals without their own record in \S+Z\/\S+Z$/);
  });
});

describe('refusals from one client address are limited', () => {
  const K = 10;
  const WINDOW = 20_000;
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ persons: 0, rateLimits: { ...DEFAULT_RATE_LIMITS, refusals: { count: K, periodMs: WINDOW } } });
    await freshWindow(WINDOW, 12_000);
  });
  afterAll(() => gw?.close());

  it('a flood of 300 bad-token requests leaves K records, then 429 with Retry-After and one summary record', async () => {
    const bad = { authorization: 'Bearer not-a-jwt', 'x-purpose': 'school-enrolment' };
    const answers: Awaited<ReturnType<typeof post>>[] = [];
    for (let i = 0; i < 300; i += 50) answers.push(...(await Promise.all(Array.from({ length: 50 }, () => post(gw, bad)))));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(K);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(300 - K);
    for (const answer of limited) {
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(answer.retryAfter)).toBeLessThanOrEqual(WINDOW / 1000);
      expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'refusals' });
    }

    // Until the window closes the address is refused before its token is even looked at.
    const good = await post(gw, await gw.headersFor('education', 'school-enrolment'));
    expect(good.status).toBe(429);
    expect(await recordsOf(gw, good.requestId)).toHaveLength(0);

    const metrics = await (await fetch(`${gw.origin}/metrics`)).text();
    expect(Number(/^gateway_refusals_suppressed_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(300 - K + 1);
    expect(metrics).toMatch(/^gateway_rate_limited_total\{limit="refusals"\} \d+/m);

    // Shutting down writes the window's summary even though the window is still open.
    await gw.gateway.rateLimits.stop();
    const records = await gw.database.query<Record<string, any>>('select * from audit.event order by seq');
    expect(records).toHaveLength(K + 1);
    expect(records.slice(0, K).every((r) => r.code === 'UNAUTHENTICATED' && r.status === 401)).toBe(true);
    expect(records[K]).toMatchObject({ outcome: 'refused', status: 429, code: 'REFUSALS_SUPPRESSED', department: null, client_address: expect.stringMatching(/127\.0\.0\.1/) });
    expect(records[K]!.operation_name).toMatch(new RegExp(`^${300 - K + 1} refusals without their own record`));
  });
});

describe('the summary of a window is written when the window closes, with no further traffic', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ persons: 0, rateLimits: { ...DEFAULT_RATE_LIMITS, refusals: { count: 1, periodMs: 1000 } } });
  });
  afterAll(() => gw?.close());

  it('three refusals in a one-second window: one record, two summarised by the timer; the next window starts afresh', async () => {
    await freshWindow(1000, 700);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await post(gw, { 'x-purpose': 'school-enrolment' }));
    expect(answers.map((a) => a.status)).toEqual([401, 429, 429]);
    let summaries: Record<string, any>[] = [];
    for (let attempt = 0; attempt < 50 && summaries.length === 0; attempt++) {
      await sleep(100);
      summaries = await gw.database.query("select * from audit.event where code = 'REFUSALS_SUPPRESSED'");
    }
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.operation_name).toMatch(/^2 refusals/);
    expect((await post(gw, await gw.headersFor('education', 'school-enrolment'))).status).toBe(200);
  });
});
