import { randomUUID } from 'node:crypto';

/**
 * What the access log line and the metrics of one HTTP request carry: codes and timings only.
 * Handlers fill in the caller's department and purpose once they are verified.
 */
export interface RequestLog {
  requestId: string;
  /** ms since the epoch, for the audit record's duration. */
  startedAt: number;
  /** A fixed name per route (`graphql`, `ide`, `readyz`, …): bounded metric labels, no paths typed by callers. */
  route: string;
  department?: string;
  purpose?: string;
}

export function newRequestLog(route: string): RequestLog {
  return { requestId: randomUUID(), startedAt: Date.now(), route };
}
