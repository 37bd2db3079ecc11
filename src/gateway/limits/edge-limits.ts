import { DEFAULT_RATE_LIMITS, type RateLimitsConfig } from '../../config.js';
import type { AuditWriter } from '../../audit/writer.js';
import type { Logger } from '../../observability/log.js';
import { CallerRateLimits } from './caller-limits.js';
import { FallbackLimitStore } from './fallback-store.js';
import { MemoryLimitStore } from './memory-store.js';
import { RedisLimitStore, redacted } from './redis-store.js';
import { RefusalGuard } from './refusal-guard.js';
import type { LimitStore } from './store.js';

/** The request limits of one gateway: callers' token buckets and the refusal limit per source. */
export interface EdgeLimits {
  callers: CallerRateLimits;
  refusals: RefusalGuard;
  /** Resolves once the limit store answers (Redis connected); rejects if it cannot be reached in time. */
  ready(): Promise<void>;
  /** Writes the pending refusal summaries, then lets go of the store. */
  stop(): Promise<void>;
}

/** In memory, or in Redis (falling back to memory while it fails) when `redisUrl` is set. */
function createLimitStore(config: Pick<RateLimitsConfig, 'redisUrl' | 'redisPrefix' | 'redisTimeoutMs'>, logger: Logger): LimitStore {
  if (!config.redisUrl) return new MemoryLimitStore();
  let down = false;
  const redis = new RedisLimitStore({ url: config.redisUrl, prefix: config.redisPrefix, timeoutMs: config.redisTimeoutMs }, (error) => {
    if (!down) logger.warn({ err: error, redis: redacted(config.redisUrl!) }, 'Redis (rate limits) unreachable: limiting per replica until it is back');
    down = true;
  });
  redis.redis.on('ready', () => {
    if (down) logger.info({ redis: redacted(config.redisUrl!) }, 'Redis (rate limits) reachable again: limits shared by replicas');
    down = false;
  });
  return new FallbackLimitStore(redis, logger);
}

export function createEdgeLimits(config: RateLimitsConfig = DEFAULT_RATE_LIMITS, writer: AuditWriter | null, logger: Logger, store = createLimitStore(config, logger)): EdgeLimits {
  const refusals = new RefusalGuard(store, config.refusals, writer, logger);
  return {
    callers: new CallerRateLimits(store, config),
    refusals,
    ready: () => store.ready(),
    async stop() {
      await refusals.stop();
      await store.close();
    },
  };
}
