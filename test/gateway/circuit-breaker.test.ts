import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/gateway/circuit-breaker.js';

/** The breaker in front of each subgraph service, on a clock the test moves. */
function breaker() {
  let now = 0;
  const changes: boolean[] = [];
  const b = new CircuitBreaker({ threshold: 3, cooldownMs: 1000, onChange: (open) => changes.push(open) }, () => now);
  return { b, changes, advance: (ms: number) => void (now += ms) };
}

describe('a circuit breaker', () => {
  it('opens after `threshold` failures in a row, not after failures a success interrupted', () => {
    const { b, changes } = breaker();
    b.failure();
    b.failure();
    b.success();
    b.failure();
    b.failure();
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.allow()).toBe(false);
    expect(changes).toEqual([true]);
  });

  it('lets one probe through after the cooldown, and only one; closes when it succeeds', () => {
    const { b, changes, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failure();
    advance(999);
    expect(b.allow()).toBe(false);
    advance(1);
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false);
    b.success();
    expect(b.allow()).toBe(true);
    expect(changes).toEqual([true, false]);
  });

  it('opens again for a whole cooldown when the probe fails', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failure();
    advance(1000);
    expect(b.allow()).toBe(true);
    b.failure();
    advance(999);
    expect(b.allow()).toBe(false);
    advance(1);
    expect(b.allow()).toBe(true);
  });

  it('hands the probe to the next fetch at once when the probe proved nothing (refused for its caller)', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failure();
    advance(1000);
    expect(b.allow()).toBe(true);
    b.inconclusive();
    expect(b.allow()).toBe(true);
    expect(b.isOpen).toBe(true);
    b.success();
    expect(b.isOpen).toBe(false);
  });

  it('takes an inconclusive fetch while closed as nothing at all', () => {
    const { b } = breaker();
    b.failure();
    b.failure();
    b.inconclusive();
    b.failure();
    expect(b.allow()).toBe(false);
  });
});
