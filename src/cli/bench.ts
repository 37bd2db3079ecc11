import { HeaderMap } from '@apollo/server';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, DEFAULT_RATE_LIMITS, loadConfig } from '../config.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../db/client.js';
import type { TokenVerifier } from '../auth/keys.js';
import { developmentKeyring } from '../auth/assertion-keys.js';
import { DEPARTMENT_SUBGRAPHS, SUBGRAPHS } from '../subgraphs/catalog.js';
import { spawnSubgraphService } from '../subgraphs/spawn-service.js';
import { parseTopology } from '../gateway/topology.js';
import { migrateAll } from '../subgraphs/migrate-all.js';
import { countPersons, seedPopulation } from '../population/load.js';
import { createGatewayServer, type GatewayServer } from '../gateway/server.js';
import { createHttpServer, listen } from '../gateway/http.js';
import { pino } from 'pino';
import { createLogger } from '../observability/log.js';
import { fullPersonQuery, fullPersonsQuery, grantedPersonQuery, grantedPersonsQuery } from '../bench/full-view.js';
import { generateKeyPair } from 'jose';
import { issueToken } from '../auth/caller.js';
import { rawFullView, rawHttpServer } from '../bench/raw-sql.js';
import { race, ms, type Timing } from '../bench/measure.js';
import { cpuPerRequest, type CpuPerRequest } from '../bench/cpu.js';
import { FLAT_HEAP_GROWTH, soak } from '../bench/soak.js';
import { parseDurationMs } from '../domain/duration.js';
import { UsageError } from './exit.js';
import { parseOptions } from './args.js';
import { progress } from './progress.js';

const USAGE = `Usage: city-population-gateway bench [--persons N] [--rounds N] [--seed S] [--soak DURATION]
   or: npm run bench -- [--persons N] [--rounds N] [--seed S] [--soak DURATION]

Measures the full person view through the gateway against raw SQL for the same rows, in one run,
and prints the ratios next to the DESIGN.md budget. Uses DATABASE_URL (PostgreSQL) when set,
otherwise the embedded PGlite folder. An empty database is first seeded with --persons people
(default 100000); a populated one is used as it is. With --soak 10m it only soaks instead: 8
requests in flight over HTTP (policy and audit on) for that long, memory sampled every 30 s.
Exit codes: 0 measured, 2 bad arguments or configuration, 3 database unreachable.`;

export async function run(args: string[]): Promise<void> {
  const values = parseOptions(
    args,
    {
      persons: { type: 'string', default: '100000' },
      rounds: { type: 'string', default: '200' },
      seed: { type: 'string', default: '1' },
      soak: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const persons = Number(values.persons);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(persons) || persons < 1000 || !Number.isInteger(rounds) || rounds < 10) {
    throw new UsageError('--persons must be ≥ 1000 and --rounds ≥ 10', USAGE);
  }
  const soakMs = values.soak === undefined ? null : parseDurationMs(values.soak, 's');
  if (soakMs === null && values.soak !== undefined) throw new UsageError(`--soak takes a duration such as 10m or 90s, got "${values.soak}"`, USAGE);

  const config = loadConfig();
  const database = await openDatabase(config.database);
  await migrateAll(database);
  if ((await countPersons(database)) === 0) {
    process.stderr.write(`seeding ${persons} people …\n`);
    const bar = progress({ label: 'seeding', unit: 'people', total: persons });
    await seedPopulation(database, { persons, seed: Number(values.seed), onProgress: ({ persons: done }) => bar.update(done) }).finally(() => bar.end());
  }
  const population = await countPersons(database);
  // A fixed pseudo-random sample, the same for both contenders.
  const ids = (
    await database.query<{ citizen_id: string }>('select citizen_id from registry.person order by md5(citizen_id) limit 20000')
  ).map((r) => r.citizen_id);
  if (soakMs !== null) {
    await soakRun(database, ids, soakMs);
    await database.close();
    return;
  }

  // The federation against raw SQL: the full view crosses every department, which no single grant
  // covers, so it runs with access control off. The policy's own cost is measured separately.
  // Logging a line per request at info, as in production (to /dev/null: the cost, not the text).
  const logger = createLogger({ level: 'info', destination: pino.destination({ dest: '/dev/null', sync: false }) });
  const gateway = await createGatewayServer(database, { access: 'off', audit: 'off', logger });
  const raw = rawFullView(database);
  const oneQuery = fullPersonQuery(gateway.schema);
  const manyQuery = fullPersonsQuery(gateway.schema);
  const http = createHttpServer(gateway);
  const port = await listen(http, 0, '127.0.0.1');

  const one = (i: number) => ids[i % ids.length]!;
  const thousand = (i: number) => Array.from({ length: 1000 }, (_, k) => ids[(i * 1000 + k) % ids.length]!);

  const single = await race(
    {
      raw: (id: string) => raw.read([id]),
      gateway: (id: string) => execute(gateway, oneQuery, { citizenId: id }),
      http: (id: string) => post(port, oneQuery, { citizenId: id }),
    },
    one,
    rounds,
    Math.min(50, rounds),
  );
  const batch = await race(
    {
      raw: (batchIds: string[]) => raw.read(batchIds),
      gateway: (batchIds: string[]) => execute(gateway, manyQuery, { citizenIds: batchIds }),
    },
    thousand,
    Math.max(10, Math.round(rounds / 4)),
    3,
  );

  // The policy's cost: the same queries, fields one grant reads whole (some of them masked),
  // through a gateway enforcing the policy (token verified per request) and one that does not.
  const keys = await benchKeys();
  const enforcing = await createGatewayServer(database, { access: { verifier: keys.verifier }, audit: 'off' });
  const audited = await createGatewayServer(database, { access: { verifier: keys.verifier }, audit: 'on' });
  const { grant, granted, headers: policyHeaders } = await policyCase(enforcing, keys, 3600);
  const grantedOne = grantedPersonQuery(gateway.schema, granted);
  const grantedMany = grantedPersonsQuery(gateway.schema, granted);
  const policySingle = await race(
    {
      off: (id: string) => execute(gateway, grantedOne, { citizenId: id }),
      on: (id: string) => execute(enforcing, grantedOne, { citizenId: id }, policyHeaders),
      audited: (id: string) => execute(audited, grantedOne, { citizenId: id }, policyHeaders),
    },
    one,
    rounds,
    Math.min(50, rounds),
  );
  const policyBatch = await race(
    {
      off: (batchIds: string[]) => execute(gateway, grantedMany, { citizenIds: batchIds }),
      on: (batchIds: string[]) => execute(enforcing, grantedMany, { citizenIds: batchIds }, policyHeaders),
      audited: (batchIds: string[]) => execute(audited, grantedMany, { citizenIds: batchIds }, policyHeaders),
    },
    thousand,
    Math.max(10, Math.round(rounds / 4)),
    3,
  );

  // Throughput with many requests in flight: the audit's group commit must not make them queue.
  const throughputOf = (server: GatewayServer, headers: Record<string, string>) =>
    throughput((i) => execute(server, grantedOne, { citizenId: one(i) }, headers), THROUGHPUT_REQUESTS, THROUGHPUT_CONCURRENCY);
  await throughputOf(enforcing, policyHeaders); // warm-up
  const plainRate = await throughputOf(enforcing, policyHeaders);
  const auditedRate = await throughputOf(audited, policyHeaders);

  let statements = 0;
  const stop = database.onStatement(() => statements++);
  const answerBytes = Buffer.byteLength(await execute(gateway, manyQuery, { citizenIds: thousand(0) }));
  stop();

  const row = (label: string, rawT: Timing, gw: Timing, budget: number) => {
    const ratio = gw.median / rawT.median;
    return `${label.padEnd(34)}${ms(rawT.median).padStart(10)}${ms(gw.median).padStart(11)}${`${ratio.toFixed(2)}×`.padStart(8)}   ≤ ${budget}×  ${ratio <= budget ? 'ok' : 'OVER BUDGET'}`;
  };
  const overhead = (label: string, off: Timing, on: Timing) => {
    const cost = on.median / off.median - 1;
    return `${label.padEnd(34)}${ms(off.median).padStart(10)}${ms(on.median).padStart(11)}${`${(cost * 100).toFixed(1)}%`.padStart(8)}   ≤ 10%  ${cost <= 0.1 ? 'ok' : 'OVER BUDGET'}`;
  };
  const lines = [
    `Population gateway benchmark — ${database.kind}, ${population} people, node ${process.version}, ${rounds} rounds`,
    `${''.padEnd(34)}${'raw SQL'.padStart(10)}${'gateway'.padStart(11)}${'ratio'.padStart(8)}   budget`,
    row('full view, 1 person (median)', single.raw!, single.gateway!, 2),
    row('full view, 1000 persons (median)', batch.raw!, batch.gateway!, 3),
    `${'full view, 1 person over HTTP'.padEnd(34)}${''.padStart(10)}${ms(single.http!.median).padStart(11)}${`${(single.http!.median / single.raw!.median).toFixed(2)}×`.padStart(8)}   (loopback HTTP, for reference)`,
    `p95: raw ${ms(single.raw!.p95)} / gateway ${ms(single.gateway!.p95)} (1 person); raw ${ms(batch.raw!.p95)} / gateway ${ms(batch.gateway!.p95)} (1000)`,
    `SQL statements for one 1000-person full view: gateway ${statements}, raw ${raw.statements}; the gateway's answer ${(answerBytes / 1e6).toFixed(1)} MB (with households' members, which raw SQL does not read)`,
    '',
    `Sharing policy + masking (${POLICY_CASE.department} / ${POLICY_CASE.purpose}: ${grant.tiers.size} fields, ${grant.masks.size} masked), same query`,
    `${''.padEnd(34)}${'off'.padStart(10)}${'on'.padStart(11)}${'cost'.padStart(8)}   budget`,
    overhead('granted view, 1 person (median)', policySingle.off!, policySingle.on!),
    overhead('granted view, 1000 persons (median)', policyBatch.off!, policyBatch.on!),
    overhead('+ audit, 1 person (median)', policySingle.off!, policySingle.audited!),
    overhead('+ audit, 1000 persons (median)', policyBatch.off!, policyBatch.audited!),
    `audit's own cost: ${((policySingle.audited!.median / policySingle.on!.median - 1) * 100).toFixed(1)}% (1 person), ${((policyBatch.audited!.median / policyBatch.on!.median - 1) * 100).toFixed(1)}% (1000), one record per request`,
    `throughput, ${THROUGHPUT_CONCURRENCY} requests in flight, 1 person each: policy ${plainRate.toFixed(0)}/s, policy + audit ${auditedRate.toFixed(0)}/s (${((auditedRate / plainRate - 1) * 100).toFixed(1)}%)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  process.stdout.write(`${(await goals({ database, raw, gateway, oneQuery, port, one, batch, rounds })).join('\n')}\n`);

  if (config.database.kind === 'postgres') {
    const split = await splitTopology(config.database.url, database, keys.verifier);
    try {
      const splitSingle = await race(
        {
          inProcess: (id: string) => execute(audited, grantedOne, { citizenId: id }, policyHeaders),
          split: (id: string) => execute(split.gateway, grantedOne, { citizenId: id }, policyHeaders),
        },
        one,
        rounds,
        Math.min(50, rounds),
      );
      const splitBatch = await race(
        {
          inProcess: (batchIds: string[]) => execute(audited, grantedMany, { citizenIds: batchIds }, policyHeaders),
          split: (batchIds: string[]) => execute(split.gateway, grantedMany, { citizenIds: batchIds }, policyHeaders),
        },
        thousand,
        Math.max(10, Math.round(rounds / 4)),
        3,
      );
      const splitRateOf = (server: GatewayServer) => throughput((i) => execute(server, grantedOne, { citizenId: one(i) }, policyHeaders), THROUGHPUT_REQUESTS / 2, SPLIT_CONCURRENCY);
      await splitRateOf(split.gateway); // warm-up
      const [inProcessRate, splitRate] = [await splitRateOf(audited), await splitRateOf(split.gateway)];
      const compare = (label: string, a: Timing, b: Timing) => `${label.padEnd(34)}${ms(a.median).padStart(10)}${ms(b.median).padStart(11)}${`${(b.median / a.median).toFixed(2)}×`.padStart(8)}`;
      process.stdout.write(
        `${[
          '',
          `Split topology: the ${split.subgraphs} department subgraphs as their own processes (same database), policy + audit on, same granted view`,
          `${''.padEnd(34)}${'in-process'.padStart(10)}${'split'.padStart(11)}${'ratio'.padStart(8)}`,
          compare('granted view, 1 person (median)', splitSingle.inProcess!, splitSingle.split!),
          compare('granted view, 1000 persons (median)', splitBatch.inProcess!, splitBatch.split!),
          `throughput, ${SPLIT_CONCURRENCY} in flight, 1 person each: in-process ${inProcessRate.toFixed(0)}/s, split ${splitRate.toFixed(0)}/s (${((splitRate / inProcessRate - 1) * 100).toFixed(1)}%)`,
        ].join('\n')}\n`,
      );
    } finally {
      await split.stop();
    }
  } else {
    process.stdout.write('\nSplit topology: not measured on the embedded PGlite (one process owns it); set DATABASE_URL.\n');
  }

  http.close();
  await enforcing.stop();
  await audited.stop();
  await gateway.stop();
  await database.close();
}

/**
 * Issue 12's goals for the full person view, side by side with the raw-SQL path: CPU per request
 * (this process and the database server), HTTP throughput at 8 in flight against the raw path
 * served as JSON over HTTP, and the 1000-person ratio. The full view crosses every department,
 * which no grant covers: policy and audit are off here; their cost is the section above.
 */
async function goals(bench: {
  database: Database;
  raw: ReturnType<typeof rawFullView>;
  gateway: GatewayServer;
  oneQuery: string;
  port: number;
  one: (i: number) => string;
  batch: Record<string, Timing>;
  rounds: number;
}): Promise<string[]> {
  const { database, raw, gateway, oneQuery, port, one, batch, rounds } = bench;
  const postgres = database.kind === 'postgres';
  const count = Math.max(200, rounds * 5);
  const rawCpu = await cpuPerRequest((i) => raw.read([one(i)]), count, 50, postgres);
  const gatewayCpu = await cpuPerRequest((i) => execute(gateway, oneQuery, { citizenId: one(i) }), count, 50, postgres);
  const rawServer = rawHttpServer((ids) => raw.read(ids));
  const rawPort = await listen(rawServer, 0, '127.0.0.1');
  const postRaw = (i: number) => fetch(`http://127.0.0.1:${rawPort}/`, { method: 'POST', body: JSON.stringify({ citizenId: one(i) }) }).then((r) => r.text());
  const postGateway = (i: number) => post(port, oneQuery, { citizenId: one(i) });
  await throughput(postRaw, 200, SPLIT_CONCURRENCY); // warm-up
  await throughput(postGateway, 200, SPLIT_CONCURRENCY);
  const rawRate = await throughput(postRaw, THROUGHPUT_REQUESTS, SPLIT_CONCURRENCY);
  const gatewayRate = await throughput(postGateway, THROUGHPUT_REQUESTS, SPLIT_CONCURRENCY);
  rawServer.close();

  const total = (cpu: CpuPerRequest) => cpu.node + (cpu.postgres ?? 0);
  const cpuText = (cpu: CpuPerRequest) => `${ms(cpu.node)}${cpu.postgres === null ? '' : ` + ${ms(cpu.postgres)}`}`;
  const cpuRatio = total(gatewayCpu) / total(rawCpu);
  const rateRatio = gatewayRate / rawRate;
  const batchRatio = batch.gateway!.median / batch.raw!.median;
  const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');
  const line = (label: string, rawText: string, gatewayText: string, ratio: string, goal: string, met: boolean) =>
    `${label.padEnd(36)}${rawText.padStart(18)}${gatewayText.padStart(18)}${ratio.padStart(8)}   ${goal}  ${verdict(met)}`;
  return [
    '',
    `Goals (issue 12), full view, policy and audit off; CPU is this process${postgres ? ' + the PostgreSQL server' : ''}, per request, ${count} requests`,
    `${''.padEnd(36)}${'raw SQL'.padStart(18)}${'gateway'.padStart(18)}${'ratio'.padStart(8)}   goal`,
    line('CPU per request, 1 person', cpuText(rawCpu), cpuText(gatewayCpu), `${cpuRatio.toFixed(2)}×`, '≤ 1.5×', cpuRatio <= 1.5),
    line(`HTTP, ${SPLIT_CONCURRENCY} in flight, 1 person`, `${rawRate.toFixed(0)}/s`, `${gatewayRate.toFixed(0)}/s`, `${rateRatio.toFixed(2)}×`, '≥ 0.7×', rateRatio >= 0.7),
    line('1000 persons (median)', ms(batch.raw!.median), ms(batch.gateway!.median), `${batchRatio.toFixed(2)}×`, '≤ 2.5×', batchRatio <= 2.5),
  ];
}

/**
 * `--soak`: the policy-enforcing, audited gateway over loopback HTTP, 8 requests in flight for the
 * whole duration (one person's granted view, every 100th a thousand people's), memory sampled every
 * 30 s. Prints each sample, then whether the heap stayed flat.
 */
async function soakRun(database: Database, ids: string[], durationMs: number): Promise<void> {
  const keys = await benchKeys();
  const logger = createLogger({ level: 'info', destination: pino.destination({ dest: '/dev/null', sync: false }) });
  // The callers' rate limits off: one caller sends the whole load, which they exist to stop.
  const rateLimits = { ...DEFAULT_RATE_LIMITS, department: null, subject: null, app: null };
  const audited = await createGatewayServer(database, { access: { verifier: keys.verifier }, audit: 'on', logger, rateLimits });
  const { granted, headers } = await policyCase(audited, keys, Math.ceil(durationMs / 1000) + 600);
  const one = grantedPersonQuery(audited.schema, granted);
  const many = grantedPersonsQuery(audited.schema, granted);
  const http = createHttpServer(audited);
  const port = await listen(http, 0, '127.0.0.1');
  process.stdout.write(`Soak — ${database.kind}, ${ids.length} sampled people, ${SPLIT_CONCURRENCY} in flight over HTTP, policy + audit on, ${Math.round(durationMs / 1000)} s\n`);
  process.stdout.write(`${'s'.padStart(6)}${'requests'.padStart(10)}${'rss MB'.padStart(9)}${'heap MB'.padStart(9)}${'old MB'.padStart(9)}\n`);
  const result = await soak(
    async (i) => {
      const body = i % 100 === 99 ? { query: many, variables: { citizenIds: ids.slice((i * 7) % (ids.length - 1000)).slice(0, 1000) } } : { query: one, variables: { citizenId: ids[i % ids.length] } };
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      const text = await response.text();
      if (response.status !== 200 || text.includes('"errors"')) throw new Error(text.slice(0, 200));
    },
    {
      durationMs,
      concurrency: SPLIT_CONCURRENCY,
      sampleEveryMs: 30_000,
      onSample: (s) => process.stdout.write(`${String(s.at).padStart(6)}${String(s.requests).padStart(10)}${s.rssMb.toFixed(1).padStart(9)}${s.heapMb.toFixed(1).padStart(9)}${s.oldMb.toFixed(1).padStart(9)}\n`),
    },
  );
  const seconds = durationMs / 1000;
  process.stdout.write(
    `${result.requests} requests (${(result.requests / seconds).toFixed(0)}/s), ${result.failures} failed${result.firstFailure ? ` (first: ${result.firstFailure})` : ''}; ` +
      `old heap, late third's largest over early third's: ${result.heapGrowth.toFixed(2)}× (flat: ≤ ${FLAT_HEAP_GROWTH}×) ${result.heapGrowth <= FLAT_HEAP_GROWTH && result.failures === 0 ? 'ok' : 'NOT FLAT OR FAILING'}\n`,
  );
  http.close();
  await audited.stop();
}

const THROUGHPUT_REQUESTS = 2000;
/** Issue 12's figure: requests in flight for the HTTP goal and the split-topology throughput. */
const SPLIT_CONCURRENCY = 8;

/**
 * Every department's subgraph started as its own service on the bench's database (their tables
 * are there already: nothing is migrated or seeded twice), and a gateway (policy and audit on)
 * reaching them over loopback HTTP with caller assertions.
 */
async function splitTopology(url: string, database: Database, verifier: TokenVerifier) {
  const keysDir = mkdtempSync(join(tmpdir(), 'bench-assertion-keys-'));
  const assertionKeys = await developmentKeyring(keysDir);
  const names = DEPARTMENT_SUBGRAPHS.map((module) => module.name);
  process.stderr.write(`starting ${names.length} subgraph services …\n`);
  const env = { DATABASE_URL: url, DATABASE_POOL_SIZE: '4', DEMO_PERSONS: '0', DEV_KEYS_DIR: keysDir, PORT: '0', LOG_LEVEL: 'warn' };
  const services = await Promise.all(names.map((name) => spawnSubgraphService(name, env)));
  const stopAll = async () => {
    await Promise.all(services.map((service) => service.stop()));
    rmSync(keysDir, { recursive: true, force: true });
  };
  try {
    const { topology } = parseTopology({ subgraphs: Object.fromEntries(services.map(({ name, url: at }) => [name, at])) }, SUBGRAPHS.map((m) => m.name), 'bench');
    const gateway = await createGatewayServer(database, { access: { verifier }, audit: 'on', topology, assertionKeys });
    return { gateway, subgraphs: names.length, stop: async () => (await gateway.stop(), await stopAll()) };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
const THROUGHPUT_CONCURRENCY = 32;

/** Requests per second with `concurrency` requests in flight until `total` have finished. */
async function throughput(run: (i: number) => Promise<unknown>, total: number, concurrency: number): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await run(next++);
    }),
  );
  return total / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** The grant the policy's cost is measured on: several departments' slices, masked and derived fields. */
const POLICY_CASE = { department: 'housing', purpose: 'public-housing-eligibility' };

/** POLICY_CASE's grant on `server`, which fields it covers, and a caller's headers for it (a token living `ttlSeconds`). */
async function policyCase(server: GatewayServer, keys: Awaited<ReturnType<typeof benchKeys>>, ttlSeconds: number) {
  const grant = server.accessControl!.policy.grant(POLICY_CASE.department, POLICY_CASE.purpose)!;
  const token = await issueToken(keys.signer, { department: POLICY_CASE.department, subject: 'bench', ttlSeconds });
  return {
    grant,
    granted: (coordinate: string) => grant.tiers.has(coordinate),
    headers: { authorization: `Bearer ${token}`, 'x-purpose': POLICY_CASE.purpose },
  };
}

/** A key pair made for this run, so the bench needs no configured identity provider. */
async function benchKeys() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const claims = { issuer: 'bench', audience: 'population-gateway' };
  return {
    verifier: { key: publicKey, algorithms: ['ES256'], ...claims, maxLifetimeSeconds: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, development: false },
    signer: { key: privateKey, algorithm: 'ES256', ...claims },
  };
}

/**
 * Through Apollo Server's whole HTTP request pipeline, minus the socket; with access control on,
 * the caller is authenticated (token signature checked) on every call, as the HTTP layer does.
 */
async function execute(
  gateway: GatewayServer,
  query: string,
  variables: Record<string, unknown>,
  callerHeaders: Record<string, string> = {},
): Promise<string> {
  const headers = new HeaderMap([['content-type', 'application/json'], ...Object.entries(callerHeaders)]);
  const access = gateway.accessControl ? await gateway.accessControl.authorize(headers) : undefined;
  const response = await gateway.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: '', body: { query, variables } },
    context: async () => gateway.createContext(undefined, access),
  });
  if (response.body.kind !== 'complete') throw new Error('unexpected incremental response');
  if (response.body.string.includes('"errors"')) throw new Error(`query failed: ${response.body.string.slice(0, 500)}`);
  return response.body.string;
}

async function post(port: number, query: string, variables: Record<string, unknown>): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return response.text();
}
