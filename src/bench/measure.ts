/** Timing helpers for the benchmark. Wall-clock, so only ratios within one run mean anything. */

export interface Timing {
  median: number;
  p95: number;
  samples: number;
}

export function summarise(samplesMs: number[]): Timing {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), samples: sorted.length };
}

/**
 * Runs the contenders alternately, `rounds` times each, after `warmup` untimed rounds: the same
 * inputs for each in the same round, so a slow patch of the machine hurts both alike. Who goes
 * first rotates every round: the first to read a person finds colder caches than the next.
 */
export async function race<Input>(
  contenders: Record<string, (input: Input) => Promise<unknown>>,
  inputs: (round: number) => Input,
  rounds: number,
  warmup: number,
): Promise<Record<string, Timing>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let round = -warmup; round < rounds; round++) {
    const input = inputs(round + warmup);
    const order = Object.entries(contenders);
    const shift = ((round % order.length) + order.length) % order.length;
    for (const [name, run] of [...order.slice(shift), ...order.slice(0, shift)]) {
      const start = process.hrtime.bigint();
      await run(input);
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      if (round >= 0) samples[name]!.push(elapsed);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, summarise(s)]));
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
