import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, commandDatabase, UNREACHABLE, type CommandDatabase } from './cli.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

let database: CommandDatabase;
beforeAll(async () => (database = await commandDatabase()));
afterAll(() => database?.close());

describe('city-population-gateway migrate', () => {
  it('applies every migration to an empty database and says how many', async () => {
    const result = cli(['migrate'], database.env);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Applied [1-9]\d* migration\(s\)\.\n$/);
    const tables = await database.use((db) => db.query("select 1 from information_schema.tables where table_schema = 'audit' and table_name = 'event'"));
    expect(tables).toHaveLength(1);
  });

  it('exits 2 on an argument it does not take, with the usage on stderr and nothing on stdout', () => {
    const result = cli(['migrate', 'now'], database.env);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Unexpected argument 'now'[\s\S]*Usage: city-population-gateway migrate/);
  });

  it('exits 3 when the database cannot be reached, saying what to check', () => {
    const result = cli(['migrate'], UNREACHABLE);
    expect(result.status).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Cannot reach the database \(ECONNREFUSED\).*Check DATABASE_URL/);
  });

  it('exits 3, instead of waiting forever, when the database accepts connections and never answers', async () => {
    // A port that accepts and then swallows every byte: a database host gone without a word.
    const silent = await startTcpProxy({ host: '127.0.0.1', port: 1 });
    silent.blackHole();
    try {
      const result = cli(['migrate'], { DATABASE_URL: `postgres://postgres@127.0.0.1:${silent.port}/x`, DATABASE_CONNECT_TIMEOUT: '500ms' });
      expect(result.status).toBe(3);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^Cannot reach the database \(no answer in time\).*DATABASE_CONNECT_TIMEOUT/);
    } finally {
      await silent.close();
    }
  });
});
