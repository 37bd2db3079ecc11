import { describe, expect, it } from 'vitest';
import { soak } from '../../src/bench/soak.js';

describe('the soak', () => {
  it('keeps the requests in flight for the duration, samples memory, and counts failures', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    const result = await soak(
      async (i) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        if (i % 10 === 9) throw new Error('refused');
      },
      { durationMs: 1200, concurrency: 4, sampleEveryMs: 200, onSample: (s) => seen.push(s.at) },
    );
    expect(most).toBe(4);
    expect(result.requests).toBeGreaterThan(100);
    expect(result.failures).toBe(Math.floor(result.requests / 10));
    expect(result.firstFailure).toBe('refused');
    expect(result.samples.length).toBeGreaterThanOrEqual(5);
    expect(seen).toEqual(result.samples.map((s) => s.at));
    expect(result.samples.at(-1)!.requests).toBe(result.requests);
    expect(result.samples.every((s) => s.oldMb > 0 && s.heapMb >= s.oldMb && s.rssMb >= s.heapMb)).toBe(true);
  });

  it('reports a heap that keeps growing', async () => {
    const kept: unknown[] = [];
    const result = await soak(
      async () => {
        kept.push(new Array(20_000).fill({ held: true }));
        await new Promise((resolve) => setImmediate(resolve));
      },
      { durationMs: 1500, concurrency: 2, sampleEveryMs: 150 },
    );
    expect(result.heapGrowth).toBeGreaterThan(1.2);
  });
});
