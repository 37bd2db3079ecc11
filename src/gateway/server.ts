import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Database } from '../db/client.js';
import { SUBGRAPHS, buildSubgraph, personIdFields, type DepartmentModule } from '../subgraphs/catalog.js';
import { createSubgraphContext } from '../subgraphs/context.js';
import { composeSupergraph } from './compose.js';
import { InProcessSubgraph } from './in-process-subgraph.js';
import { PopulationGateway, type AnsweredContext } from './population-gateway.js';
import { createErrorFormatter } from './errors.js';
import { AccessControl, type Access } from './access.js';
import type { TokenVerifier } from '../auth/keys.js';
import { readPolicyFile, type PolicyFile } from '../policy/policy-file.js';
import { CompiledPolicy } from '../policy/compile.js';
import { OperationPlanner, operationPlanPlugin, type PlannedContext } from './operation-planner.js';
import { ResponseSizeGuard } from './response-size.js';
import { DEFAULT_LIMITS, type OperationLimits } from '../policy/limits.js';
import { AuditWriter } from '../audit/writer.js';
import type { Checkpointer } from '../audit/checkpointer.js';
import type { CheckpointSource } from '../audit/verify-log.js';
import { auditPlugin } from './audit-plugin.js';
import { checkReadiness, type Readiness } from './readiness.js';
import { createLogger, type Logger } from '../observability/log.js';
import { observeAuditBatch, observeAuditRecord } from '../observability/observe.js';
import { OperationsAllowlist } from './operations-allowlist.js';
import { allowlistPlugin } from './allowlist-plugin.js';
import { legacyJsonStatusPlugin } from './legacy-json-status.js';
import { createEdgeLimits, type EdgeLimits } from './limits/edge-limits.js';
import { pipelineEntryPlugin } from './graphql-request.js';
import type { RateLimitsConfig } from '../config.js';
import type { JSONWebKeySet } from 'jose';
import type { GraphQLDataSource } from '@apollo/gateway';
import { signAssertion } from '../auth/caller-assertion.js';
import type { AssertionKeyring } from '../auth/assertion-keys.js';
import { IN_PROCESS, type Topology } from './topology.js';
import { RemoteSubgraph } from './remote-subgraph.js';
import { fieldOwners } from './unavailable-subgraphs.js';

/** What the gateway knows about one incoming request. */
export interface GatewayContext extends PlannedContext, AnsweredContext {
  requestId: string;
  /** The verified caller, purpose and grant; absent only when access control is off. */
  access?: Access;
  /** When the request arrived (ms since the epoch), for the audit record's duration. */
  startedAt: number;
  clientAddress?: string;
}

export interface GatewayServer {
  apollo: ApolloServer<GatewayContext>;
  supergraphSdl: string;
  /** The composed API schema callers query (what introspection shows). */
  schema: GraphQLSchema;
  /** Null only when the server was built with `access: 'off'`. */
  accessControl: AccessControl | null;
  /** The sharing policy as written (departments, purposes, grants); null with `access: 'off'`. */
  policyFile: PolicyFile | null;
  createContext(requestId?: string, access?: Access, clientAddress?: string): GatewayContext;
  /** Null only when the server was built with `audit: 'off'`. */
  audit: AuditWriter | null;
  database: Database;
  logger: Logger;
  /** What `/readyz` answers: database, audit store, composition, shutdown. */
  readiness(): Promise<Readiness>;
  /** From now on `/readyz` says unready, so load balancers send no new requests; those in flight still finish. */
  beginShutdown(): void;
  stop(): Promise<void>;
  /** Callers' rate limits and the refusal limit per client address. */
  rateLimits: EdgeLimits;
  /** The public keys subgraph services check caller assertions with; null when the gateway has none. */
  assertionKeys: JSONWebKeySet | null;
}

export interface GatewayOptions {
  /**
   * How callers are checked: the token verifier and the policy file. `'off'` answers every
   * operation as written, for tests of the federation itself and for the benchmark's baseline;
   * nothing in configuration can select it.
   */
  access: { verifier: TokenVerifier; policyFile?: string } | 'off';
  /**
   * Every operation's audit record, written before its answer is released (fail closed). `'off'`
   * only for tests of the federation itself and the benchmark's baseline.
   */
  audit: 'on' | 'off';
  /** Where the JSON logs go; by default warnings and errors on stderr. */
  logger?: Logger;
  /** The deployment's operation limits (DEFAULT_LIMITS where not given); a grant may raise its own in the policy file. */
  limits?: Partial<OperationLimits>;
  /**
   * Signs the audit chain head at checkpoints outside the database; told every committed head,
   * stopped (with a last checkpoint) by `stop()`. Without it the chain is checked only against itself.
   */
  auditCheckpoints?: Checkpointer;
  /** What the compliance console's chain verification checks the chain against (file and public keys). */
  checkpointVerification?: CheckpointSource;
  /** OPERATIONS_ALLOWLIST: the persisted-operations file; when given, any other operation is refused. */
  operationsAllowlist?: string | null;
  /** Rate and refusal limits (config `rateLimits`); by default those of src/config.ts, in memory. */
  rateLimits?: RateLimitsConfig;
  /** Which subgraphs run as their own services (TOPOLOGY_FILE); by default all in this process. */
  topology?: Topology;
  /**
   * The keys caller assertions are signed with; required when a subgraph runs as its own service.
   * Their public halves are served at `/.well-known/caller-assertion-keys`.
   */
  assertionKeys?: AssertionKeyring;
  /** The subgraphs to compose: by default every module in src/departments and the audit log. */
  modules?: readonly DepartmentModule[];
}

/**
 * Composes the department subgraphs, runs each in this process over `database`, and starts
 * Apollo Server on the federated gateway. There is one execution path: the federated one.
 */
export async function createGatewayServer(database: Database, options: GatewayOptions): Promise<GatewayServer> {
  const logger = options.logger ?? createLogger({ level: 'warn' });
  const modules = options.modules ?? SUBGRAPHS;
  const { supergraphSdl, apiSchema } = composeSupergraph(modules);
  // The policy is checked against the composed API schema before anything listens.
  const policyFile = options.access === 'off' ? null : readPolicyFile(options.access.policyFile);
  const policy = policyFile ? CompiledPolicy.compile(policyFile, apiSchema) : null;
  const accessControl = policy && options.access !== 'off' ? new AccessControl(options.access.verifier, policy) : null;
  const subgraphs = dataSources(database, modules, options, logger);
  const gateway = new PopulationGateway<GatewayContext>(supergraphSdl, subgraphs, accessControl, fieldOwners(modules));
  let schema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    schema = apiSchema;
  });
  const limits: OperationLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const planner = accessControl
    ? new OperationPlanner(
        () => schema!,
        personIdFields(modules),
        limits,
        (grant) => grant.limits,
        (access) => (coordinate) => accessControl.explain(access, coordinate),
      )
    : null;
  // Checked against the composed schema before anything listens, like the policy.
  const allowlist = options.operationsAllowlist ? OperationsAllowlist.load(options.operationsAllowlist, apiSchema) : null;
  const checkpoints = options.auditCheckpoints;
  const audit = options.audit === 'on' ? new AuditWriter(database, { onRecord: observeAuditRecord, onBatch: observeAuditBatch, onCommit: (head) => checkpoints?.onCommit(head) }) : null;
  const responseSize = new ResponseSizeGuard<GatewayContext>(limits.responseBytes);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    stringifyResult: responseSize.stringifyResult,
    plugins: [
      // Before the audit plugin, in this order: each settles the answer (and status) the audit then records.
      // The allow-list first: an operation not on it is refused before it is even measured.
      ...(allowlist ? [allowlistPlugin(allowlist)] : []),
      // Planning next: an operation over its limits is refused before anything is read.
      ...(planner ? [operationPlanPlugin<GatewayContext>(planner), responseSize.plugin] : []),
      legacyJsonStatusPlugin<GatewayContext>(),
      ...(audit ? [auditPlugin(audit, logger)] : []),
      pipelineEntryPlugin(),
      // The default cache-control plugin wraps every resolver: measured 1.5–4× slower on big results.
      ApolloServerPluginCacheControlDisabled(),
      // The default landing page loads Apollo Sandbox from a CDN; government networks have none.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
    ],
    // "Did you mean …" suggestions would reveal field names a caller may not be granted.
    hideSchemaDetailsFromClientErrors: true,
    // Automatic persisted queries share one cache across callers: whether a hash answers would tell
    // one department what another asked. Hashes are honoured only from the allow-list, per application.
    persistedQueries: false,
    // On in production too: every caller's introspection is answered from the schema cut down to
    // its grant (PopulationGateway.introspect), which is what its IDE should show.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The parser stops reading a document past the token limit: the first bound on any walk.
    parseOptions: { maxTokens: limits.tokens },
    // Each validation error may quote the document's names: a hundred of them is no help to anyone.
    validationOptions: { maxErrors: 10 },
    formatError: createErrorFormatter((error, formatted) => {
      logger.error({ path: formatted.path, err: error }, 'internal error');
    }),
  });
  const rateLimits = createEdgeLimits(options.rateLimits, audit, logger);
  let shuttingDown = false;
  await apollo.start();
  if (!schema) throw new Error('the gateway started without reporting its schema');
  return {
    apollo,
    supergraphSdl,
    schema,
    accessControl,
    policyFile,
    audit,
    database,
    logger,
    readiness: () => checkReadiness(database, { composed: schema !== undefined, shuttingDown }),
    beginShutdown: () => {
      shuttingDown = true;
    },
    createContext: (requestId = randomUUID(), access, clientAddress) => ({ requestId, access, clientAddress, startedAt: Date.now() }),
    // Apollo first: the requests it finishes are audited, and the last checkpoint covers them;
    // the refusal summaries of the last window are written before the database is let go.
    stop: async () => {
      await apollo.stop();
      for (const source of subgraphs.values()) if (source instanceof RemoteSubgraph) source.close();
      await rateLimits.stop();
      await checkpoints?.stop();
    },
    rateLimits,
    assertionKeys: options.assertionKeys?.published ?? null,
  };
}

/**
 * Each subgraph's data source: its own service where the topology names a URL, otherwise run in
 * this process over `database`. A subgraph service answers only a caller the gateway verified,
 * so remote subgraphs need access control on and the assertion keys.
 */
function dataSources(database: Database, modules: readonly DepartmentModule[], options: GatewayOptions, logger: Logger): Map<string, GraphQLDataSource> {
  const topology = options.topology ?? IN_PROCESS;
  const keys = options.assertionKeys;
  if (topology.remote.size > 0 && (options.access === 'off' || !keys)) {
    throw new Error('subgraphs running as their own services answer only callers the gateway verified: they need access control on and the caller-assertion keys');
  }
  const sign = (subgraph: string, caller: Parameters<typeof signAssertion>[2], body: string) => signAssertion(keys!.signing, subgraph, caller, body);
  const services = options.checkpointVerification ? { auditCheckpoints: options.checkpointVerification } : {};
  return new Map(
    modules.map((definition): [string, GraphQLDataSource] => {
      const remote = topology.remote.get(definition.name);
      if (remote) return [definition.name, new RemoteSubgraph(definition.name, remote, sign, logger)];
      return [
        definition.name,
        new InProcessSubgraph<GatewayContext>(definition.name, buildSubgraph(definition, modules), ({ access }) =>
          // In-process, the gateway vouches for the caller by handing over what it verified.
          createSubgraphContext(database, {
            department: access?.caller.department ?? null,
            purpose: access?.purpose.code ?? null,
            ...(access?.rowScope ? { rowScope: access.rowScope } : {}),
          }, services),
        ),
      ];
    }),
  );
}
