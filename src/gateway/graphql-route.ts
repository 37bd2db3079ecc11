import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayServer } from './server.js';
import { AccessError, type Access } from './access.js';
import { AuditUnavailableError, type AuditWriter } from '../audit/writer.js';
import { callerColumns, type AuditRecord } from '../audit/record.js';
import { headerMap, HttpError, parseBody, readBody, sendError } from './http-util.js';
import type { RequestLog } from './request-log.js';

/**
 * `/graphql`: who is asking and why is settled before the body is even read, then Apollo Server
 * runs the operation through the policy and the audit.
 */
export async function handleGraphql(gateway: GatewayServer, req: IncomingMessage, res: ServerResponse, url: URL, log: RequestLog): Promise<void> {
  const headers = headerMap(req);
  const clientAddress = req.socket.remoteAddress;
  try {
    const access = await authorize(gateway, headers, log, clientAddress);
    const body = req.method === 'POST' ? parseBody(await readBody(req), req.headers['content-type']) : undefined;
    const response = await gateway.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => gateway.createContext(log.requestId, access, clientAddress),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    // Apollo marks some answers (APQ errors) as privately cacheable; every answer here is one caller's alone.
    res.setHeader('cache-control', 'no-store');
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  } catch (error) {
    sendRequestError(res, error);
  }
}

/** The verified caller, purpose and grant; a refusal is audited before it is answered. */
export async function authorize(
  gateway: GatewayServer,
  headers: ReturnType<typeof headerMap>,
  log: RequestLog,
  clientAddress: string | undefined,
): Promise<Access | undefined> {
  if (!gateway.accessControl) return undefined;
  try {
    const access = await gateway.accessControl.authorize(headers);
    log.department = access.caller.department;
    log.purpose = access.purpose.code;
    return access;
  } catch (error) {
    if (error instanceof AccessError) {
      log.department = error.caller?.department;
      if (gateway.audit) await auditRefusal(gateway.audit, error, log, clientAddress);
    }
    throw error;
  }
}

/** The errors any route may meet before or while answering, in the GraphQL error shape. */
export function sendRequestError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy(error instanceof Error ? error : undefined);
    return;
  }
  if (error instanceof AuditUnavailableError) return sendError(res, 503, 'AUDIT_UNAVAILABLE', error.message);
  if (error instanceof AccessError) {
    if (error.status === 401) {
      // RFC 6750 §3: a request with no credentials gets the challenge alone, a bad token the error too.
      const invalid = error.extensions.reason === 'missing' ? '' : ', error="invalid_token"';
      res.setHeader('www-authenticate', `Bearer realm="population-gateway"${invalid}`);
    }
    return sendError(res, error.status, error.code, error.message, error.extensions);
  }
  if (error instanceof HttpError) return sendError(res, error.status, error.code, error.message);
  throw error;
}

/** A request refused before it reached GraphQL (no token, wrong purpose) is audited too. */
export function auditRefusal(writer: AuditWriter, error: AccessError, log: RequestLog, clientAddress: string | undefined) {
  return auditHttpEvent(writer, log, clientAddress, {
    outcome: 'refused',
    status: error.status,
    code: error.code,
    ...callerColumns(error.caller, error.declaredPurpose, undefined),
    // Refused before the body was read: no operation to name.
    operationName: null,
    fieldsReturned: [],
  });
}

/**
 * The audit record of a request answered (or refused) outside GraphQL: no operation text to hash,
 * no citizens' data returned; the rest comes from the request itself.
 */
export function auditHttpEvent(
  writer: AuditWriter,
  log: RequestLog,
  clientAddress: string | undefined,
  event: Pick<AuditRecord, 'outcome' | 'status' | 'code' | 'operationName' | 'fieldsReturned'> & ReturnType<typeof callerColumns>,
) {
  return writer.append({
    ...event,
    recordedAt: new Date().toISOString(),
    requestId: log.requestId,
    operationHash: null,
    citizenIds: [],
    fieldsDenied: [],
    durationMs: Date.now() - log.startedAt,
    clientAddress: clientAddress ?? null,
  });
}
