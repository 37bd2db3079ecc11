import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { LIMIT_CODES, LimitExceededError } from '../policy/limits.js';
import { SUBGRAPH_UNAVAILABLE } from './unavailable-subgraphs.js';

/**
 * Codes a caller may see with their original message: each says what was wrong with the request
 * and how to fix it. Any other error is an internal one; its message could carry SQL, row values or
 * stack details, so the caller gets a generic message and the request id to quote.
 */
const PUBLIC_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PURPOSE_REQUIRED',
  'PURPOSE_NOT_ALLOWED',
  ...Object.values(LIMIT_CODES),
  'SERVICE_UNAVAILABLE',
  // Says which department's slice could not be fetched and to retry later; it carries no data.
  SUBGRAPH_UNAVAILABLE,
  'AUDIT_UNAVAILABLE',
  'OPERATION_NOT_ALLOWED',
]);

export type ErrorLogger = (error: unknown, formatted: GraphQLFormattedError) => void;

export function createErrorFormatter(logInternal: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // A malformed literal (`person(citizenId: "123")`) fails validation, and Apollo Server files it
    // under GRAPHQL_VALIDATION_FAILED; the scalar's own code says what the caller must fix.
    const cause = (unwrapResolverError(error) as GraphQLError | undefined)?.originalError as GraphQLError | undefined;
    if (cause?.extensions?.code === 'BAD_USER_INPUT') {
      formatted = { ...formatted, extensions: { ...formatted.extensions, ...cause.extensions } };
    }
    // graphql-js stops parsing past the token limit with a syntax error (16.x spells it "more that"); it is a limit like the others.
    const tokens = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/.exec(formatted.message);
    if (tokens) {
      const limit = new LimitExceededError('tokens', Number(tokens[1]), `more than ${tokens[1]}`);
      const { http: _http, ...extensions } = limit.extensions as Record<string, unknown>;
      return { message: limit.message, extensions };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      // `serviceName` tells which subgraph failed: internal topology, not for callers.
      const { serviceName: _serviceName, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logInternal(unwrapResolverError(error), formatted);
    return {
      message: 'Internal error while answering this request; quote the request id to the gateway operators.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
