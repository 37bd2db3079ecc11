import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { AuditWriter } from '../../src/audit/writer.js';
import { verifyChain } from '../../src/audit/verify.js';
import type { AuditRecord } from '../../src/audit/record.js';
import { Checkpointer } from '../../src/audit/checkpointer.js';
import { keyIdOf, parseCheckpointLine, signCheckpoint, checkpointLine, type SignedCheckpoint } from '../../src/audit/checkpoint.js';
import { verifyCheckpoints } from '../../src/audit/checkpoint-verify.js';
import { loadCheckpointPublicKeys, loadCheckpointSigningKey } from '../../src/audit/checkpoint-keys.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/observability/log.js';
import { observeCheckpointFailed } from '../../src/observability/observe.js';
import { openTestDatabase } from '../support/database.js';
import { startTestGateway } from '../support/gateway.js';
import { rewriteChainFrom, truncateChainAfter } from '../support/audit-tamper.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'checkpoints-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

let database: Database | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await database?.close();
  database = undefined;
});

const quiet = createLogger({ level: 'silent' });
const { privateKey, publicKey } = generateKeyPairSync('ed25519');

function checkpointer(file: string, options: { every?: number; intervalSeconds?: number; key?: KeyObject; logger?: Logger } = {}) {
  return new Checkpointer({ file, every: 10, intervalSeconds: 3600, key: privateKey, logger: quiet, ...options });
}

function sampleRecord(i: number): AuditRecord {
  return {
    recordedAt: new Date(Date.UTC(2026, 10, 26, 8, 0, i % 60, i)).toISOString(),
    requestId: `request-${i}`,
    outcome: 'allowed',
    status: 200,
    code: null,
    department: 'education',
    subject: `teacher-${i % 4}`,
    app: null,
    purpose: 'school-enrolment',
    caseId: null,
    operationName: 'Enrol',
    operationHash: 'a'.repeat(64),
    citizenIds: ['440106199001011235'],
    fieldsReturned: ['Person.name'],
    fieldsDenied: [],
    durationMs: i,
    clientAddress: '127.0.0.1',
    asOf: null,
    unavailableSubgraphs: [],
  };
}

/** Appends `rounds` × `perRound` records, each round one group commit awaited before the next. */
async function appendInRounds(writer: AuditWriter, rounds: number, perRound: number, from = 1): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const first = from + round * perRound;
    await Promise.all(Array.from({ length: perRound }, (_, i) => writer.append(sampleRecord(first + i))));
  }
}

function readCheckpoints(file: string): SignedCheckpoint[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => parseCheckpointLine(line) as SignedCheckpoint);
}

const verifyFile = (db: Database, file: string, keys: KeyObject[] = [publicKey]) => verifyCheckpoints(db, { file, publicKeys: keys });

/** 35 records with checkpoints at 10, 20, 30 and, on stop, 35. */
async function checkpointedChain() {
  database = await openTestDatabase();
  const file = join(tempDir(), 'audit-checkpoints.jsonl');
  const signer = checkpointer(file, { every: 10 });
  await appendInRounds(new AuditWriter(database, { onCommit: (head) => signer.onCommit(head) }), 7, 5);
  await signer.stop();
  return { db: database, file };
}

describe('signed audit checkpoints', () => {
  it('are written every N records and once more on a graceful stop, each signed by the configured key', async () => {
    database = await openTestDatabase();
    const file = join(tempDir(), 'audit-checkpoints.jsonl');
    const signer = checkpointer(file, { every: 10 });
    await appendInRounds(new AuditWriter(database, { onCommit: (head) => signer.onCommit(head) }), 7, 5);
    await signer.idle();
    expect(readCheckpoints(file).map((c) => c.seq)).toEqual([10, 20, 30]);

    await signer.stop();
    const checkpoints = readCheckpoints(file);
    expect(checkpoints.map((c) => c.seq)).toEqual([10, 20, 30, 35]);
    const [record35] = await database.query<{ hash: string }>('select hash from audit.event where seq = 35');
    expect(checkpoints.at(-1)).toMatchObject({ hash: record35!.hash, keyId: keyIdOf(publicKey) });
    expect(await verifyFile(database, file)).toMatchObject({ status: 'agrees', checkpoints: 4, last: { seq: 35 }, chainEnd: 35 });
  });

  it('are written at least every interval while the chain grows, and not while it stands still', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    database = await openTestDatabase();
    const file = join(tempDir(), 'audit-checkpoints.jsonl');
    const signer = checkpointer(file, { every: 1000, intervalSeconds: 60 });
    const writer = new AuditWriter(database, { onCommit: (head) => signer.onCommit(head) });
    await appendInRounds(writer, 1, 3);
    await signer.idle();
    const lines = () => (statSync(file, { throwIfNoEntry: false }) ? readCheckpoints(file).map((c) => c.seq) : []);
    expect(lines()).toEqual([]); // 3 records: under N, and no interval has passed

    vi.advanceTimersByTime(60_000);
    await signer.idle();
    expect(lines()).toEqual([3]);

    vi.advanceTimersByTime(5 * 60_000); // five more intervals, no new record
    await signer.idle();
    expect(lines()).toEqual([3]);

    await appendInRounds(writer, 1, 2, 4);
    vi.advanceTimersByTime(60_000);
    await signer.idle();
    expect(lines()).toEqual([3, 5]);

    await signer.stop(); // nothing new since the last checkpoint: no extra line
    expect(lines()).toEqual([3, 5]);
  });

  it('name the first checkpoint after a record a superuser rewrote with every later hash and the chain head recomputed, which the chain alone accepts', async () => {
    const { db, file } = await checkpointedChain();
    await rewriteChainFrom(db, 14, { department: 'tax' });
    expect(await verifyChain(db)).toEqual({ intact: true, count: 35 }); // consistent with itself again
    expect(await verifyFile(db, file)).toEqual({
      status: 'disagrees',
      line: 2,
      seq: 20,
      problem: expect.stringMatching(/^record 20 does not have the hash signed in the checkpoint on line 2 \(signed .+ by ed25519:[0-9a-f]{32}\): the chain was rewritten at or before record 20/),
    });
  });

  it('catch a chain cut short with its head moved back, which the chain alone accepts', async () => {
    const { db, file } = await checkpointedChain();
    await truncateChainAfter(db, 27);
    expect(await verifyChain(db)).toEqual({ intact: true, count: 27 });
    expect(await verifyFile(db, file)).toMatchObject({
      status: 'disagrees',
      line: 3,
      seq: 30,
      problem: expect.stringMatching(/^record 30, signed in the checkpoint on line 3 .*, is gone: the chain ends at record 27 \(records were removed from its end\)/),
    });
  });

  it('refuse a forged or altered checkpoint line, naming the line', async () => {
    const { db, file } = await checkpointedChain();
    const genuine = readFileSync(file, 'utf8');
    const lines = genuine.split('\n').filter(Boolean);

    // A genuine line with the hash of the rewritten chain put in: the signature no longer holds.
    const altered = { ...JSON.parse(lines[1]!), hash: 'b'.repeat(64) };
    writeFileSync(file, [lines[0], JSON.stringify(altered), ...lines.slice(2)].join('\n') + '\n');
    expect(await verifyFile(db, file)).toMatchObject({
      status: 'disagrees',
      line: 2,
      seq: 20,
      problem: expect.stringMatching(/the checkpoint on line 2 \(record 20, .*\) does not carry a valid signature by ed25519:[0-9a-f]{32}: it was forged or altered/),
    });

    // Signed properly, but by a key that is not the gateway's.
    const stranger = generateKeyPairSync('ed25519').privateKey;
    writeFileSync(file, genuine);
    appendFileSync(file, checkpointLine(signCheckpoint({ seq: 5, hash: 'c'.repeat(64), recordedAt: new Date().toISOString() }, stranger)));
    expect(await verifyFile(db, file)).toMatchObject({
      status: 'disagrees',
      line: 5,
      seq: 5,
      problem: expect.stringMatching(/the checkpoint on line 5 \(record 5, .*\) names key ed25519:[0-9a-f]{32}, but the keys given are ed25519:[0-9a-f]{32}/),
    });

    writeFileSync(file, genuine + 'seq=40 hash=whatever\n');
    expect(await verifyFile(db, file)).toMatchObject({ status: 'disagrees', line: 5, problem: expect.stringMatching(/line 5 of .* is not a checkpoint: it is not JSON/) });

    writeFileSync(file, genuine);
    expect(await verifyFile(db, file)).toMatchObject({ status: 'agrees', checkpoints: 4 });
    // Without the gateway's public key nothing can be believed.
    expect(await verifyFile(db, file, [])).toMatchObject({ status: 'disagrees', line: 1, problem: expect.stringMatching(/no public key is configured/) });
  });

  it('from several replicas, interleaved in one file, verify together', async () => {
    database = await openTestDatabase();
    const file = join(tempDir(), 'audit-checkpoints.jsonl');
    const signers = [checkpointer(file, { every: 3 }), checkpointer(file, { every: 3 })];
    const writers = signers.map((signer) => new AuditWriter(database!, { onCommit: (head) => signer.onCommit(head) }));
    for (let round = 0; round < 10; round++) {
      await Promise.all(Array.from({ length: 6 }, (_, i) => writers[i % 2]!.append(sampleRecord(round * 6 + i))));
    }
    await Promise.all(signers.map((s) => s.stop()));
    expect(await verifyChain(database)).toEqual({ intact: true, count: 60 });
    const seqs = readCheckpoints(file).map((c) => c.seq);
    expect(seqs.length).toBeGreaterThan(4);
    expect(Math.max(...seqs)).toBe(60);
    expect(await verifyFile(database, file)).toMatchObject({ status: 'agrees', last: { seq: 60 }, chainEnd: 60 });
  });

  it('say so when there is no checkpoint file, rather than pretending the chain was anchored', async () => {
    database = await openTestDatabase();
    const dir = tempDir();
    expect(await verifyFile(database, join(dir, 'absent.jsonl'))).toEqual({ status: 'none', reason: `${join(dir, 'absent.jsonl')} does not exist` });
    writeFileSync(join(dir, 'empty.jsonl'), '');
    expect(await verifyFile(database, join(dir, 'empty.jsonl'))).toMatchObject({ status: 'none', reason: expect.stringMatching(/holds no checkpoints/) });
  });
});

describe('signed audit checkpoints through the gateway', () => {
  it('agree with the chain after many requests, up to the last one', async () => {
    const file = join(tempDir(), 'audit-checkpoints.jsonl');
    const signer = checkpointer(file, { every: 7 });
    const gw = await startTestGateway({ persons: 30, auditCheckpoints: signer });
    try {
      const [{ citizen_id: id }] = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person limit 1')) as [{ citizen_id: string }];
      const education = await gw.headersFor('education', 'school-enrolment');
      for (let round = 0; round < 5; round++) {
        const answers = await Promise.all([
          ...Array.from({ length: 6 }, () => gw.query('query($id: CitizenId!) { person(citizenId: $id) { name } }', { id })),
          gw.query('query($id: CitizenId!) { person(citizenId: $id) { name tax { status } } }', { id }, education),
          gw.query('{ __typename }', {}, { authorization: 'Bearer not-a-token', 'x-purpose': 'school-enrolment' }),
        ]);
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 401]);
      }
      // What `npm start` does on SIGTERM once the requests in flight are answered.
      await gw.gateway.stop();
      const chain = await verifyChain(gw.database);
      expect(chain).toEqual({ intact: true, count: 40 });
      expect(await verifyFile(gw.database, file)).toMatchObject({ status: 'agrees', last: { seq: 40 }, chainEnd: 40 });
      expect(readCheckpoints(file).length).toBeGreaterThanOrEqual(2);
    } finally {
      await gw.close();
    }
  });

  it('are checked by the compliance API\'s chain verification, which names a recomputed rewrite the chain alone accepts', async () => {
    const file = join(tempDir(), 'audit-checkpoints.jsonl');
    const signer = checkpointer(file, { every: 5 });
    const gw = await startTestGateway({ persons: 5, auditCheckpoints: signer, checkpointVerification: { file, publicKeys: [publicKey], required: false } });
    const VERIFY = '{ auditChainVerification { intact checked brokenAt problem anchoredThrough checkpoints } }';
    try {
      for (let i = 0; i < 12; i++) expect((await gw.query('{ persons(citizenIds: []) { citizenId } }')).status).toBe(200);
      await signer.idle();
      const reviewer = await gw.headersFor('compliance', 'access-review');
      const intact = await gw.query(VERIFY, {}, reviewer);
      expect(intact.body.data.auditChainVerification).toEqual({
        intact: true,
        checked: 12,
        brokenAt: null,
        problem: null,
        anchoredThrough: 10,
        checkpoints: expect.stringMatching(/^agree: 2 signed checkpoints, the last at record 10 \(signed \S+\); the 2 records after it are not covered by a checkpoint yet$/),
      });

      await rewriteChainFrom(gw.database, 3, { subject: 'someone else' });
      const rewritten = await gw.query(VERIFY, {}, reviewer);
      expect(rewritten.body.data.auditChainVerification).toMatchObject({
        intact: false,
        brokenAt: 5,
        problem: expect.stringMatching(/^record 5 does not have the hash signed in the checkpoint on line 1 /),
        anchoredThrough: null,
        checkpoints: expect.stringMatching(/^DISAGREE: record 5 /),
      });
    } finally {
      await gw.close();
    }
  });

  it('keeps answering when the checkpoint file cannot be written, and says so in the log and the metrics', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-folder'), '');
    const logLines: Record<string, any>[] = [];
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((line) => logLines.push(JSON.parse(line))));
    const logger = createLogger({ level: 'warn', destination });
    const signer = new Checkpointer({ file: join(dir, 'not-a-folder', 'checkpoints.jsonl'), every: 1, intervalSeconds: 3600, key: privateKey, logger, onFailed: observeCheckpointFailed });
    const gw = await startTestGateway({ persons: 5, auditCheckpoints: signer, logger });
    try {
      const answer = await gw.query('{ persons(citizenIds: []) { citizenId } }');
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      await signer.idle();
      expect(logLines).toContainEqual(expect.objectContaining({ level: 'error', msg: expect.stringMatching(/^audit checkpoint not written: answers continue/) }));
      const metrics = await (await fetch(`${gw.origin}/metrics`)).text();
      expect(metrics).toMatch(/^gateway_audit_checkpoints_total\{result="failed"\} [1-9]/m);
    } finally {
      await gw.close();
    }
  });
});

describe('checkpoint keys and configuration', () => {
  it('refuses to run a production gateway without the checkpoint signing key', () => {
    const production = { NODE_ENV: 'production', AUTH_HS256_SECRET: 's'.repeat(32) };
    expect(() => loadConfig(production)).toThrow(/NODE_ENV=production needs AUDIT_CHECKPOINT_KEY_FILE/);
    // `audit verify` needs only the public key; the gateway still refuses to start with it alone.
    const pub = join(tempDir(), 'checkpoint.pub.pem');
    writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
    const verifyOnly = loadConfig({ ...production, AUDIT_CHECKPOINT_PUBLIC_KEY_FILE: pub }).auditCheckpoints;
    expect(loadCheckpointPublicKeys(verifyOnly).map(keyIdOf)).toEqual([keyIdOf(publicKey)]);
    expect(() => loadCheckpointSigningKey(verifyOnly)).toThrow(ConfigError);
  });

  it('reads the interval as seconds or a duration and refuses nonsense, with the other problems', () => {
    expect(loadConfig({ AUDIT_CHECKPOINT_INTERVAL: '5m' }).auditCheckpoints.intervalSeconds).toBe(300);
    expect(loadConfig({ AUDIT_CHECKPOINT_INTERVAL: '90' }).auditCheckpoints.intervalSeconds).toBe(90);
    expect(() => loadConfig({ AUDIT_CHECKPOINT_INTERVAL: 'soon', AUDIT_CHECKPOINT_EVERY: '0', AUDIT_CHECKPOINT_KEY_FILE: '/nope.pem' })).toThrow(
      /AUDIT_CHECKPOINT_KEY_FILE names \/nope.pem, which does not exist[\s\S]*AUDIT_CHECKPOINT_INTERVAL must be seconds[\s\S]*AUDIT_CHECKPOINT_EVERY must be a whole number from 1/,
    );
  });

  it('refuses a key that is not Ed25519', () => {
    const file = join(tempDir(), 'p256.pem');
    writeFileSync(file, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadCheckpointSigningKey(loadConfig({ AUDIT_CHECKPOINT_KEY_FILE: file }).auditCheckpoints)).toThrow(/is a ec key; audit checkpoints are signed with Ed25519/);
  });

  it('makes a development key pair once, keeps the private key private, and verifies with its public half', () => {
    const config = loadConfig({ DEV_KEYS_DIR: tempDir() }).auditCheckpoints;
    expect(loadCheckpointPublicKeys(config)).toEqual([]); // none made yet: verify does not make keys
    const key = loadCheckpointSigningKey(config);
    expect(keyIdOf(loadCheckpointSigningKey(config))).toBe(keyIdOf(key));
    expect(config.keys.kind === 'development' && statSync(join(config.keys.dir, 'audit-checkpoint.key.pem')).mode & 0o777).toBe(0o600);
    expect(loadCheckpointPublicKeys(config).map(keyIdOf)).toEqual([keyIdOf(key)]);
  });
});
