import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { compiledExecutor } from './compiled-execution.js';
import { GraphQLError, parse, validate, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Database } from '../db/client.js';
import { AssertionRefused, type CallerAssertion, type CheckedAssertion } from '../auth/caller-assertion.js';
import { createSubgraphContext } from './context.js';
import { ReadRouting } from './read-replica.js';
import { HttpError, readBody, sendError, sendJson } from '../gateway/http-util.js';
import { handleHealthz, handleMetrics } from '../gateway/probes.js';
import { databaseAnswers } from '../gateway/readiness.js';
import { assertionRefusals, subgraphRequests } from '../observability/metrics.js';
import type { Logger } from '../observability/log.js';

/** Checks a fetch's caller assertion from its header, before the body is read (src/auth/caller-assertion.ts `assertionChecker`). */
export type CheckAssertion = (token: string | undefined) => Promise<CheckedAssertion>;

/**
 * A fetch for a thousand people carries a thousand representations (about 60 bytes each); the
 * gateway's own limits keep an operation far below this.
 */
const MAX_FETCH_BYTES = 8 * 1024 * 1024;

/**
 * Documents kept parsed and validated. The gateway sends the query planner's fetches, a few per
 * kind of operation, so the same texts come back again and again; the least recently used goes first.
 */
const MAX_DOCUMENTS = 500;

/** Error codes whose messages the subgraph passes to the gateway as they are: each says what was wrong and carries no data. */
const PASSED_CODES = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'SERVICE_UNAVAILABLE', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

export interface SubgraphServiceOptions {
  name: string;
  schema: GraphQLSchema;
  database: Database;
  /** A streaming replica of `database` the lookups are read from while it answers (DATABASE_REPLICA_URL). */
  replica?: Database | null;
  check: CheckAssertion;
  logger: Logger;
}

/**
 * Only the gateway talks to a subgraph service, over a few kept-alive connections: a request that
 * takes seconds to arrive, or a crowd of connections, is someone else.
 */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** Longer than the gateway keeps an idle connection, so the service never closes one the gateway is about to reuse. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
const MAX_CONNECTIONS = 512;

export interface SubgraphService {
  server: Server;
  /** What `/readyz` answers: the database, and whether the service is shutting down. */
  readiness(): Promise<{ ready: boolean; checks: Record<string, string> }>;
  beginShutdown(): void;
}

/**
 * One department's subgraph as its own HTTP service (DESIGN.md "Scale-out"): `POST /graphql`
 * answers only a fetch carrying the gateway's caller assertion for this subgraph and this exact
 * body, checked before the body is even parsed; `/healthz`, `/readyz` and `/metrics` for its
 * operators. Every request reads this department's own database and nothing else.
 */
export function createSubgraphService(options: SubgraphServiceOptions): SubgraphService {
  const { name, schema, database, check, logger } = options;
  const routing = new ReadRouting(database, options.replica ?? null);
  const documents = new DocumentCache(schema);
  const execute = compiledExecutor(schema, name);
  let shuttingDown = false;

  // Ready when the primary answers: a replica that does not only sends the lookups to the primary.
  const readiness = async () => {
    const checks: Record<string, string> = { database: await databaseAnswers(database), shutdown: shuttingDown ? 'shutting down: finishing the requests in flight' : 'ok' };
    const ready = Object.values(checks).every((check) => check === 'ok');
    if (options.replica) checks.replica = await databaseAnswers(options.replica, 'the read replica');
    return { ready, checks };
  };

  async function answerFetch(req: IncomingMessage, res: ServerResponse): Promise<number> {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      sendError(res, 405, 'METHOD_NOT_ALLOWED', 'A subgraph answers the gateway\'s fetches, sent as POST.');
      return 405;
    }
    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    let caller: CallerAssertion;
    let body: string;
    try {
      // The header first: a request without a valid assertion is refused before its body is read.
      const checked = await check(token);
      body = await readBody(req, MAX_FETCH_BYTES);
      caller = checked.forBody(body);
    } catch (error) {
      if (!(error instanceof AssertionRefused)) throw error;
      assertionRefusals.inc({ subgraph: name, reason: error.reason });
      logger.warn({ reason: error.reason }, error.message);
      // The key set could not be fetched: the gateway may retry; anything else is a refusal.
      const status = error.reason === 'keys unavailable' ? 503 : 401;
      // The connection is closed after the refusal: an unread body is not read.
      res.setHeader('connection', 'close');
      sendError(res, status, status === 503 ? 'SERVICE_UNAVAILABLE' : 'UNAUTHENTICATED', `${error.message}. This subgraph answers only the population gateway.`, { reason: error.reason });
      return status;
    }
    const request = parseFetch(body);
    const document = documents.get(request.query);
    if (document instanceof Array) {
      sendJson(res, 400, { errors: document.map((error) => error.toJSON()) });
      return 400;
    }
    const verified = { department: caller.department, purpose: caller.purpose, ...(caller.rowScope ? { rowScope: caller.rowScope } : {}) };
    const run = (from: Database) => execute({ document, variableValues: request.variables, operationName: request.operationName, contextValue: createSubgraphContext(from, verified) });
    const source = routing.reads();
    let result = await run(source);
    if (source !== database && result.errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) {
      // The replica failed under this fetch: the primary answers it, and the next ones for a while.
      routing.replicaFailed();
      logger.warn({ requestId: caller.requestId }, 'the read replica did not answer: lookups go to the primary for a while');
      result = await run(database);
    }
    const errors = result.errors?.map((error) => formatted(error, caller.requestId));
    sendJson(res, 200, errors ? { data: result.data, errors } : { data: result.data });
    return 200;
  }

  function formatted(error: GraphQLError, requestId: string): GraphQLFormattedError {
    const code = error.extensions?.code;
    if (typeof code === 'string' && PASSED_CODES.has(code)) return error.toJSON();
    // Internal errors may quote SQL or values: logged here with the gateway's request id, not sent.
    logger.error({ requestId, path: error.path, err: error.originalError ?? error }, 'internal error');
    return { message: `Internal error in subgraph ${name}; request ${requestId} identifies it in its logs.`, ...(error.path ? { path: error.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://subgraph.invalid').pathname;
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    let status = 500;
    try {
      switch (path) {
        case '/graphql':
          status = await answerFetch(req, res);
          break;
        case '/healthz':
          handleHealthz(res);
          status = 200;
          break;
        case '/readyz': {
          const { ready, checks } = await readiness();
          status = ready ? 200 : 503;
          sendJson(res, status, { status: ready ? 'ready' : 'unready', subgraph: name, checks });
          break;
        }
        case '/metrics':
          await handleMetrics(res);
          status = 200;
          break;
        default:
          status = 404;
          sendError(res, 404, 'NOT_FOUND', `Nothing at ${path}. Subgraph ${name} serves /graphql (the gateway's fetches), /healthz, /readyz and /metrics.`);
      }
    } catch (error) {
      if (error instanceof HttpError) {
        status = error.status;
        if (!res.headersSent) sendError(res, error.status, error.code, error.message);
      } else {
        logger.error({ err: error }, 'request failed');
        if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal error; see the subgraph\'s logs.');
        else res.destroy();
      }
    } finally {
      subgraphRequests.inc({ subgraph: name, status });
    }
  });
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.maxConnections = MAX_CONNECTIONS;
  return { server, readiness, beginShutdown: () => void (shuttingDown = true) };
}

interface Fetch {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

/** The fetch's JSON body: the query planner's operation, its variables and name. */
function parseFetch(body: string): Fetch {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'the request body is not JSON');
  }
  const { query, variables, operationName } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof query !== 'string') throw new HttpError(400, 'the request body has no "query" string');
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) throw new HttpError(400, '"variables" must be an object');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') throw new HttpError(400, '"operationName" must be a string');
  return { query, variables: (variables ?? undefined) as Record<string, unknown> | undefined, operationName: (operationName ?? undefined) as string | undefined };
}

/** Parsed and validated documents by their text (or the errors they gave), least recently used dropped first. */
class DocumentCache {
  private readonly entries = new Map<string, DocumentNode | GraphQLError[]>();

  constructor(private readonly schema: GraphQLSchema) {}

  get(text: string): DocumentNode | GraphQLError[] {
    let entry = this.entries.get(text);
    if (entry !== undefined) {
      this.entries.delete(text);
    } else {
      entry = this.check(text);
      if (this.entries.size >= MAX_DOCUMENTS) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(text, entry);
    return entry;
  }

  private check(text: string): DocumentNode | GraphQLError[] {
    let document: DocumentNode;
    try {
      document = parse(text, { maxTokens: 100_000 });
    } catch (error) {
      return [new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    }
    const errors = validate(this.schema, document, undefined, { maxErrors: 10 });
    return errors.length > 0 ? errors.map((error) => new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) : document;
  }
}
