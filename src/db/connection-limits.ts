import type pg from 'pg';

/**
 * How long the gateway waits on PostgreSQL, in milliseconds. A database host that vanishes without
 * closing its connections (half-open TCP) never answers and never says no: without these limits a
 * request, and the pool slot it holds, waits forever.
 */
export interface DatabaseTimeouts {
  /** Opening a connection, or waiting for a free one when the pool is full (pg-pool uses one limit for both). */
  connectMs: number;
  /** Server side: Postgres cancels a statement running longer (SQLSTATE 57014); the connection stays usable. */
  statementMs: number;
  /**
   * Client side: the gateway gives up on a query whose connection stays silent this long, and
   * discards that connection. Longer than `statementMs`, so a slow statement on a live connection
   * is stopped by the server first and its connection kept.
   */
  queryMs: number;
  /** Server side: a session left idle inside a transaction (its client vanished) is ended, and its locks freed. */
  idleInTransactionMs: number;
  /** TCP keep-alive probes start after the connection has been idle this long. */
  keepAliveDelayMs: number;
}

/** Long enough that a normal request never meets them, short enough that a caller gets an answer. */
export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 5_000,
  statementMs: 5_000,
  queryMs: 6_000,
  idleInTransactionMs: 10_000,
  keepAliveDelayMs: 10_000,
};

/**
 * The pool's settings. `statement_timeout` and `idle_in_transaction_session_timeout` travel in
 * the connection's startup message, so they cost no round trip: no `SET` per connection or query.
 */
export function poolSettings(url: string, poolSize: number, timeouts: DatabaseTimeouts): pg.PoolConfig {
  return {
    connectionString: url,
    max: poolSize,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: timeouts.connectMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: timeouts.keepAliveDelayMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.queryMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
  };
}

/**
 * For migrations and seeding under an advisory lock: one statement may build an index or COPY
 * millions of rows, and a seed generates the next rows inside its open transaction, so neither
 * statement nor idle limits apply. Connecting is still bounded, and keep-alive still finds a
 * vanished host (after the kernel's probes, minutes rather than seconds).
 */
export function longWorkSettings(url: string, timeouts: DatabaseTimeouts): pg.ClientConfig {
  return {
    connectionString: url,
    connectionTimeoutMillis: timeouts.connectMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: timeouts.keepAliveDelayMs,
  };
}
