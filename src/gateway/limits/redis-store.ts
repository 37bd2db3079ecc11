import { Redis } from 'ioredis';
import { windowOf, type BucketSpec, type LimitStore, type TakeResult, type WindowCount } from './store.js';

/**
 * Takes one token from every bucket in KEYS, or none if any is empty, in one atomic step, so that
 * replicas racing for the last token cannot both get it. The time is the Redis server's, so
 * replicas whose clocks differ still refill the buckets alike. A bucket's key expires once it
 * would be full again: an idle caller leaves nothing behind.
 * ARGV: capacity and period (ms) of each bucket in turn. Returns {first empty bucket (1-based; 0:
 * allowed), ms until every empty bucket has a token}.
 */
const TAKE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local levels = {}
local empty = 0
local wait = 0
for i, key in ipairs(KEYS) do
  local capacity = tonumber(ARGV[2 * i - 1])
  local period = tonumber(ARGV[2 * i])
  local state = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(state[1])
  local at = tonumber(state[2])
  if tokens == nil or at == nil then
    tokens = capacity
  else
    tokens = math.min(capacity, tokens + math.max(0, now - at) * capacity / period)
  end
  levels[i] = tokens
  if tokens < 1 then
    if empty == 0 then empty = i end
    wait = math.max(wait, math.ceil((1 - tokens) * period / capacity))
  end
end
if empty == 0 then
  for i, key in ipairs(KEYS) do
    local capacity = tonumber(ARGV[2 * i - 1])
    local period = tonumber(ARGV[2 * i])
    local tokens = levels[i] - 1
    redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
    redis.call('PEXPIRE', key, math.ceil((capacity - tokens) * period / capacity) + 1000)
  end
end
return {empty, wait}
`;

/** Counts one event in KEYS[1], which names one window; the key lives a little past the window's end. */
const COUNT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count
`;

interface LimitCommands {
  takeTokens(keyCount: number, ...keysAndArgs: (string | number)[]): Promise<[number, number]>;
  countEvent(key: string, ttlMs: number): Promise<number>;
}

export interface RedisStoreOptions {
  url: string;
  /** Every key starts with it: several gateways or test runs can share one Redis. */
  prefix: string;
  /** No command waits longer: a Redis that stops answering must not hold requests. */
  timeoutMs: number;
}

/**
 * Limits shared by every replica through one Redis. Commands fail fast instead of queueing while
 * Redis is unreachable (no offline queue, one bounded attempt); the caller decides what a failure
 * means (FallbackLimitStore).
 */
export class RedisLimitStore implements LimitStore {
  readonly redis: Redis;
  private readonly commands: LimitCommands;

  constructor(
    private readonly options: RedisStoreOptions,
    onError: (error: Error) => void = () => {},
  ) {
    this.redis = new Redis(options.url, {
      commandTimeout: options.timeoutMs,
      connectTimeout: Math.max(options.timeoutMs, 1000),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // Keep trying to reconnect in the background, never more than every 2 s.
      retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    });
    // Without a listener ioredis would print every reconnection failure as an unhandled error.
    this.redis.on('error', onError);
    this.redis.defineCommand('takeTokens', { lua: TAKE_SCRIPT });
    this.redis.defineCommand('countEvent', { numberOfKeys: 1, lua: COUNT_SCRIPT });
    this.commands = this.redis as unknown as LimitCommands;
  }

  /** Resolves once connected (or rejects after the connect timeout): for start-up and tests. */
  async ready(): Promise<void> {
    if (this.redis.status === 'ready') return;
    const waitMs = Math.max(this.options.timeoutMs, 1000);
    await new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        reject(new Error(`Redis at ${redacted(this.options.url)} did not answer within ${waitMs} ms`));
      }, waitMs);
      this.redis.once('ready', onReady);
    });
  }

  async take(buckets: readonly BucketSpec[]): Promise<TakeResult> {
    const keys = buckets.map((bucket) => this.options.prefix + bucket.key);
    const args = buckets.flatMap((bucket) => [bucket.capacity, bucket.periodMs]);
    const [empty, wait] = await this.commands.takeTokens(keys.length, ...keys, ...args);
    return { emptyBucket: Number(empty) - 1, retryAfterMs: Number(wait) };
  }

  async count(key: string, windowMs: number): Promise<WindowCount> {
    // The window comes from this replica's clock: its key names it, and NTP keeps replicas well within a window.
    const { start, end } = windowOf(Date.now(), windowMs);
    const count = await this.commands.countEvent(`${this.options.prefix}${key}:${start}`, windowMs + 1000);
    return { count: Number(count), windowEndsAt: end };
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

/** A Redis URL without its password, for messages. */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
