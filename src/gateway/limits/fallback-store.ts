import type { Logger } from '../../observability/log.js';
import { rateLimitStoreErrors } from '../../observability/metrics.js';
import { MemoryLimitStore } from './memory-store.js';
import type { BucketSpec, LimitStore, TakeResult, WindowCount } from './store.js';

/** At most one warning per this long while the shared store keeps failing. */
const WARN_EVERY_MS = 10_000;

/**
 * The shared store (Redis), and this replica's memory when it fails or times out.
 *
 * Fail open to a per-replica limit rather than closed: the limits protect capacity, they grant
 * nothing. Every request is still authenticated, checked against the policy and audited (the audit
 * is fail-closed in the database, which does not depend on Redis). With Redis down, N replicas
 * let through at most N times the shared limit, which still bounds a runaway client, whereas
 * failing closed would turn a cache outage into a gateway outage for every department.
 */
export class FallbackLimitStore implements LimitStore {
  private readonly local = new MemoryLimitStore();
  private lastWarning = 0;

  constructor(
    private readonly shared: LimitStore,
    private readonly logger: Logger,
  ) {}

  take(buckets: readonly BucketSpec[]): Promise<TakeResult> {
    return this.shared.take(buckets).catch((error: unknown) => this.fellBack(error, () => this.local.take(buckets)));
  }

  count(key: string, windowMs: number): Promise<WindowCount> {
    return this.shared.count(key, windowMs).catch((error: unknown) => this.fellBack(error, () => this.local.count(key, windowMs)));
  }

  private fellBack<T>(error: unknown, local: () => Promise<T>): Promise<T> {
    rateLimitStoreErrors.inc();
    const now = Date.now();
    if (now - this.lastWarning >= WARN_EVERY_MS) {
      this.lastWarning = now;
      this.logger.warn({ err: error }, 'rate-limit store (Redis) failed: limiting in this replica only until it answers again');
    }
    return local();
  }

  ready(): Promise<void> {
    return this.shared.ready();
  }

  async close(): Promise<void> {
    await Promise.all([this.shared.close(), this.local.close()]);
  }
}
