import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { AuditWriter } from '../../src/audit/writer.js';
import { cli, commandDatabase, UNREACHABLE, type CommandDatabase } from './cli.js';

let database: CommandDatabase;
beforeAll(async () => (database = await commandDatabase()));
afterAll(() => database?.close());

const verify = (...args: string[]) => cli(['audit', 'verify', ...args], database.env);

describe('city-population-gateway audit verify', () => {
  it('exits 0 with the count when the chain is intact, and 1 naming the first broken record', async () => {
    await database.use(async (db) => {
      await migrate(db);
      const writer = new AuditWriter(db);
      for (let i = 1; i <= 5; i++) {
        await writer.append({
          recordedAt: new Date().toISOString(), requestId: `r${i}`, outcome: 'allowed', status: 200, code: null,
          department: 'health', subject: 'nurse', app: null, purpose: 'community-health-services', caseId: null,
          operationName: null, operationHash: null, citizenIds: [], fieldsReturned: ['Person.name'], fieldsDenied: [],
          durationMs: 3, clientAddress: null,
        });
      }
    });
    const intact = verify();
    expect(intact.status).toBe(0);
    expect(intact.stdout).toBe('audit chain intact: 5 records\n');
    expect(intact.stderr).toBe(''); // five records: no progress

    await database.use(async (db) => {
      await db.query('alter table audit.event disable trigger user');
      await db.query("update audit.event set subject = 'someone else' where seq = 3");
      await db.query('alter table audit.event enable trigger user');
    });
    const broken = verify();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN at record 3: record 3 was altered/);
  });

  it('exits 2 on an unknown option, with the usage on stderr and nothing on stdout', () => {
    const bad = verify('--fix-it');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^Unknown option '--fix-it'[\s\S]*Usage: city-population-gateway audit verify/);
  });

  it('exits 3 when the database cannot be reached', () => {
    const result = cli(['audit', 'verify'], UNREACHABLE);
    expect(result.status).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Cannot reach the database/);
  });
});
