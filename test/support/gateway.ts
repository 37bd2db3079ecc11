import type { Server } from 'node:http';
import { createGatewayServer, type GatewayServer } from '../../src/gateway/server.js';
import { createHttpServer, listen } from '../../src/gateway/http.js';
import { seedPopulation } from '../../src/population/load.js';
import { openTestDatabase } from './database.js';
import type { Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import type { Logger } from '../../src/observability/log.js';
import { createTestKeys } from './tokens.js';
import type { RateLimitsConfig } from '../../src/config.js';

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
  /** Rate and refusal limits (default: those of src/config.ts, in memory). */
  rateLimits?: RateLimitsConfig;
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
  rateLimits,
}: TestGatewayOptions = {}) {
  const database = given ?? (await openTestDatabase());
  if (given) await migrate(given);
  if (persons > 0) await seedPopulation(database, { persons, seed });
  const keys = await createTestKeys();
  const gateway: GatewayServer = await createGatewayServer(database, {
    access: access === 'off' ? 'off' : { verifier: keys.verifier },
    audit,
    ...(logger ? { logger } : {}),
    ...(rateLimits ? { rateLimits } : {}),
  });
  const defaultHeaders: Record<string, string> =
    access === 'off' ? {} : { authorization: `Bearer ${await keys.token(as.department)}`, 'x-purpose': as.purpose };
  const http: Server = createHttpServer(gateway, { developmentTokens: developmentTokens ? keys.signer : null });
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
      headers: { 'content-type': 'application/json', ...defaultHeaders, ...headers },
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
