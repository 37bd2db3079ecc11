import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from '../db/failures.js';

/** The input was wrong; the message says what and how to fix it. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', ...details } });
  }
}

/** The department's database cannot be reached right now: retrying later may work. */
export class ServiceUnavailableError extends GraphQLError {
  constructor(message = 'The population database is not reachable or did not answer in time. Nothing was read; retry in a moment.') {
    super(message, { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
  }
}

/**
 * A failed statement, without its parameters: drizzle's own error quotes them, and they are
 * citizen IDs, which must reach neither the caller nor the logs.
 */
export class DataAccessError extends Error {
  constructor(table: string, readonly sqlState: string | undefined, detail: string) {
    super(`reading ${table} failed${sqlState ? ` (SQLSTATE ${sqlState})` : ''}: ${detail}`);
    this.name = 'DataAccessError';
  }
}

/** Translates a driver error into one a caller may see (unavailable) or an internal one without parameters. */
export function describeQueryFailure(table: string, error: unknown): Error {
  if (isDatabaseUnavailable(error)) {
    return new ServiceUnavailableError();
  }
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const code = (cause as { code?: string })?.code;
  const message = (cause as Error)?.message ?? String(cause);
  return new DataAccessError(table, code, message);
}
