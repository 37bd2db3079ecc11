import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { AuditWriter } from '../../src/audit/writer.js';

const dataDir = join(mkdtempSync(join(tmpdir(), 'audit-cli-')), 'pglite');

function verify() {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts'], {
    env: { ...process.env, DATABASE_URL: '', PGLITE_DIR: dataDir },
    encoding: 'utf8',
  });
}

async function withDatabase(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>) {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await work(db);
  } finally {
    await db.close();
  }
}

describe('npm run audit:verify', () => {
  it('exits 0 with the count when the chain is intact, and 1 naming the first broken record', async () => {
    await withDatabase(async (db) => {
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
    expect(intact.stdout).toMatch(/audit chain intact: 5 records/);

    await withDatabase(async (db) => {
      await db.query('alter table audit.event disable trigger user');
      await db.query("update audit.event set subject = 'someone else' where seq = 3");
      await db.query('alter table audit.event enable trigger user');
    });
    const broken = verify();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN at record 3: record 3 was altered/);
  });

  it('prints usage with --help and exits 2 on an unknown option', () => {
    const help = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: npm run audit:verify/);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts', '--fix-it'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
