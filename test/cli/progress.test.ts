import { describe, expect, it } from 'vitest';
import { progress } from '../../src/cli/progress.js';

/** A stream that keeps what is written, and a clock the test moves. */
function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, columns: 200, write: (text: string) => writes.push(text) };
}
function fakeClock() {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

describe('progress on stderr', () => {
  it('writes one plain line at each tenth when not on a terminal, the last one saying how long it took', () => {
    const stream = fakeStream(false);
    const clock = fakeClock();
    const bar = progress({ label: 'seeding', unit: 'people', total: 1_000_000, stream, now: clock.now });
    for (let done = 10_000; done <= 1_000_000; done += 10_000) {
      clock.advance(200); // 50,000 people/s
      bar.update(done);
    }
    bar.end();
    expect(stream.writes).toHaveLength(10);
    expect(stream.writes.every((w) => w.endsWith('\n') && !w.includes('\r'))).toBe(true);
    expect(stream.writes[3]).toBe('seeding 40% 400,000/1,000,000 people, 50,000/s, ~12 s left\n');
    expect(stream.writes[9]).toBe('seeding 100% 1,000,000/1,000,000 people, 50,000/s, done in 20.0 s\n');
  });

  it('prints nothing at all for a small total', () => {
    for (const isTTY of [false, true]) {
      const stream = fakeStream(isTTY);
      const bar = progress({ label: 'seeding', unit: 'people', total: 5_000, stream });
      for (let done = 500; done <= 5_000; done += 500) bar.update(done);
      bar.end();
      expect(stream.writes).toEqual([]);
    }
    const empty = fakeStream(false);
    progress({ label: 'verifying', unit: 'records', total: 0, stream: empty, quietBelow: 0 }).update(0);
    expect(empty.writes).toEqual([]);
  });

  it('on a terminal redraws one bar in place at most four times a second, ending with a newline', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const bar = progress({ label: 'verifying', unit: 'records', total: 100_000, stream, now: clock.now });
    for (let done = 1_000; done <= 100_000; done += 1_000) {
      clock.advance(50); // 100 updates over 5 s: 20 redraws at most
      bar.update(done);
    }
    bar.end();
    expect(stream.writes.length).toBeLessThanOrEqual(21);
    expect(stream.writes.length).toBeGreaterThanOrEqual(19);
    expect(stream.writes.every((w) => w.startsWith('\r'))).toBe(true);
    expect(stream.writes.slice(0, -1).some((w) => w.includes('\n'))).toBe(false);
    expect(stream.writes.at(-1)).toBe('\rverifying [####################] 100% 100,000/100,000 records, 20,000/s, done in 5.0 s\x1b[K\n');
    expect(stream.writes[7]).toBe('\rverifying [#######-------------] 36% 36,000/100,000 records, 20,000/s, ~4 s left\x1b[K');
  });

  it('ends an unfinished bar with a newline, so what follows starts on its own line', () => {
    const stream = fakeStream(true);
    const bar = progress({ label: 'verifying', unit: 'records', total: 100_000, stream, now: fakeClock().now });
    bar.update(30_000);
    bar.end();
    bar.end();
    expect(stream.writes).toHaveLength(2);
    expect(stream.writes[1]).toBe('\n');
  });

  it('cuts the bar to the terminal width, so \\r rewrites the whole of it', () => {
    const stream = { ...fakeStream(true), columns: 40 };
    progress({ label: 'exporting', unit: 'records', total: 100_000, stream }).update(10);
    expect(stream.writes[0]!.replace('\r', '').replace('\x1b[K', '').length).toBe(39);
  });
});
