import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { grantHash as grantHashOf, type CallerAssertion } from '../auth/caller-assertion.js';
import type { Access } from './access.js';
import type { RemoteSubgraphConfig } from './topology.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { SUBGRAPH_UNAVAILABLE } from './unavailable-subgraphs.js';
import { subgraphCircuitOpen, subgraphFetchDuration, subgraphUnavailable } from '../observability/metrics.js';
import type { Logger } from '../observability/log.js';

/** Signs the caller assertion for one fetch (its exact body) to one subgraph. */
export type AssertionSigner = (subgraph: string, caller: CallerAssertion, body: string) => Promise<string>;

/** What the gateway's request context must hold for a fetch to be sent on its behalf. */
export interface RemoteFetchContext {
  requestId: string;
  access?: Access;
  /** The subgraph services that answered at least one fetch of this request (the audit's fields answered). */
  subgraphsAnswered?: Set<string>;
}

/** Failures in a row that open the circuit, and how long it stays open before one probe is let through. */
const BREAKER = { threshold: 5, cooldownMs: 5000 };

/** Answers bigger than this are not read: a subgraph sending more is broken. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

type Reason = 'timeout' | 'connection' | 'status' | 'refused' | 'circuit open' | 'malformed' | 'database';

/**
 * A department subgraph running as its own service (DESIGN.md "Scale-out"). Each fetch is a POST
 * on a kept-alive connection, bounded by the subgraph's timeout, carrying a caller assertion
 * signed for that subgraph and that exact body. A fetch that fails (down, slow, refused, broken)
 * is answered as SUBGRAPH_UNAVAILABLE at the paths of the fields it was to fetch, so only that
 * department's slice is null; after repeated failures a circuit breaker answers at once and
 * probes the subgraph back.
 */
export class RemoteSubgraph implements GraphQLDataSource<Record<string, any>> {
  private readonly agent: HttpAgent;
  private readonly breaker: CircuitBreaker;
  private readonly url: URL;

  constructor(
    readonly name: string,
    private readonly config: RemoteSubgraphConfig,
    private readonly sign: AssertionSigner,
    private readonly logger: Logger,
  ) {
    this.url = new URL(config.url);
    // Connections are kept and reused: a fetch costs a request, not a TCP (and TLS) handshake.
    const agentOptions = { keepAlive: true, keepAliveMsecs: 1000, maxSockets: 64, maxFreeSockets: 16, scheduling: 'lifo' as const };
    this.agent = this.url.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    this.breaker = new CircuitBreaker({
      ...BREAKER,
      onChange: (open) => {
        subgraphCircuitOpen.set({ subgraph: name }, open ? 1 : 0);
        if (open) logger.warn({ subgraph: name }, `subgraph ${name} keeps failing: its slice is answered SUBGRAPH_UNAVAILABLE without fetching, probed every ${BREAKER.cooldownMs / 1000} s`);
        else logger.info({ subgraph: name }, `subgraph ${name} answers again`);
      },
    });
    subgraphCircuitOpen.set({ subgraph: name }, 0);
  }

  async process(options: GraphQLDataSourceProcessOptions<Record<string, any>>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const context = options.context as RemoteFetchContext;
    // Fail closed: a fetch is sent only for a caller the gateway verified (createGatewayServer refuses access off with remote subgraphs).
    if (!context?.access) throw new Error(`a fetch to subgraph ${this.name} was planned without a verified caller`);
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName });
    // Signed before the breaker is asked: a failure to sign is the gateway's, never held against the subgraph.
    const assertion = await this.sign(this.name, callerOf(context.requestId, context.access), body);
    if (!this.breaker.allow()) return this.unavailable(options, 'circuit open');
    const started = performance.now();
    // Exactly one of success, failure or inconclusive for every fetch let through, or a probe would hold the circuit forever.
    let health: 'success' | 'failure' | 'inconclusive' = 'inconclusive';
    try {
      const response = await this.post(body, assertion, context.requestId);
      if (response.status !== 200) {
        // The subgraph failing (5xx) counts against it; a refusal of this one fetch (4xx: the caller's
        // assertion or grant, a request it will not take) is about the fetch, not the subgraph's health.
        if (response.status >= 500) health = 'failure';
        this.logger.error({ subgraph: this.name, status: response.status, requestId: context.requestId, answer: response.text.slice(0, 300) }, `subgraph ${this.name} answered HTTP ${response.status}`);
        return this.unavailable(options, response.status === 401 || response.status === 403 ? 'refused' : 'status');
      }
      let answer: GatewayGraphQLResponse;
      try {
        answer = JSON.parse(response.text) as GatewayGraphQLResponse;
      } catch {
        health = 'failure';
        return this.unavailable(options, 'malformed');
      }
      if (answer.errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) {
        // The department's own database did not answer: its slice is unavailable, like the service.
        health = 'failure';
        subgraphUnavailable.inc({ subgraph: this.name, reason: 'database' });
        return { ...answer, errors: answer.errors.map((error) => (error.extensions?.code === 'SERVICE_UNAVAILABLE' ? { ...error, message: unavailableMessage(this.name), extensions: { ...error.extensions, code: SUBGRAPH_UNAVAILABLE } } : error)) };
      }
      health = 'success';
      (context.subgraphsAnswered ??= new Set()).add(this.name);
      return answer;
    } catch (error) {
      health = 'failure';
      const timedOut = (error as Error).name === 'TimeoutError';
      this.logger.warn({ subgraph: this.name, requestId: context.requestId, err: error }, `fetch to subgraph ${this.name} failed`);
      return this.unavailable(options, timedOut ? 'timeout' : 'connection');
    } finally {
      this.breaker[health]();
      subgraphFetchDuration.observe({ subgraph: this.name }, (performance.now() - started) / 1000);
    }
  }

  /** One POST, sent again once if a kept-alive connection turns out to have been closed by the subgraph meanwhile. */
  private async post(body: string, assertion: string, requestId: string): Promise<{ status: number; text: string }> {
    try {
      return await this.postOnce(body, assertion, requestId);
    } catch (error) {
      if (!(error as { reusedSocket?: boolean }).reusedSocket || (error as NodeJS.ErrnoException).code !== 'ECONNRESET') throw error;
      return this.postOnce(body, assertion, requestId);
    }
  }

  /** One POST with the subgraph's timeout over the whole exchange (connect, send, answer read). */
  private postOnce(body: string, assertion: string, requestId: string): Promise<{ status: number; text: string }> {
    const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(this.url, {
        method: 'POST',
        agent: this.agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${assertion}`,
          'x-request-id': requestId,
        },
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      req.once('error', (error) =>
        reject(error.name === 'AbortError' ? Object.assign(new Error(`no answer within ${this.config.timeoutMs} ms`), { name: 'TimeoutError' }) : Object.assign(error, { reusedSocket: req.reusedSocket })),
      );
      req.once('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.once('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.once('error', reject);
      });
      req.end(body);
    });
  }

  /** The fetch's fields, each null with a SUBGRAPH_UNAVAILABLE error at its path; no data. */
  private unavailable(options: GraphQLDataSourceProcessOptions<Record<string, any>>, reason: Reason): GatewayGraphQLResponse {
    subgraphUnavailable.inc({ subgraph: this.name, reason });
    // Why (refused, timed out, circuit open) is for the operators' logs and metrics, not the caller.
    const message = unavailableMessage(this.name);
    const extensions = { code: SUBGRAPH_UNAVAILABLE, serviceName: this.name };
    const document = 'document' in options ? options.document : undefined;
    const count = Array.isArray(options.request.variables?.representations) ? options.request.variables.representations.length : 0;
    return { errors: fetchPaths(document, count).map((path) => ({ message, path, extensions })) };
  }

  /** Closes the kept-alive connections (gateway shutdown). */
  close(): void {
    this.agent.destroy();
  }
}

const unavailableMessage = (subgraph: string) => `The ${subgraph} slice could not be fetched. Every other slice answered; retry later.`;

const grantHashes = new WeakMap<object, string>();

/** What the subgraph learns of the caller: the access the gateway verified, and the grant's hash (worked out once per grant). */
function callerOf(requestId: string, access: Access): CallerAssertion {
  let hash = grantHashes.get(access.grant);
  if (hash === undefined) {
    hash = grantHashOf(access.grant);
    grantHashes.set(access.grant, hash);
  }
  return {
    department: access.caller.department,
    purpose: access.purpose.code,
    requestId,
    grantHash: hash,
    caseId: access.caseId ?? null,
    rowScope: access.rowScope ?? null,
  };
}

/**
 * The paths a fetch would have filled: each root field, or for an entity fetch each field asked of
 * each entity (`_entities.<i>.<field>`, which the gateway maps to where the entity sits in the answer).
 */
export function fetchPaths(document: DocumentNode | undefined, representations: number): (string | number)[][] {
  const operation = document?.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!document || !operation || operation.kind !== Kind.OPERATION_DEFINITION) return [[]];
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const paths: (string | number)[][] = [];
  for (const root of responseFields(operation.selectionSet, fragments)) {
    if (root.name !== '_entities') {
      paths.push([root.key]);
      continue;
    }
    const keys = root.selectionSet ? responseFields(root.selectionSet, fragments).map((field) => field.key) : [];
    for (let index = 0; index < representations; index++) for (const key of new Set(keys)) paths.push(['_entities', index, key]);
  }
  return paths;
}

/** The fields of a selection set by response key, through inline fragments and fragment spreads; `__typename` left out. */
function responseFields(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): { key: string; name: string; selectionSet?: SelectionSetNode }[] {
  const fields: { key: string; name: string; selectionSet?: SelectionSetNode }[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') fields.push({ key: selection.alias?.value ?? selection.name.value, name: selection.name.value, ...(selection.selectionSet ? { selectionSet: selection.selectionSet } : {}) });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      fields.push(...responseFields(selection.selectionSet, fragments));
    } else {
      const fragment = fragments.get(selection.name.value);
      if (fragment) fields.push(...responseFields(fragment.selectionSet, fragments));
    }
  }
  return fields;
}
