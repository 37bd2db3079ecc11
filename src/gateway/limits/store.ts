/**
 * Where rate-limit state lives: this process's memory, or Redis so that every gateway replica
 * draws from the same buckets. Both answer the same two questions.
 */

/** A token bucket holding up to `capacity` tokens, refilled evenly by `capacity` every `periodMs`. */
export interface BucketSpec {
  key: string;
  capacity: number;
  periodMs: number;
}

export interface TakeResult {
  /** Index (into the buckets asked for) of the first bucket that had no token; -1: one was taken from each. */
  emptyBucket: number;
  /** ms until every empty bucket has a token again (0 when allowed). */
  retryAfterMs: number;
}

export interface WindowCount {
  /** Events counted for this key in the current window, this one included. */
  count: number;
  /** ms since the epoch when the window closes. */
  windowEndsAt: number;
}

export interface LimitStore {
  /**
   * Takes one token from every bucket, or from none when any is empty: a request refused by its
   * subject's bucket does not also drain its department's.
   */
  take(buckets: readonly BucketSpec[]): Promise<TakeResult>;
  /** Counts one event for `key` in the fixed window of `windowMs` that contains now. */
  count(key: string, windowMs: number): Promise<WindowCount>;
  /** Resolves once the store answers (at once in memory); rejects when it cannot be reached in time. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Windows start at multiples of their length since the epoch, so replicas agree on them. */
export function windowOf(now: number, windowMs: number): { start: number; end: number } {
  const start = Math.floor(now / windowMs) * windowMs;
  return { start, end: start + windowMs };
}
