import { loadSubgraphConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { seedPopulation } from '../population/load.js';
import { DEMO_SEED } from '../population/generate.js';
import { AUDIT_SUBGRAPH, DEPARTMENT_SUBGRAPHS, SUBGRAPHS, buildSubgraph } from '../subgraphs/catalog.js';
import { composeSupergraph } from '../gateway/compose.js';
import { readPolicyFile } from '../policy/policy-file.js';
import { CompiledPolicy } from '../policy/compile.js';
import { assertionChecker } from '../auth/caller-assertion.js';
import { assertionKeySource, developmentKeyring } from '../auth/assertion-keys.js';
import { createSubgraphService } from '../subgraphs/service.js';
import { listen } from '../gateway/http.js';
import { createLogger } from '../observability/log.js';
import { parseOptionsAndArguments } from './args.js';
import { UsageError } from './exit.js';

const SERVED = DEPARTMENT_SUBGRAPHS.map((module) => module.name);

const USAGE = `Usage: city-population-gateway subgraph <name>

Serves one department's subgraph as its own service, next to its own database, for a gateway
whose TOPOLOGY_FILE names its URL (README, "Deployment"). It applies its own module's migrations
only, generates its share of the demo people into an empty database (the same seed and
DEMO_PERSONS as the gateway, so the slices meet), and answers only fetches carrying the gateway's
caller assertion for this subgraph: POST /graphql; probes at /healthz and /readyz; metrics at /metrics.

  <name>   one of ${SERVED.join(', ')}

  DATABASE_URL         the department's PostgreSQL; unset: an embedded PGlite in PGLITE_DIR
                       (default .data/subgraphs/<name>)
  DATABASE_REPLICA_URL a streaming replica of it: lookups are read there while it answers, and
                       from the primary for a while after it fails (default: none)
  HOST, PORT           where to listen (default 127.0.0.1, 4100)
  DEMO_PERSONS         people generated into an empty database (default 2000; 0: none)
  ASSERTION_KEYS_URL   the gateway's key set, http(s)://gateway/.well-known/caller-assertion-keys
  ASSERTION_PUBLIC_KEYS_FILE
                       or the same key set as a file (default in development: the development
                       keyring in DEV_KEYS_DIR, .data/dev-keys; refused when NODE_ENV=production)
  LOG_LEVEL            trace, debug, info, warn, error, fatal or silent (default info)

The sharing policy (schema/policy.yaml) must be the gateway's: an assertion naming a grant this
service's policy does not have, or has otherwise, is refused.

Exit codes: 0 stopped by a signal, 1 failed, 2 bad arguments or configuration, 3 database unreachable.`;

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseOptionsAndArguments(args, { help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const [name, ...rest] = positionals;
  if (!name || rest.length > 0) throw new UsageError('name one subgraph', USAGE);
  const module = DEPARTMENT_SUBGRAPHS.find((candidate) => candidate.name === name);
  if (!module) throw new UsageError(`no department subgraph "${name}"; one of ${SERVED.join(', ')}${name === AUDIT_SUBGRAPH ? ' (the audit subgraph runs in the gateway, beside the audit log)' : ''}`, USAGE);
  const config = loadSubgraphConfig(name);
  const logger = createLogger({ level: config.logLevel }).child({ subgraph: name });

  // The policy is compiled against the composed schema, as the gateway does: the grant hashes match only if both run the same policy.
  const policy = CompiledPolicy.compile(readPolicyFile(), composeSupergraph(SUBGRAPHS).apiSchema);
  const keys = config.assertionKeys.kind === 'development' ? { kind: 'keys' as const, keys: (await developmentKeyring(config.assertionKeys.dir)).published } : config.assertionKeys;
  const check = assertionChecker(assertionKeySource(keys), name, policy);

  const database = await openDatabase(config.database);
  const applied = await migrate(database, [module]);
  logger.info({ migrationsApplied: applied }, `${applied} migration(s) of ${name} applied`);
  if (config.demoPersons > 0 && module.demoData) {
    await seedPopulation(database, {
      persons: config.demoPersons,
      seed: DEMO_SEED,
      ifPopulated: 'skip',
      writeOnly: [name],
      onStart: () => logger.info(`empty database: writing ${name}'s share of ${config.demoPersons} demo people (seed ${DEMO_SEED})`),
    });
  }

  // Opened after the primary is migrated: the replica follows it, and is never written to.
  const replica = config.replica
    ? await openDatabase(config.replica).catch((error: unknown) => {
        // Not a reason to refuse to serve: the primary answers every lookup meanwhile.
        logger.warn({ err: error }, 'the read replica (DATABASE_REPLICA_URL) does not answer: every lookup goes to the primary; restart to try it again');
        return null;
      })
    : null;
  const service = createSubgraphService({ name, schema: buildSubgraph(module, SUBGRAPHS), database, replica, check, logger });
  const port = await listen(service.server, config.port, config.host);
  const origin = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ port }, 'listening');
  process.stdout.write(`Subgraph ${name} listening at ${origin}/graphql (probes ${origin}/healthz ${origin}/readyz, metrics ${origin}/metrics)\n`);

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'closing: unready, finishing the fetches in flight');
    service.beginShutdown();
    const drained = new Promise((resolve) => service.server.close(resolve));
    service.server.closeIdleConnections();
    await drained;
    await replica?.close();
    await database.close();
    logger.flush();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
