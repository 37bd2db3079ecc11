import type { Caller } from '../../auth/caller.js';
import type { Rate } from '../../config.js';
import { rateLimited } from '../../observability/metrics.js';
import type { BucketSpec, LimitStore } from './store.js';
import { describeRate, tooManyRequests, type LimitName } from './too-many-requests.js';

export interface CallerRates {
  department: Rate | null;
  subject: Rate | null;
  app: Rate | null;
}

/**
 * Token buckets per department, per subject and per application, all three taken at once.
 *
 * Three buckets rather than one combined key, because they bound different failures: the
 * department bucket caps what one department costs everyone else however many officers and
 * applications it runs; the subject bucket caps one person or one stolen token; the application
 * bucket caps a runaway batch job that runs under many subjects. A combined department/subject/app
 * key would bound none of these when the other two parts vary. A token without an `app` claim
 * takes from no application bucket (its subject's still applies).
 */
export class CallerRateLimits {
  constructor(
    private readonly store: LimitStore,
    private readonly rates: CallerRates,
  ) {}

  /** Takes one request from the caller's buckets; throws a 429 (RATE_LIMITED) when any is empty. */
  async take(caller: Caller): Promise<void> {
    const limits: { name: LimitName; rate: Rate; bucket: BucketSpec; who: string }[] = [];
    const add = (name: LimitName, rate: Rate | null, key: string, who: string) => {
      if (rate) limits.push({ name, rate, who, bucket: { key, capacity: rate.count, periodMs: rate.periodMs } });
    };
    // JSON keeps the parts apart whatever characters a subject or app name holds.
    add('department', this.rates.department, `rate:department:${JSON.stringify([caller.department])}`, `department ${caller.department}`);
    add('subject', this.rates.subject, `rate:subject:${JSON.stringify([caller.department, caller.subject])}`, `subject ${caller.subject} of ${caller.department}`);
    if (caller.app) add('app', this.rates.app, `rate:app:${JSON.stringify([caller.department, caller.app])}`, `application ${caller.app} of ${caller.department}`);
    if (limits.length === 0) return;
    const { emptyBucket, retryAfterMs } = await this.store.take(limits.map((limit) => limit.bucket));
    if (emptyBucket < 0) return;
    const { name, rate, who } = limits[emptyBucket]!;
    rateLimited.inc({ limit: name });
    throw tooManyRequests(name, `Rate limit reached: the ${name} limit is ${describeRate(rate.count, rate.periodMs)} requests for ${who}.`, retryAfterMs);
  }
}
