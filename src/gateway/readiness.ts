import type { Database } from '../db/client.js';

export interface Readiness {
  ready: boolean;
  /** Each dependency: `ok`, or what is wrong with it (never a connection string). */
  checks: { database: string; auditStore: string; composition: string; shutdown: string };
}

/** A probe that takes longer than this counts as down: a hung database must not hang the probe. */
const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The error's code (ECONNREFUSED, 57P01, …) or first line: enough to act on, nothing secret. */
function describe(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  const message = String((error as Error)?.message ?? error).split('\n')[0]!;
  return typeof code === 'string' ? `${code}: ${message}` : message;
}

/** `ok`, or why `database` did not answer `select 1` in time: the one probe of a database, for the gateway and its subgraph services. */
export const databaseAnswers = (database: Pick<Database, 'query'>, what = 'the database'): Promise<string> =>
  withTimeout(database.query('select 1'), what).then(
    () => 'ok',
    (error) => describe(error),
  );

/**
 * What `/readyz` reports: the gateway can answer only when the population database answers, the
 * audit chain head can be read (no answer leaves without its audit record), the supergraph was
 * composed and it is not shutting down. A load balancer stops sending requests while any fails.
 */
export async function checkReadiness(database: Database, state: { composed: boolean; shuttingDown: boolean }): Promise<Readiness> {
  const [databaseCheck, auditCheck] = await Promise.all([
    databaseAnswers(database),
    withTimeout(database.query<{ seq: unknown }>('select seq from audit.chain_head where id'), 'the audit store').then(
      (rows) => (rows.length === 1 ? 'ok' : 'audit.chain_head has no row: run the migrations'),
      (error) => describe(error),
    ),
  ]);
  const checks = {
    database: databaseCheck,
    auditStore: auditCheck,
    composition: state.composed ? 'ok' : 'the supergraph is not composed yet',
    // Between SIGTERM and exit the requests in flight finish, and no new ones should be sent here.
    shutdown: state.shuttingDown ? 'shutting down: finishing the requests in flight' : 'ok',
  };
  return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
}
