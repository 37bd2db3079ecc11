import { HttpError } from '../http-util.js';

export type LimitName = 'department' | 'subject' | 'app' | 'refusals';

/** Whole seconds, at least one: what Retry-After carries (RFC 9110 §10.2.3). */
function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** A 429: it is accounted for where it is raised (audited, or counted in a summary), never again by the route. */
export class TooManyRequestsError extends HttpError {}

/** A 429 in the GraphQL error shape: which limit, and when to try again. */
export function tooManyRequests(limit: LimitName, message: string, retryAfterMs: number): TooManyRequestsError {
  const seconds = retryAfterSeconds(retryAfterMs);
  return new TooManyRequestsError(429, `${message} Retry after ${seconds} s.`, 'RATE_LIMITED', { 'retry-after': String(seconds) }, { limit, retryAfterSeconds: seconds });
}

/** `600 per 1 min`, `5 per 2 s`: a rate as a caller reads it. */
export function describeRate(count: number, periodMs: number): string {
  const [size, unit] = periodMs % 3_600_000 === 0 ? [periodMs / 3_600_000, 'h'] : periodMs % 60_000 === 0 ? [periodMs / 60_000, 'min'] : periodMs % 1000 === 0 ? [periodMs / 1000, 's'] : [periodMs, 'ms'];
  return `${count} per ${size} ${unit}`;
}
