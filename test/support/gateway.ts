import type { Server } from 'node:http';
import { createGatewayServer, type GatewayServer } from '../../src/gateway/server.js';
import { createHttpServer, listen, type HttpOptions } from '../../src/gateway/http.js';
import { seedPopulation } from '../../src/population/load.js';
import { openTestDatabase } from './database.js';
import type { Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { SUBGRAPHS, type DepartmentModule } from '../../src/subgraphs/catalog.js';
import type { Logger } from '../../src/observability/log.js';
import type { OperationLimits } from '../../src/policy/limits.js';
import type { Checkpointer } from '../../src/audit/checkpointer.js';
import type { CheckpointSource } from '../../src/audit/verify-log.js';
import { createTestKeys } from './tokens.js';
import type { RateLimitsConfig } from '../../src/config.js';
import type { Topology } from '../../src/gateway/topology.js';
import type { AssertionKeyring } from '../../src/auth/assertion-keys.js';

export interface GraphQLResponse<Data = any> {
  status: number;
  body: { data?: Data; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] };
}

export interface TestGatewayOptions {
  persons?: number;
  seed?: number;
  /**
   * `'off'` runs operations as written: for tests of the federation itself (full views across
   * every department, statement counts), which no single grant covers by design.
   */
  access?: 'policy' | 'off';
  /** The access audit (on unless a test measures something else). */
  audit?: 'on' | 'off';
  /** Whom `query` acts as by default (policy on): a department and one of its purposes. */
  as?: { department: string; purpose: string };
  /** Serve `/dev/token*` with the test keys, as `npm start` does with its development keys. */
  developmentTokens?: boolean;
  /** A database the test opened itself (it is migrated here, and closed with the gateway). */
  database?: Database;
  /** Where the gateway's JSON logs go (default: warnings and errors on stderr). */
  logger?: Logger;
  /** The deployment's operation limits (the defaults where not given). */
  limits?: Partial<OperationLimits>;
  /** A sharing policy file other than schema/policy.yaml. */
  policyFile?: string;
  /** The longest token lifetime the gateway accepts (AUTH_MAX_TOKEN_LIFETIME; default 24h). */
  maxTokenLifetimeSeconds?: number;
  /** Signs the audit chain head at checkpoints; stopped (a last checkpoint) when the gateway closes. */
  auditCheckpoints?: Checkpointer;
  /** What `auditChainVerification` checks the chain against. */
  checkpointVerification?: CheckpointSource;
  /** OPERATIONS_ALLOWLIST: the persisted-operations file the gateway enforces. */
  operationsAllowlist?: string;
  /** The production posture switches of the HTTP server (metrics, IDE, compliance console). */
  http?: Omit<HttpOptions, 'developmentTokens'>;
  /** Rate and refusal limits (default: those of src/config.ts, in memory). */
  rateLimits?: RateLimitsConfig;
  /** The modules composed, migrated and seeded (default: every module in src/departments and the audit log). */
  modules?: readonly DepartmentModule[];
  /**
   * Subgraphs served by their own services: this database then holds only the others' tables
   * (migrated and seeded here), and fetches to those carry assertions signed with `assertionKeys`.
   */
  topology?: Topology;
  assertionKeys?: AssertionKeyring;
}

/**
 * A running gateway for one test file: a fresh database with `persons` generated people, every
 * subgraph in-process, the real HTTP server on a free loopback port, and real signed tokens.
 */
export async function startTestGateway({
  persons = 1200,
  seed = 7,
  access = 'policy',
  audit = 'on',
  as = { department: 'public-security', purpose: 'household-registration' },
  developmentTokens = false,
  database: given,
  logger,
  limits,
  policyFile,
  maxTokenLifetimeSeconds,
  auditCheckpoints,
  checkpointVerification,
  operationsAllowlist,
  http: httpOptions = {},
  rateLimits,
  modules,
  topology,
  assertionKeys,
}: TestGatewayOptions = {}) {
  const split = topology !== undefined && topology.remote.size > 0;
  const local = (modules ?? SUBGRAPHS).filter((module) => !topology?.remote.has(module.name));
  const database = given ?? (await openTestDatabase({ migrated: !modules && !split }));
  if (given || modules || split) await migrate(database, local);
  if (persons > 0) await seedPopulation(database, { persons, seed, ...(modules ? { modules } : {}), ...(split ? { writeOnly: local.map((m) => m.name) } : {}) });
  const keys = await createTestKeys(maxTokenLifetimeSeconds);
  const gateway: GatewayServer = await createGatewayServer(database, {
    access: access === 'off' ? 'off' : { verifier: keys.verifier, ...(policyFile ? { policyFile } : {}) },
    audit,
    ...(limits ? { limits } : {}),
    ...(logger ? { logger } : {}),
    ...(auditCheckpoints ? { auditCheckpoints } : {}),
    ...(checkpointVerification ? { checkpointVerification } : {}),
    operationsAllowlist,
    ...(rateLimits ? { rateLimits } : {}),
    ...(modules ? { modules } : {}),
    ...(topology ? { topology } : {}),
    ...(assertionKeys ? { assertionKeys } : {}),
  }).catch(async (error: unknown) => {
    // A gateway that refuses to start (a test of exactly that) leaves no database behind.
    if (!given) await database.close();
    throw error;
  });
  const defaultHeaders: Record<string, string> =
    access === 'off' ? {} : { authorization: `Bearer ${await keys.token(as.department)}`, 'x-purpose': as.purpose };
  const http: Server = createHttpServer(gateway, { ...httpOptions, developmentTokens: developmentTokens ? keys.signer : null });
  const port = await listen(http, 0, '127.0.0.1');
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}/graphql`;

  async function query<Data = any>(
    text: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<Data>> {
    const response = await fetch(url, {
      method: 'POST',
      // As GraphQL-over-HTTP clients ask: errors GraphQL refuses come back as 4xx (application/json clients get 200).
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9', ...defaultHeaders, ...headers },
      body: JSON.stringify({ query: text, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse<Data>['body'] };
  }

  /** Headers of a caller from `department` acting for `purpose`. */
  async function as_(department: string, purpose: string, request: Parameters<typeof keys.token>[1] = {}) {
    return { authorization: `Bearer ${await keys.token(department, request)}`, 'x-purpose': purpose };
  }

  return {
    database,
    gateway,
    keys,
    headersFor: as_,
    origin,
    url,
    query,
    async close() {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await gateway.stop();
      await database.close();
    },
  };
}

export type TestGateway = Awaited<ReturnType<typeof startTestGateway>>;
