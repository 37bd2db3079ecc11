import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { AuditWriter } from '../../src/audit/writer.js';
import { chainHash, type ChainedRecord } from '../../src/audit/record.js';

const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
const dataDir = join(dir, 'pglite');

const run = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-export.ts', ...args], {
    env: { ...process.env, DATABASE_URL: '', PGLITE_DIR: dataDir },
    encoding: 'utf8',
  });

beforeAll(async () => {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  await migrate(db);
  const writer = new AuditWriter(db);
  for (let day = 1; day <= 6; day++) {
    await writer.append({
      recordedAt: `2026-11-0${day}T10:00:00.000Z`, requestId: `r${day}`, outcome: 'allowed', status: 200, code: null,
      department: 'housing', subject: 'officer, "senior"', app: null, purpose: 'public-housing-eligibility', caseId: `PH-${day}`,
      operationName: 'Check', operationHash: 'b'.repeat(64), citizenIds: ['440106199001011235'], fieldsReturned: ['Person.name', 'TaxSlice.incomeBracket'],
      fieldsDenied: [], durationMs: day, clientAddress: '10.0.0.7',
    });
  }
  await db.close();
}, 60_000);

describe('npm run audit:export', () => {
  it('writes the records of a period as JSON lines an outside party can re-verify', () => {
    const out = join(dir, 'export.jsonl');
    const result = run(['--from', '2026-11-02', '--to', '2026-11-06', '--format', 'jsonl', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/exported 4 records/);
    const records = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as ChainedRecord);
    expect(records.map((r) => r.seq)).toEqual([2, 3, 4, 5]);
    // Re-verification with nothing but the export and the published hash definition.
    records.forEach((record, i) => {
      if (i > 0) expect(record.prevHash).toBe(records[i - 1]!.hash);
      expect(chainHash(record.seq, record, record.prevHash)).toBe(record.hash);
    });
  });

  it('writes CSV with a header, quoting text with commas and quotes, lists as JSON', () => {
    const result = run(['--from', '2026-11-01', '--to', '2026-11-03', '--format', 'csv']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('seq,recordedAt,requestId,outcome,status,code,department,subject,app,purpose,caseId,operationName,operationHash,citizenIds,fieldsReturned,fieldsDenied,durationMs,clientAddress,prevHash,hash');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"officer, ""senior"""');
    expect(lines[1]).toContain('"[""Person.name"",""TaxSlice.incomeBracket""]"');
  });

  it.each([
    [['--to', '2026-11-03', '--format', 'csv'], /--from is required/],
    [['--from', '2026-13-45', '--to', '2026-11-03', '--format', 'csv'], /--from must be a date/],
    [['--from', '2026-11-05', '--to', '2026-11-03', '--format', 'csv'], /--from must be before --to/],
    [['--from', '2026-11-01', '--to', '2026-11-03', '--format', 'xml'], /--format must be csv or jsonl/],
  ])('%j exits 2 with a message', (args, message) => {
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
