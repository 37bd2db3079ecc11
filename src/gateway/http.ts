import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { randomUUID } from 'node:crypto';
import type { GatewayServer } from './server.js';
import { AccessError } from './access.js';
import { AuditUnavailableError, type AuditWriter } from '../audit/writer.js';
import { callerColumns } from '../audit/record.js';

/** Larger bodies are refused before they are read: no legitimate query is anywhere near this. */
export const MAX_BODY_BYTES = 1024 * 1024;

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, `request body is ${declared} bytes; the limit is ${MAX_BODY_BYTES}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body exceeds the limit of ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpError(400, 'request body is not valid JSON');
    }
  }
  return text;
}

function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId });
  res.end(JSON.stringify(body));
}

/** Node's HTTP server in front of Apollo Server: `/graphql` and a liveness probe. */
export function createHttpServer(gateway: GatewayServer): Server {
  return createServer(async (req, res) => {
    const requestId = randomUUID();
    try {
      const url = new URL(req.url ?? '/', 'http://gateway.invalid');
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' }, requestId);
      if (url.pathname !== '/graphql') {
        return sendJson(res, 404, { errors: [{ message: `Nothing at ${url.pathname}; the GraphQL endpoint is /graphql.`, extensions: { code: 'NOT_FOUND' } }] }, requestId);
      }
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      // Who is asking and why is settled before the body is even read.
      const clientAddress = req.socket.remoteAddress;
      const startedAt = Date.now();
      let access;
      try {
        access = gateway.accessControl ? await gateway.accessControl.authorize(headers) : undefined;
      } catch (error) {
        if (error instanceof AccessError && gateway.audit) await auditRefusal(gateway.audit, error, requestId, startedAt, clientAddress);
        throw error;
      }
      const body = req.method === 'POST' ? parseBody(await readBody(req), req.headers['content-type']) : undefined;
      const response = await gateway.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => gateway.createContext(requestId, access, clientAddress),
      });
      for (const [name, value] of response.headers) res.setHeader(name, value);
      res.setHeader('x-request-id', requestId);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      if (error instanceof AuditUnavailableError) {
        return sendJson(res, 503, { errors: [{ message: error.message, extensions: { code: 'AUDIT_UNAVAILABLE' } }] }, requestId);
      }
      if (error instanceof AccessError) {
        if (error.status === 401) {
          // RFC 6750 §3: a request with no credentials gets the challenge alone, a bad token the error too.
          const invalid = error.extensions.reason === 'missing' ? '' : ', error="invalid_token"';
          res.setHeader('www-authenticate', `Bearer realm="population-gateway"${invalid}`);
        }
        return sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions } }] }, requestId);
      }
      if (error instanceof HttpError) {
        return sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] }, requestId);
      }
      process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'http handler failed', requestId, error: String(error) })}\n`);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }, requestId);
      else res.end();
    }
  });
}

/** A request refused before it reached GraphQL (no token, wrong purpose) is audited too. */
async function auditRefusal(writer: AuditWriter, error: AccessError, requestId: string, startedAt: number, clientAddress: string | undefined) {
  await writer.append({
    recordedAt: new Date().toISOString(),
    requestId,
    outcome: 'refused',
    status: error.status,
    code: error.code,
    ...callerColumns(error.caller, error.declaredPurpose, undefined),
    // Refused before the body was read: no operation to name.
    operationName: null,
    operationHash: null,
    citizenIds: [],
    fieldsReturned: [],
    fieldsDenied: [],
    durationMs: Date.now() - startedAt,
    clientAddress: clientAddress ?? null,
  });
}

/** Listens and resolves with the bound port (useful with port 0 in tests). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
