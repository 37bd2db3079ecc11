import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { HttpError, readBody } from './http-util.js';
import type { GatewayContext } from './server.js';

/**
 * The checks a `/graphql` request passes before Apollo Server sees it, each with its own status
 * and code so that its audit record says what was wrong: the method (405), the content type (415),
 * the size (413), JSON (400), one operation per request (400). Returns the POST body; GET carries
 * the operation in its URL.
 */
export async function readGraphqlRequest(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  if (req.method === 'GET') return undefined;
  if (req.method !== 'POST') {
    throw new HttpError(405, `${String(req.method).slice(0, 16)} is not supported on /graphql: send POST with a JSON body, or GET with the operation in the URL.`, 'METHOD_NOT_ALLOWED', { allow: 'GET, POST' });
  }
  if (!isJsonUtf8(req.headers['content-type'])) {
    throw new HttpError(415, 'Send the operation as JSON: Content-Type: application/json (UTF-8).', 'UNSUPPORTED_MEDIA_TYPE');
  }
  const text = await readBody(req);
  if (text.trim() === '') throw new HttpError(400, 'The POST body is empty: send {"query": "…", "variables": {…}}.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
  // Apollo Server would answer a batch with one 400 that never reaches the audit; and one audit
  // record per request is the rule, so one operation per request it is.
  if (Array.isArray(body)) throw new HttpError(400, 'Batching is not supported: send one operation per request.', 'BATCHING_NOT_SUPPORTED');
  if (typeof body !== 'object' || body === null) throw new HttpError(400, 'The body must be a JSON object such as {"query": "…", "variables": {…}}.');
  return body as Record<string, unknown>;
}

/** `application/json`, optionally with `charset=utf-8` (GraphQL over HTTP: UTF-8 only). */
function isJsonUtf8(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [essence, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (essence !== 'application/json') return false;
  return parameters.every((parameter) => !parameter.startsWith('charset=') || /^charset="?utf-8"?$/.test(parameter));
}

/**
 * Requests handed to Apollo Server whose operation has not (yet) entered its request pipeline, by
 * request id: Apollo Server clones the context for each operation, so the context object cannot
 * tell.
 */
const notEntered = new Set<string>();

/**
 * Marks each request that enters Apollo Server's request pipeline, whose audit plugin then writes
 * its record. A request Apollo Server refuses before that (its own body and CSRF checks) leaves
 * no record there, so the route writes one (`awaitPipeline`).
 */
export function pipelineEntryPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      notEntered.delete(contextValue.requestId);
    },
  };
}

/**
 * Runs `execute` and says whether its request entered the pipeline. Only requests registered here
 * are tracked, and each is forgotten when `execute` settles, so nothing accumulates.
 */
export async function awaitPipeline<T>(requestId: string, execute: () => Promise<T>): Promise<{ result: T; entered: boolean }> {
  notEntered.add(requestId);
  try {
    const result = await execute();
    return { result, entered: !notEntered.has(requestId) };
  } finally {
    notEntered.delete(requestId);
  }
}
