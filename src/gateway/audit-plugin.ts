import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { operationHash } from '../audit/operation-hash.js';
import { AuditUnavailableError, type AuditWriter } from '../audit/writer.js';
import type { AuditRecord, Outcome } from '../audit/record.js';
import { accessColumns } from './access.js';
import { LIMIT_CODES } from '../policy/limits.js';
import type { GatewayContext } from './server.js';
import type { Logger } from '../observability/log.js';

/** Error codes that mean the request itself was refused, as opposed to failing while answered. */
const REFUSALS = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'PURPOSE_REQUIRED',
  'PURPOSE_NOT_ALLOWED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_NOT_ALLOWED',
  ...Object.values(LIMIT_CODES),
]);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Step 7 of a request (DESIGN.md): one audit record per operation, written before the answer
 * leaves. If it cannot be written, the answer is replaced with AUDIT_UNAVAILABLE (HTTP 503) and no
 * data: fail closed.
 */
export function auditPlugin(writer: AuditWriter, logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue: context, response, document, request, operationName }) {
          const body = response.body;
          if (body.kind !== 'single') return;
          const { errors } = body.singleResult;
          const codes = (errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const status = response.http.status ?? 200;
          const firstProblem = codes.find((c) => c !== 'FORBIDDEN');
          // An answer that carries people's data was an access, whatever was refused beside it: it
          // is never recorded as refused. (The compliance views find accesses by the citizen IDs
          // recorded, which only an answer that carried data has, whatever its outcome.)
          const released = context.answered !== undefined && (context.answered.citizenIds.length > 0 || hasData(body.singleResult.data));
          const outcome: Outcome = !firstProblem
            ? codes.length > 0 ? 'partly_denied' : 'allowed'
            : !REFUSALS.has(firstProblem) ? 'failed'
            : released ? 'partly_denied' : 'refused';
          // A document that did not parse is known by its raw text's hash.
          const hash = document ? operationHash(document) : request.query ? sha256(request.query) : null;
          const record: AuditRecord = {
            recordedAt: new Date().toISOString(),
            requestId: context.requestId,
            outcome,
            status,
            code: firstProblem ?? codes[0] ?? null,
            ...accessColumns(context.access),
            operationName: operationName ?? request.operationName ?? null,
            operationHash: hash,
            // The IDs the released answer carries, read from it by the operation's plan.
            citizenIds: context.answered?.citizenIds ?? [],
            // An operation refused before it ran returned nothing, whatever its plan would have.
            // Less the fields of a slice that could not be fetched at all.
            fieldsReturned: (outcome !== 'refused' && (context.answered?.fieldsReturned ?? context.operation?.plan.fields.returned)) || [],
            fieldsDenied: (outcome !== 'refused' && context.operation?.plan.fields.denied) || [],
            durationMs: Date.now() - context.startedAt,
            clientAddress: context.clientAddress ?? null,
            asOf: (outcome !== 'refused' && context.operation?.asOf) || null,
            // Read from the executed result before the error formatter drops serviceName.
            unavailableSubgraphs: context.answered?.unavailableSubgraphs ?? [],
          };
          try {
            await writer.append(record);
          } catch (error) {
            const failure = error instanceof AuditUnavailableError ? error : new AuditUnavailableError(error);
            logger.error({ requestId: context.requestId, err: failure.cause }, 'audit write failed: answer withheld (AUDIT_UNAVAILABLE)');
            body.singleResult = { errors: [{ message: failure.message, extensions: { code: 'AUDIT_UNAVAILABLE' } }] };
            response.http.status = 503;
          }
        },
      };
    },
  };
}

/** True when an answer's data holds anything but nulls at its root. */
function hasData(data: Record<string, unknown> | null | undefined): boolean {
  return !!data && Object.values(data).some((value) => value !== null && value !== undefined);
}
