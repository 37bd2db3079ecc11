import { windowOf, type BucketSpec, type LimitStore, type TakeResult, type WindowCount } from './store.js';

/**
 * Keys kept at most. The keys are callers (bounded by the tokens an identity provider issued) and
 * client addresses (unbounded: anyone can send from many); past this the least recently used
 * go first. An evicted bucket is simply full again.
 */
const MAX_KEYS = 100_000;

interface Level {
  tokens: number;
  at: number;
}

/** Limits in this process's memory: the default, and each replica's fallback when Redis fails. */
export class MemoryLimitStore implements LimitStore {
  private readonly buckets = new Map<string, Level>();
  private readonly windows = new Map<string, WindowCount>();

  constructor(
    private readonly maxKeys = MAX_KEYS,
    private readonly now: () => number = Date.now,
  ) {}

  async take(buckets: readonly BucketSpec[]): Promise<TakeResult> {
    const now = this.now();
    const levels = buckets.map((bucket) => {
      const stored = this.buckets.get(bucket.key);
      const tokens = stored ? Math.min(bucket.capacity, stored.tokens + (Math.max(0, now - stored.at) * bucket.capacity) / bucket.periodMs) : bucket.capacity;
      return tokens;
    });
    let emptyBucket = -1;
    let retryAfterMs = 0;
    levels.forEach((tokens, i) => {
      if (tokens >= 1) return;
      const bucket = buckets[i]!;
      if (emptyBucket < 0) emptyBucket = i;
      retryAfterMs = Math.max(retryAfterMs, Math.ceil(((1 - tokens) * bucket.periodMs) / bucket.capacity));
    });
    if (emptyBucket < 0) buckets.forEach((bucket, i) => remember(this.buckets, bucket.key, { tokens: levels[i]! - 1, at: now }, this.maxKeys));
    return { emptyBucket, retryAfterMs };
  }

  async count(key: string, windowMs: number): Promise<WindowCount> {
    const now = this.now();
    const stored = this.windows.get(key);
    const current = stored && stored.windowEndsAt > now ? stored : { count: 0, windowEndsAt: windowOf(now, windowMs).end };
    const next = { count: current.count + 1, windowEndsAt: current.windowEndsAt };
    remember(this.windows, key, next, this.maxKeys);
    return next;
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.buckets.clear();
    this.windows.clear();
  }
}

/** Sets `key` as the most recently used entry, dropping the least recently used past `max`. */
export function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}
