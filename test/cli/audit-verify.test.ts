import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateAll } from '../../src/subgraphs/migrate-all.js';
import { AuditWriter } from '../../src/audit/writer.js';
import type { AuditRecord } from '../../src/audit/record.js';
import { Checkpointer } from '../../src/audit/checkpointer.js';
import { loadCheckpointSigningKey } from '../../src/audit/checkpoint-keys.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/observability/log.js';
import { rewriteChainFrom, truncateChainAfter } from '../support/audit-tamper.js';
import { cli, commandDatabase, UNREACHABLE, type CommandDatabase } from './cli.js';

let database: CommandDatabase;
/** Development keys and the checkpoint file of this test file, never the checkout's .data. */
const dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
const checkpointEnv = { DEV_KEYS_DIR: join(dir, 'keys'), AUDIT_CHECKPOINT_FILE: join(dir, 'audit-checkpoints.jsonl') };
beforeAll(async () => (database = await commandDatabase()));
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

const verify = (...args: string[]) => cli(['audit', 'verify', ...args], { ...database.env, ...checkpointEnv });

function record(i: number): AuditRecord {
  return {
    recordedAt: new Date().toISOString(), requestId: `r${i}`, outcome: 'allowed', status: 200, code: null,
    department: 'health', subject: 'nurse', app: null, purpose: 'community-health-services', caseId: null,
    operationName: null, operationHash: null, citizenIds: [], fieldsReturned: ['Person.name'], fieldsDenied: [],
    durationMs: 3, clientAddress: null, asOf: null, unavailableSubgraphs: [],
  };
}

describe('city-population-gateway audit verify', () => {
  it('exits 0 with the count when the chain is intact, and 1 naming the first broken record', async () => {
    await database.use(async (db) => {
      await migrateAll(db);
      const writer = new AuditWriter(db);
      for (let i = 1; i <= 5; i++) await writer.append(record(i));
    });
    const intact = verify();
    expect(intact.status).toBe(0);
    // No gateway has signed this chain: said plainly, and not a failure outside production.
    expect(intact.stdout).toBe(
      'audit chain intact: 5 records\n' +
        `audit checkpoints not checked: ${checkpointEnv.AUDIT_CHECKPOINT_FILE} does not exist, so the chain was checked only against itself, ` +
        'which someone with the database superuser rights can rewrite undetected. Point AUDIT_CHECKPOINT_FILE at the file the gateway writes.\n',
    );
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

  it('exits 1 naming the checkpoint a superuser\'s rewrite or truncation contradicts, though the chain alone says intact', async () => {
    const own = await commandDatabase();
    const run = () => cli(['audit', 'verify'], { ...own.env, ...checkpointEnv });
    try {
      await own.use(async (db) => {
        await migrateAll(db);
        // The gateway's signer, on the same development key the command reads.
        const key = loadCheckpointSigningKey(loadConfig(checkpointEnv).auditCheckpoints);
        const signer = new Checkpointer({ file: checkpointEnv.AUDIT_CHECKPOINT_FILE, every: 4, intervalSeconds: 3600, key, logger: createLogger({ level: 'silent' }) });
        const writer = new AuditWriter(db, { onCommit: (head) => signer.onCommit(head) });
        for (let i = 1; i <= 10; i++) await writer.append(record(i));
        await signer.stop();
      });
      const intact = run();
      expect(intact.status).toBe(0);
      expect(intact.stdout).toMatch(/^audit chain intact: 10 records\naudit checkpoints agree: 3 signed checkpoints, the last at record 10 \(signed \S+\)\n$/);

      await own.use((db) => truncateChainAfter(db, 9));
      const truncated = run();
      expect(truncated.status).toBe(1);
      expect(truncated.stdout).toMatch(/^audit chain intact: 9 records\naudit checkpoints DISAGREE at record 10: record 10, signed in the checkpoint on line 3 .*, is gone: the chain ends at record 9/);

      await own.use((db) => rewriteChainFrom(db, 2, { subject: 'nobody' }));
      const rewritten = run();
      expect(rewritten.status).toBe(1);
      expect(rewritten.stdout).toMatch(/^audit chain intact: 9 records\naudit checkpoints DISAGREE at record 4: record 4 does not have the hash signed in the checkpoint on line 1 /);
    } finally {
      await own.close();
    }
  });

  it('with NODE_ENV=production, exits 1 when the checkpoint file is missing', () => {
    const production = { NODE_ENV: 'production', AUTH_HS256_SECRET: 's'.repeat(32), AUDIT_CHECKPOINT_PUBLIC_KEY_FILE: join(checkpointEnv.DEV_KEYS_DIR, 'audit-checkpoint.pub.pem') };
    const result = cli(['audit', 'verify'], { ...database.env, ...production, AUDIT_CHECKPOINT_FILE: join(dir, 'absent.jsonl') });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/\naudit checkpoints MISSING: \S+absent.jsonl does not exist, so the chain was checked only against itself/);
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
