import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, commandDatabase, UNREACHABLE, type CommandDatabase } from './cli.js';

let database: CommandDatabase;
beforeAll(async () => (database = await commandDatabase()));
afterAll(() => database?.close());

describe('city-population-gateway seed', () => {
  it('seeds an empty database, printing the summary on stdout and, for a few people, no progress', async () => {
    const result = cli(['seed', '--persons', '40', '--seed', '7'], database.env);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^seeded 40 people \(\d+ rows in \d+ tables\) into (PostgreSQL|PGlite \(.+\)) in [\d.]+ s \([\d,]+ people\/s\), seed 7\n$/);
    expect(result.stderr).toBe('');
    const [row] = await database.use((db) => db.query<{ n: number | string }>('select count(*) as n from registry.person'));
    expect(Number(row!.n)).toBe(40);
  });

  it('refuses a database that already holds people: exit 1, nothing on stdout', () => {
    const result = cli(['seed', '--persons', '40'], database.env);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Refusing to seed: the database already holds 40 people/);
  });

  it('exits 2 on a bad --persons, with the message and usage on stderr and nothing on stdout', () => {
    const result = cli(['seed', '--persons', '0'], database.env);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^--persons must be a whole number from 1 to 10000000, got "0"\n\nUsage: city-population-gateway seed/);
  });

  it('exits 3 when the database cannot be reached', () => {
    const result = cli(['seed', '--persons', '40'], UNREACHABLE);
    expect(result.status).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Cannot reach the database/);
  });
});
