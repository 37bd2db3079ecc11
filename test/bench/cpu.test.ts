import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { cpuPerRequest } from '../../src/bench/cpu.js';
import { serverUrl } from '../support/postgres-admin.js';

/** The benchmark's CPU accounting: this process's time, and the database server's read from /proc. */
describe('CPU per request', () => {
  it('counts this process’s CPU, divided by the requests', async () => {
    // Each request spends at least 5 ms of CPU, whatever else the machine is doing (not 5 ms of wall time).
    const burn = async () => {
      const start = process.cpuUsage();
      for (;;) {
        const used = process.cpuUsage(start);
        if (used.user + used.system >= 5000) return;
      }
    };
    const cpu = await cpuPerRequest(burn, 20, 2, false);
    expect(cpu.node).toBeGreaterThanOrEqual(5);
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
