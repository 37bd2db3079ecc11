import type { IncomingMessage, ServerResponse } from 'node:http';
import { EXPORT_FIELDS, parseInstant, writeExport, type ExportFormat } from '../audit/export.js';
import { accessColumns, AccessError, type Access } from './access.js';
import { accountRefusal, auditHttpEvent, authorize, recordAccessRefusal, sendRequestError } from './graphql-route.js';
import { headerMap, HttpError } from './http-util.js';
import type { RequestLog } from './request-log.js';
import type { GatewayServer } from './server.js';

/** What an export reads, for its own audit record: every column of the audit records. */
const EXPORTED_FIELDS = EXPORT_FIELDS.map((field) => `AuditEvent.${field}`);

/** The same grant as searching the log: exporting is reading it in bulk. */
const REQUIRED_GRANT = 'Query.auditEvents';

function instantParam(url: URL, name: string): Date {
  const value = url.searchParams.get(name);
  if (!value) throw new HttpError(400, `${name} is required: an ISO 8601 time such as 2026-11-01T00:00:00Z, or a date 2026-11-01`);
  const date = parseInstant(value);
  if (!date) throw new HttpError(400, `${name} must be an ISO 8601 time such as 2026-11-01T00:00:00Z, got "${value}"`);
  return date;
}

/**
 * `GET /audit/export?from&to&format=csv|jsonl`: the audit records of a period, in chain order with
 * their hashes, as `city-population-gateway audit export` writes them, for a compliance officer's
 * browser. Same caller checks as GraphQL, and the export itself is audited before the first byte
 * of it leaves (fail closed).
 */
export async function handleAuditExport(gateway: GatewayServer, req: IncomingMessage, res: ServerResponse, url: URL, log: RequestLog): Promise<void> {
  const clientAddress = req.socket.remoteAddress;
  let access: Access | undefined;
  try {
    if (req.method !== 'GET') throw new HttpError(405, 'use GET /audit/export?from=…&to=…&format=csv', 'METHOD_NOT_ALLOWED', { allow: 'GET' });
    access = await authorize(gateway, headerMap(req), log, clientAddress);
    if (access && access.grant.tiers.get(REQUIRED_GRANT) !== 'full') {
      const refusal = new AccessError(
        403,
        'FORBIDDEN',
        `Exporting the audit log needs the grant that reads it (${REQUIRED_GRANT}); ${access.caller.department} acting for "${access.purpose.code}" does not have it. Compliance officers use purpose access-review.`,
        {},
        access.caller,
        access.purpose.code,
      );
      await recordAccessRefusal(gateway, refusal, log, clientAddress);
      throw refusal;
    }
    const from = instantParam(url, 'from');
    const to = instantParam(url, 'to');
    if (from >= to) throw new HttpError(400, 'from must be before to');
    const format = (url.searchParams.get('format') ?? 'csv') as ExportFormat;
    if (format !== 'csv' && format !== 'jsonl') throw new HttpError(400, `format must be csv or jsonl, got "${format}"`);

    if (gateway.audit) {
      await auditHttpEvent(gateway.audit, log, clientAddress, {
        outcome: 'allowed',
        status: 200,
        code: null,
        ...accessColumns(access),
        operationName: 'auditExport',
        fieldsReturned: EXPORTED_FIELDS,
      });
    }
    const stamp = (date: Date) => date.toISOString().replaceAll(':', '').replace(/\.\d+Z$/, 'Z');
    res.writeHead(200, {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="audit-${stamp(from)}-${stamp(to)}.${format}"`,
      'cache-control': 'no-store',
    });
    // A browser that cancels the download closes the socket: writeExport stops reading the log then.
    await writeExport(gateway.database, res, { from, to, format });
    res.end();
  } catch (error) {
    sendRequestError(res, await accountRefusal(gateway, log, clientAddress, error, access));
  }
}
