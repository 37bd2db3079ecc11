import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayServer } from './server.js';
import { accessColumns, AccessError, type Access } from './access.js';
import { AuditUnavailableError, type AuditWriter } from '../audit/writer.js';
import { callerColumns, type AuditRecord } from '../audit/record.js';
import { headerMap, HttpError, sendError } from './http-util.js';
import type { RequestLog } from './request-log.js';
import { awaitPipeline, readGraphqlRequest } from './graphql-request.js';
import { RefusalGuard } from './limits/refusal-guard.js';
import { TooManyRequestsError } from './limits/too-many-requests.js';

/**
 * `/graphql`: who is asking and why is settled before the body is even read, then Apollo Server
 * runs the operation through the policy and the audit.
 */
export async function handleGraphql(gateway: GatewayServer, req: IncomingMessage, res: ServerResponse, url: URL, log: RequestLog): Promise<void> {
  const headers = headerMap(req);
  const clientAddress = req.socket.remoteAddress;
  let access: Access | undefined;
  try {
    access = await authorize(gateway, headers, log, clientAddress);
    const body = await readGraphqlRequest(req);
    const { result: response, entered } = await awaitPipeline(log.requestId, () =>
      gateway.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => gateway.createContext(log.requestId, access, clientAddress),
      }),
    );
    if (!entered) await accountApolloRefusal(gateway, log, clientAddress, access, response);
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
    sendRequestError(res, await accountRefusal(gateway, log, clientAddress, error, access));
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
  gateway.rateLimits.refusals.checkAddress(clientAddress);
  try {
    const access = await gateway.accessControl.authorize(headers);
    log.department = access.caller.department;
    log.purpose = access.purpose.code;
    await limitCaller(gateway, access, log, clientAddress);
    return access;
  } catch (error) {
    if (error instanceof AccessError) {
      log.department = error.caller?.department;
      await recordAccessRefusal(gateway, error, log, clientAddress);
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
  if (error instanceof HttpError) {
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    return sendError(res, error.status, error.code, error.message, error.extensions);
  }
  throw error;
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
    asOf: null,
    unavailableSubgraphs: [],
  });
}

/**
 * An access refusal's audit record, within the refusal limit of its client address; past it, the
 * 429 to answer instead (thrown), and the refusal is counted in the window's summary record.
 */
export function recordAccessRefusal(gateway: GatewayServer, error: AccessError, log: RequestLog, clientAddress: string | undefined): Promise<void> {
  return recordHttpRefusal(gateway, log, clientAddress, callerColumns(error.caller, error.declaredPurpose, undefined), error.status, error.code);
}

/** The audit record of a refusal answered outside GraphQL: refused before any operation was read, so none to name. */
function auditRefused(writer: AuditWriter, log: RequestLog, clientAddress: string | undefined, columns: ReturnType<typeof callerColumns>, status: number, code: string) {
  return auditHttpEvent(writer, log, clientAddress, { outcome: 'refused', status, code, ...columns, operationName: null, fieldsReturned: [] });
}

/**
 * Takes the request from the caller's rate-limit buckets. A 429 is audited (RATE_LIMITED) like
 * any refusal, but bounded per caller as refusals are per address: a client that keeps sending
 * past its limit leaves one summary record per window, not a record per request.
 */
async function limitCaller(gateway: GatewayServer, access: Access, log: RequestLog, clientAddress: string | undefined): Promise<void> {
  try {
    await gateway.rateLimits.callers.take(access.caller);
  } catch (error) {
    if (!(error instanceof TooManyRequestsError)) throw error;
    const admission = await gateway.rateLimits.refusals.admit(RefusalGuard.fromCaller(access.caller, clientAddress));
    if (admission.record && gateway.audit) await auditRefused(gateway.audit, log, clientAddress, accessColumns(access), 429, 'RATE_LIMITED');
    throw error;
  }
}

/**
 * What to answer for a request refused outside GraphQL (its format, method, size): `error` once
 * its audit record is written, the 429 when its client address is past the refusal limit, or
 * AUDIT_UNAVAILABLE when the record cannot be written. Refusals already accounted for (access
 * refusals, 429s) and errors that are not refusals pass through as they are.
 */
export async function accountRefusal(gateway: GatewayServer, log: RequestLog, clientAddress: string | undefined, error: unknown, access: Access | undefined): Promise<unknown> {
  if (!(error instanceof HttpError) || error instanceof TooManyRequestsError || !gateway.accessControl) return error;
  try {
    await recordHttpRefusal(gateway, log, clientAddress, accessColumns(access), error.status, error.code);
    return error;
  } catch (answer) {
    return answer;
  }
}

/** Audits a refusal Apollo Server answered before its pipeline (and audit plugin) saw the request. */
async function accountApolloRefusal(
  gateway: GatewayServer,
  log: RequestLog,
  clientAddress: string | undefined,
  access: Access | undefined,
  response: { status?: number; body: { kind: string; string?: string } },
): Promise<void> {
  const status = response.status ?? 200;
  if (status < 400 || !gateway.accessControl) return;
  let code = 'BAD_REQUEST';
  try {
    const parsed = JSON.parse(response.body.string ?? '') as { errors?: { extensions?: { code?: unknown } }[] };
    if (typeof parsed.errors?.[0]?.extensions?.code === 'string') code = parsed.errors[0].extensions.code;
  } catch {
    // Not JSON: keep the generic code.
  }
  await recordHttpRefusal(gateway, log, clientAddress, accessColumns(access), status, code);
}

/** A refusal's audit record, within the refusal limit of its client address; past it, the 429 to answer instead (thrown). */
async function recordHttpRefusal(
  gateway: GatewayServer,
  log: RequestLog,
  clientAddress: string | undefined,
  columns: ReturnType<typeof callerColumns>,
  status: number,
  code: string,
): Promise<void> {
  const admission = await gateway.rateLimits.refusals.admit(RefusalGuard.fromAddress(clientAddress));
  if (!admission.record) throw admission.answer;
  if (gateway.audit) await auditRefused(gateway.audit, log, clientAddress, columns, status, code);
}
