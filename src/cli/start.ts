import { REFERENCE_DATE } from '../population/dates.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { SUBGRAPHS } from '../subgraphs/catalog.js';
import { readTopology } from '../gateway/topology.js';
import { developmentKeyring, loadAssertionKeyring } from '../auth/assertion-keys.js';
import { ConfigError } from '../config.js';
import { seedPopulation } from '../population/load.js';
import { DEMO_SEED } from '../population/generate.js';
import { createGatewayServer } from '../gateway/server.js';
import { createHttpServer, listen } from '../gateway/http.js';
import { loadSigner, loadVerifier } from '../auth/keys.js';
import { createLogger } from '../observability/log.js';
import { startCheckpointer } from '../audit/start-checkpointer.js';
import { loadCheckpointPublicKeys } from '../audit/checkpoint-keys.js';
import { parseOptions } from './args.js';
import { createMetricsServer } from '../gateway/metrics-listener.js';


const USAGE = `Usage: city-population-gateway start
   or: npm start

Applies pending migrations, generates DEMO_PERSONS demo people into an empty database (seed ${DEMO_SEED}),
and serves the gateway until SIGINT or SIGTERM: GraphQL at /graphql, the IDE at /ide, the
compliance console at /compliance, probes at /healthz and /readyz, metrics at /metrics. JSON logs
go to stderr. It takes no
arguments: the environment configures it (src/config.ts; every problem is reported at once).

  DATABASE_URL         postgres://… to use that PostgreSQL; unset: the embedded PGlite
  PGLITE_DIR           the embedded database's folder (default .data/pglite)
  DATABASE_POOL_SIZE   connections kept to PostgreSQL (default 10)
  HOST, PORT           where to listen (default 127.0.0.1, 4000)
  DEMO_PERSONS         people generated into an empty database (default 2000; 0: none)
  LOG_LEVEL            trace, debug, info, warn, error, fatal or silent (default info)
  AUTH_JWKS_FILE, AUTH_PUBLIC_KEY_FILE + AUTH_ALGORITHM (RS256, ES256, EdDSA), AUTH_HS256_SECRET
                       the one key source tokens are checked against (default: development keys)
  AUTH_ISSUER          the iss every token must carry (default city-identity)
  AUTH_AUDIENCE        the aud every token must carry (default population-gateway)
  DEV_KEYS_DIR         where development keys are made (default .data/dev-keys)
  AUDIT_CHECKPOINT_KEY_FILE
                       Ed25519 private key (PKCS#8 PEM) signing audit checkpoints (default: a
                       development key in DEV_KEYS_DIR; required in production)
  AUDIT_CHECKPOINT_FILE
                       where signed checkpoints are appended (default .data/audit-checkpoints.jsonl)
  AUDIT_CHECKPOINT_EVERY, AUDIT_CHECKPOINT_INTERVAL
                       a checkpoint every N records (default 1000) and at least every interval (default 60s)
  NODE_ENV=production  refuses development keys: set one of the AUTH_* key sources and AUDIT_CHECKPOINT_KEY_FILE
  OPERATIONS_ALLOWLIST a persisted-operations file (operations build writes it): any other operation
                       is refused (default unset: every operation may run)
  METRICS_PORT, METRICS_HOST
                       serve /metrics only on this listener, not on PORT (default: on PORT in
                       development; in production always its own, 9464 on 127.0.0.1)
  IDE_ENABLED          the GraphQL IDE at /ide (default true, false in production)
  COMPLIANCE_CONSOLE_ENABLED
                       the compliance console at /compliance (default true, false in production)
  RATE_LIMIT_DEPARTMENT, RATE_LIMIT_SUBJECT, RATE_LIMIT_APP
                       requests per period (default 12000/min, 3000/min, 6000/min; off)
  RATE_LIMIT_REFUSALS  refused requests per client address and window (default 120/min)
  REDIS_URL            share the limits between replicas in that Redis (default: in memory)
  TOPOLOGY_FILE        which subgraphs run as their own services, at which URLs (default: none;
                       README, "Deployment"); this database then holds only the others' tables
  ASSERTION_KEYS_FILE  the keyring caller assertions to those services are signed with
                       (assertion-keys makes it; default: a development keyring in DEV_KEYS_DIR)

Exit codes: 0 stopped by a signal, 1 failed (e.g. the sharing policy does not fit the schema),
2 bad arguments or configuration, 3 database unreachable.`;

export async function run(args: string[]): Promise<void> {
  const values = parseOptions(args, { help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  // Before the database is touched: a production gateway without its signing key does not start.
  const auditCheckpoints = startCheckpointer(config.auditCheckpoints, logger);
  const { topology, problems } = config.topologyFile ? readTopology(config.topologyFile, SUBGRAPHS.map((m) => m.name), { production: config.production }) : { topology: undefined, problems: [] };
  if (problems.length > 0) throw new ConfigError(problems);
  // This database holds the audit log and the slices of the subgraphs running in this process; the others have their own.
  const local = SUBGRAPHS.filter((module) => !topology?.remote.has(module.name));
  const registryHere = local.some((module) => module.name === 'registry');
  // Production signs with its own keyring only (required with a topology, by the configuration); development makes one.
  const assertionKeys =
    config.assertionKeys.kind === 'file' ? await loadAssertionKeyring(config.assertionKeys.file) : config.production ? undefined : await developmentKeyring(config.assertionKeys.dir);
  const database = await openDatabase(config.database);
  const where = config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.database.dataDir}`;
  const applied = await migrate(database, local);
  logger.info({ database: config.database.kind, migrationsApplied: applied }, `database: ${where}; ${applied} migration(s) applied`);
  if (topology && topology.remote.size > 0) {
    logger.info({ remote: Object.fromEntries([...topology.remote].map(([name, { url }]) => [name, url])) }, `subgraphs served by their own services: ${[...topology.remote.keys()].join(', ')}`);
  }

  if (config.demoPersons > 0) {
    // Another replica may have seeded meanwhile: the seed lock decides, and then there is nothing to do.
    await seedPopulation(database, {
      persons: config.demoPersons,
      seed: DEMO_SEED,
      ifPopulated: 'skip',
      writeOnly: local.map((module) => module.name),
      onStart: () => logger.info(`empty database: generating ${config.demoPersons} demo people (seed ${DEMO_SEED})`),
    });
  }

  const verifier = await loadVerifier(config.auth);
  const checkpointVerification = { file: config.auditCheckpoints.file, publicKeys: loadCheckpointPublicKeys(config.auditCheckpoints), required: config.auditCheckpoints.required };
  const gateway = await createGatewayServer(database, {
    access: { verifier },
    audit: 'on',
    logger,
    limits: config.limits,
    auditCheckpoints,
    checkpointVerification,
    operationsAllowlist: config.operationsAllowlist,
    rateLimits: config.rateLimits,
    ...(topology ? { topology } : {}),
    ...(assertionKeys ? { assertionKeys } : {}),
  });
  if (config.rateLimits.redisUrl) {
    // Not a reason to refuse to start: until Redis answers, each replica limits on its own.
    await gateway.rateLimits.ready().then(
      () => logger.info('rate limits: shared through Redis (REDIS_URL)'),
      (error: unknown) => logger.warn({ err: error }, 'rate limits: Redis does not answer; limiting per replica until it does'),
    );
  }
  const http = createHttpServer(gateway, {
    // Only a gateway on its development keys hands out development tokens to the browser interfaces.
    developmentTokens: verifier.development ? await loadSigner(config.auth) : null,
    metrics: config.metrics.listener === 'public',
    ide: config.ideEnabled,
    complianceConsole: config.complianceConsoleEnabled,
  });
  const port = await listen(http, config.port, config.host);
  const origin = originOf(config.host, port);
  const metrics = config.metrics.listener === 'own' ? createMetricsServer() : null;
  const metricsUrl = metrics && config.metrics.listener === 'own' ? `${originOf(config.metrics.host, await listen(metrics, config.metrics.port, config.metrics.host))}/metrics` : `${origin}/metrics`;
  // Production prints no citizen IDs: start-up output ends up in log collectors no policy covers.
  // Sample people come from the registry's tables, when they are in this database.
  const samples = config.production || !registryHere
    ? []
    : await database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id limit 3');
  logger.info({ port, metrics: metricsUrl }, 'listening');
  // A working-age migrant, for the points query: most hold a residence permit.
  const [migrant] = config.production || !registryHere
    ? []
    : await database.query<{ citizen_id: string }>(
        `select r.citizen_id from registry.registration r join registry.person p using (citizen_id)
          where r.status = 'non_local' and p.birth_date <= $1::date - interval '25 years' order by r.citizen_id limit 1`,
        [REFERENCE_DATE],
      );
  printWelcome(origin, samples.map((s) => s.citizen_id), migrant?.citizen_id, { developmentKeys: verifier.development, production: config.production, metricsUrl, ide: config.ideEnabled, console: config.complianceConsoleEnabled });

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'closing: unready, finishing the requests in flight');
    gateway.beginShutdown();
    // Stops accepting connections and resolves once the requests in flight have been answered.
    const drained = new Promise((resolve) => http.close(resolve));
    http.closeIdleConnections();
    await drained;
    metrics?.close();
    await gateway.stop();
    await database.close();
    logger.flush();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

const originOf = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

interface Welcome {
  developmentKeys: boolean;
  production: boolean;
  metricsUrl: string;
  ide: boolean;
  console: boolean;
}

function printWelcome(origin: string, citizenIds: string[], migrant: string | undefined, { developmentKeys, production, metricsUrl, ide: ideEnabled, console: consoleEnabled }: Welcome): void {
  const url = `${origin}/graphql`;
  const interfaces = [
    ideEnabled && `GraphQL IDE:        ${origin}/ide${developmentKeys ? '  (pick a department and purpose, or paste a token)' : '  (paste a token)'}`,
    consoleEnabled && `Compliance console: ${origin}/compliance  (a compliance token for purpose access-review${developmentKeys ? ', or Get development token' : ''})`,
    `Operations:         ${origin}/healthz  ${origin}/readyz  ${metricsUrl}`,
  ].filter((line): line is string => typeof line === 'string');
  const head = [
    '',
    `Population gateway listening at ${url}`,
    developmentKeys
      ? 'Tokens: development keys in .data/dev-keys (made on first start; refused when NODE_ENV=production).'
      : 'Tokens: issued by your identity provider (AUTH_* configuration).',
    'Every request needs "Authorization: Bearer <token>" and "X-Purpose: <purpose>"; the sharing policy is schema/policy.yaml.',
    'Every access is written to the audit log (npx city-population-gateway audit verify checks it).',
    ...(developmentKeys
      ? ['Development keys let anyone here mint tokens: never expose this setup to a network (README, "Running in production").']
      : []),
    '',
  ];
  if (production) {
    // No sample people and no query links carrying their IDs.
    process.stdout.write([...head, ...interfaces, ''].join('\n'));
    return;
  }
  const query = `{ person(citizenId: "${citizenIds[0] ?? '440106199001011235'}") { name birthDate registration { status district address } education { highestLevel currentEnrolment { schoolName grade } } tax { status } } }`;
  const tokenCommand = 'npx city-population-gateway token --dept education --purpose school-enrolment';
  // In development the link also names the department, and the IDE fetches a development token for it.
  const ide = `${origin}/ide?${new URLSearchParams({ ...(developmentKeys ? { dept: 'education' } : {}), purpose: 'school-enrolment', query })}`;
  process.stdout.write(
    [
      ...head,
      `Sample citizen IDs: ${citizenIds.join(', ')}`,
      '',
      ...interfaces,
      '',
      'Try it (the education bureau enrolling a child: tax is not in its grant and comes back FORBIDDEN, the address masked):',
      ...(ideEnabled ? [`  in the IDE: ${ide}`] : []),
      `  or with curl, after getting a token: ${tokenCommand}  (--help lists the options)`,
      `  curl -s ${url} -H 'content-type: application/json' \\`,
      `    -H "authorization: Bearer $(${tokenCommand})" -H 'x-purpose: school-enrolment' \\`,
      `    -d '${JSON.stringify({ query })}'`,
      '',
      ...(migrant && ideEnabled
        ? [
            `Residence-permit points (migrant-services reads the breakdown and the rules, never the inputs; the demo data is as of ${REFERENCE_DATE}):`,
            `  ${origin}/ide?${new URLSearchParams({ ...(developmentKeys ? { dept: 'migrant-services' } : {}), purpose: 'residence-points-assessment', query: pointsQuery(migrant) })}`,
            '',
          ]
        : []),
    ].join('\n'),
  );
}

/** A points query to try: total, tiers and the breakdown with the rule behind each line. */
const pointsQuery = (citizenId: string) =>
  `{ person(citizenId: "${citizenId}") { name residencePoints(asOf: "${REFERENCE_DATE}") { ruleSetId total holdsPoints tiers { id threshold unlocked } indicators { indicator value points capApplied rule { en } } missing { id department } } } }`;
