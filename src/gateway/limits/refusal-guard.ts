import { randomUUID } from 'node:crypto';
import type { Rate } from '../../config.js';
import type { AuditWriter } from '../../audit/writer.js';
import type { callerColumns } from '../../audit/record.js';
import type { Logger } from '../../observability/log.js';
import { rateLimited, refusalsSuppressed } from '../../observability/metrics.js';
import { addressKey } from './client-address.js';
import type { LimitStore } from './store.js';
import { describeRate, tooManyRequests } from './too-many-requests.js';
import type { HttpError } from '../http-util.js';
import { remember } from './memory-store.js';

type Columns = ReturnType<typeof callerColumns>;
const NOBODY: Columns = { department: null, subject: null, app: null, purpose: null, caseId: null };

/** Whose refusals are counted together, and what their summary record says about them. */
export interface RefusalSource {
  /** Counted under this key: a client address, or a caller for its RATE_LIMITED refusals. */
  key: string;
  /**
   * The caller columns of the window's summary record: only what every refusal counted under
   * `key` shares (nobody, for a client address: its refusals may come from several callers).
   */
  columns: Columns;
  clientAddress: string | null;
  /** Set for a client address: past the limit, everything from it is answered 429 until the window closes. */
  blocksAddress?: string;
}

export type Admission = { record: true } | { record: false; answer: HttpError };

interface Summary {
  source: RefusalSource;
  windowStart: number;
  windowEnd: number;
  count: number;
}

/** Summaries waiting for their window to close, at most; past that they are merged into one per window. */
const MAX_PENDING = 10_000;
/** A summary that could not be written is tried again this much later. */
const RETRY_MS = 5000;

/**
 * Bounds what refused requests cost the audit log. The first `rate.count` refusals from one source
 * in a window each get their own audit record; past that they get none, only one
 * REFUSALS_SUPPRESSED record per source and window, written when the window closes (a timer, so
 * it is written even if the traffic stops) and on shutdown. A client address past its limit is
 * answered 429 before anything else is done for it until the window closes, so a flood of bad
 * tokens costs neither a signature check nor a database row per request.
 *
 * Counts live in the limit store (shared by replicas through Redis); the summaries are each
 * replica's own, so with N replicas a window leaves at most N summaries per source.
 */
export class RefusalGuard {
  private readonly blocked = new Map<string, number>();
  private readonly pending = new Map<string, Summary>();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private stopped = false;
  /** The flush under way, which stop() waits for before the database is let go. */
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: LimitStore,
    private readonly rate: Rate | null,
    private readonly writer: AuditWriter | null,
    private readonly logger: Logger,
  ) {}

  /** The source of refusals from a client address, whoever the callers behind it. */
  static fromAddress(clientAddress: string | undefined): RefusalSource {
    const key = addressKey(clientAddress);
    return { key: `address:${key}`, columns: NOBODY, clientAddress: clientAddress ?? null, blocksAddress: key };
  }

  /** The source of one caller's RATE_LIMITED refusals: the same caller, whatever purpose it declared. */
  static fromCaller(caller: { department: string; subject: string; app?: string }, clientAddress: string | undefined): RefusalSource {
    return {
      key: `caller:${JSON.stringify([caller.department, caller.subject, caller.app ?? null])}`,
      columns: { ...NOBODY, department: caller.department, subject: caller.subject, app: caller.app ?? null },
      clientAddress: clientAddress ?? null,
    };
  }

  /** Throws the 429 for a client address past its refusal limit in the current window. */
  checkAddress(clientAddress: string | undefined): void {
    if (!this.rate || this.blocked.size === 0) return;
    const key = addressKey(clientAddress);
    const until = this.blocked.get(key);
    if (until === undefined) return;
    if (until <= Date.now()) {
      this.blocked.delete(key);
      return;
    }
    this.suppress(RefusalGuard.fromAddress(clientAddress), until);
    throw this.answer(until);
  }

  /**
   * A refusal about to be answered: `record: true` while its source is within the limit; past
   * it, no record of its own (it is counted in the window's summary) and, for a client address,
   * the 429 to answer instead.
   */
  async admit(source: RefusalSource): Promise<Admission> {
    if (!this.rate) return { record: true };
    const { count, windowEndsAt } = await this.store.count(`refusals:${source.key}`, this.rate.periodMs);
    if (count <= this.rate.count) return { record: true };
    if (source.blocksAddress) remember(this.blocked, source.blocksAddress, windowEndsAt, MAX_PENDING);
    this.suppress(source, windowEndsAt);
    return { record: false, answer: this.answer(windowEndsAt) };
  }

  private answer(windowEnd: number): HttpError {
    rateLimited.inc({ limit: 'refusals' });
    const rate = this.rate!;
    return tooManyRequests(
      'refusals',
      `Too many refused requests from this client: the limit is ${describeRate(rate.count, rate.periodMs)}; fix what the earlier refusals named (token, purpose, request format).`,
      windowEnd - Date.now(),
    );
  }

  private suppress(source: RefusalSource, windowEnd: number): void {
    refusalsSuppressed.inc();
    const windowStart = windowEnd - this.rate!.periodMs;
    let id = `${source.key}|${windowEnd}`;
    if (!this.pending.has(id) && this.pending.size >= MAX_PENDING) {
      id = `*|${windowEnd}`;
      source = { key: '*', clientAddress: null, columns: NOBODY };
    }
    const summary = this.pending.get(id) ?? { source, windowStart, windowEnd, count: 0 };
    summary.count += 1;
    this.pending.set(id, summary);
    this.schedule(windowEnd);
  }

  private schedule(at: number): void {
    if (this.stopped || at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => void this.flush(false), Math.max(0, at - Date.now()) + 10);
    // The summaries of a process that exits anyway are written by stop(); the timer keeps nothing alive.
    this.timer.unref();
  }

  /** Writes the summaries of windows that have closed (all of them when `all`), one flush after another. */
  flush(all: boolean): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeDue(all)).catch((error: unknown) => this.logger.error({ err: error }, 'writing REFUSALS_SUPPRESSED summaries failed'));
    return this.flushing;
  }

  private async writeDue(all: boolean): Promise<void> {
    this.timer = null;
    this.timerAt = Infinity;
    const now = Date.now();
    const due = [...this.pending].filter(([, summary]) => all || summary.windowEnd <= now);
    for (const [id] of due) this.pending.delete(id);
    const results = await Promise.allSettled(due.map(([, summary]) => this.write(summary)));
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') return;
      const [id, summary] = due[i]!;
      this.logger.error({ err: result.reason }, 'could not write a REFUSALS_SUPPRESSED summary record; retrying');
      const merged = this.pending.get(id);
      if (merged) merged.count += summary.count;
      else this.pending.set(id, summary);
    });
    const next = Math.min(...[...this.pending.values()].map((summary) => summary.windowEnd));
    if (Number.isFinite(next)) this.schedule(results.some((r) => r.status === 'rejected') ? Math.max(next, now + RETRY_MS) : next);
  }

  private async write(summary: Summary): Promise<void> {
    if (!this.writer) return;
    const interval = `${new Date(summary.windowStart).toISOString()}/${new Date(summary.windowEnd).toISOString()}`;
    await this.writer.append({
      recordedAt: new Date().toISOString(),
      requestId: randomUUID(),
      outcome: 'refused',
      status: 429,
      code: 'REFUSALS_SUPPRESSED',
      ...summary.source.columns,
      // The one free-text column a record has: how many refusals, and when (ISO 8601 interval).
      operationName: `${summary.count} refusals without their own record in ${interval}`,
      operationHash: null,
      citizenIds: [],
      fieldsReturned: [],
      fieldsDenied: [],
      durationMs: summary.windowEnd - summary.windowStart,
      clientAddress: summary.source.clientAddress,
      asOf: null,
      unavailableSubgraphs: [],
    });
  }

  /** Writes every pending summary, closed window or not: on shutdown. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.flush(true);
  }
}
