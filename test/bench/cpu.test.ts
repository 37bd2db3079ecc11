import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { cpuPerRequest } from '../../src/bench/cpu.js';
import { serverUrl } from '../support/postgres-admin.js';

/** The benchmark's CPU accounting: this process's time, and the database server's read from /proc. */
describe('CPU per request', () => {
  it('counts this process’s CPU, divided by the requests', async () => {
    const burn = async () => {
      const until = process.hrtime.bigint() + 5_000_000n;
      while (process.hrtime.bigint() < until);
    };
    const cpu = await cpuPerRequest(burn, 20, 2, false);
    expect(cpu.node).toBeGreaterThan(4);
    expect(cpu.node).toBeLessThan(50);
    expect(cpu.postgres).toBeNull();
  });

  it('counts the PostgreSQL server’s CPU from /proc, where it does the work', async () => {
    const client = new pg.Client({ connectionString: serverUrl.toString() });
    await client.connect();
    try {
      const cpu = await cpuPerRequest(() => client.query('select count(*) from generate_series(1, 2000000)'), 5, 1, true);
      // About 100 ms of the server's CPU per request on this machine; /proc counts in 10 ms ticks.
      expect(cpu.postgres).not.toBeNull();
      expect(cpu.postgres!).toBeGreaterThan(20);
      expect(cpu.node).toBeLessThan(cpu.postgres!);
    } finally {
      await client.end();
    }
  });
});
