/**
 * Postgres SQLSTATEs and driver codes that mean "the database did not answer usably", not "the
 * statement was wrong": class 08 (connection exception), 57P01-03 (admin shutdown, crash, cannot
 * connect now), 57014 (statement cancelled: `statement_timeout` stopped it), and Node's socket codes.
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '57014']);

/**
 * pg and pg-pool report their own failures by message only: a query whose connection went silent
 * (`query_timeout`), a connection or a free pool slot not obtained within `connectionTimeoutMillis`,
 * a socket closed under a query; PGlite and a closed pool say they are closed.
 */
const UNAVAILABLE_MESSAGES =
  /query read timeout|connection terminated|connection timeout|timeout exceeded when trying to connect|pglite is closed|client has encountered a connection error|client was closed and is not queryable|cannot use a pool after calling end/i;

/** Errors wrap their cause (drizzle, GraphQL, our own): how deep to look before giving up. */
const MAX_DEPTH = 8;

/**
 * True when `error`, or an error it wraps (`cause`, GraphQL's `originalError`), says the database
 * could not be reached or did not answer in time: retrying later may work, and the connection that
 * carried it must not be used again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_DEPTH && current; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    const wrapped = current as { cause?: unknown; originalError?: unknown };
    current = wrapped.cause ?? wrapped.originalError;
  }
  return false;
}
