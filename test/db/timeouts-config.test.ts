import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const url = 'postgres://gateway@db.example/population';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('database timeouts in the configuration', () => {
  it('default to limits a normal request never meets', () => {
    const { database } = loadConfig({ DATABASE_URL: url });
    expect(database).toMatchObject({
      kind: 'postgres',
      timeouts: { connectMs: 5000, statementMs: 5000, queryMs: 6000, idleInTransactionMs: 10_000, keepAliveDelayMs: 10_000 },
    });
  });

  it('read durations with a unit or as milliseconds', () => {
    const { database } = loadConfig({
      DATABASE_URL: url,
      DATABASE_CONNECT_TIMEOUT: '2s',
      DATABASE_STATEMENT_TIMEOUT: '1500',
      DATABASE_QUERY_TIMEOUT: '3s',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: '1m',
      DATABASE_KEEPALIVE_DELAY: '250ms',
    });
    expect(database).toMatchObject({
      timeouts: { connectMs: 2000, statementMs: 1500, queryMs: 3000, idleInTransactionMs: 60_000, keepAliveDelayMs: 250 },
    });
  });

  it('refuse unreadable, zero and day-long durations, all reported together', () => {
    const problems = problemsOf({ DATABASE_URL: url, DATABASE_CONNECT_TIMEOUT: 'soon', DATABASE_STATEMENT_TIMEOUT: '0', DATABASE_KEEPALIVE_DELAY: '25h' });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^DATABASE_CONNECT_TIMEOUT must be a duration .* got "soon"$/);
    expect(problems[1]).toMatch(/^DATABASE_STATEMENT_TIMEOUT must be a duration .* got "0"$/);
    expect(problems[2]).toMatch(/^DATABASE_KEEPALIVE_DELAY must be a duration/);
  });

  it('refuse a query timeout that would give up a live connection before Postgres stops its statement', () => {
    const problems = problemsOf({ DATABASE_URL: url, DATABASE_STATEMENT_TIMEOUT: '10s', DATABASE_QUERY_TIMEOUT: '10s' });
    expect(problems).toEqual([expect.stringMatching(/DATABASE_QUERY_TIMEOUT \(10000 ms\) must be longer than DATABASE_STATEMENT_TIMEOUT \(10000 ms\)/)]);
  });
});
