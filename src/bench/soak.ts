import { getHeapSpaceStatistics } from 'node:v8';

/**
 * A bounded soak: requests kept in flight for a fixed time while this process's memory is sampled,
 * to show that serving (policy, audit, caches, connection pools) holds no memory per request. The
 * caches are bounded by construction (documents, plans, verified tokens); this is the measurement
 * that they are, and that nothing else grows.
 */

export interface SoakSample {
  /** Seconds since the soak began. */
  at: number;
  requests: number;
  rssMb: number;
  heapMb: number;
  /** The heap outside the young generation: what outlives requests. The whole heap swings by the young generation's size (2 × 64 MB) between scavenges. */
  oldMb: number;
}

export interface SoakResult {
  samples: SoakSample[];
  requests: number;
  failures: number;
  /** What the first failure said, if any failed. */
  firstFailure: string | null;
  /** The largest old heap (`oldMb`) of the last third of the samples over the largest of the first third (after warm-up). */
  heapGrowth: number;
}

/** How much the late heap may exceed the early one and still count as flat. */
export const FLAT_HEAP_GROWTH = 1.2;

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function soak(run: (i: number) => Promise<unknown>, options: { durationMs: number; concurrency: number; sampleEveryMs: number; onSample?: (sample: SoakSample) => void }): Promise<SoakResult> {
  const { durationMs, concurrency, sampleEveryMs, onSample } = options;
  const started = Date.now();
  const samples: SoakSample[] = [];
  let requests = 0;
  let failures = 0;
  let firstFailure: string | null = null;
  let next = 0;
  const sample = () => {
    const memory = process.memoryUsage();
    const old = getHeapSpaceStatistics().reduce((sum, space) => sum + (space.space_name === 'new_space' ? 0 : space.space_used_size), 0);
    const taken = { at: Math.round((Date.now() - started) / 1000), requests, rssMb: mb(memory.rss), heapMb: mb(memory.heapUsed), oldMb: mb(old) };
    samples.push(taken);
    onSample?.(taken);
  };
  const timer = setInterval(sample, sampleEveryMs);
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() - started < durationMs) {
          try {
            await run(next++);
          } catch (error) {
            failures++;
            firstFailure ??= error instanceof Error ? error.message : String(error);
          }
          requests++;
        }
      }),
    );
  } finally {
    clearInterval(timer);
  }
  sample();
  const third = Math.max(1, Math.floor(samples.length / 3));
  // The first sample is the warm-up (caches filling, JIT compiling): left out of the early third.
  const early = samples.slice(1, 1 + third);
  const late = samples.slice(-third);
  const largest = (list: SoakSample[]) => Math.max(...list.map((s) => s.oldMb));
  return { samples, requests, failures, firstFailure, heapGrowth: early.length > 0 ? largest(late) / largest(early) : 1 };
}
