import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateAll } from '../../src/subgraphs/migrate-all.js';
import { AuditWriter } from '../../src/audit/writer.js';
import { chainHash, type ChainedRecord } from '../../src/audit/record.js';
import { parseCsvExport } from '../../src/audit/export.js';
import { cli, commandDatabase, UNREACHABLE, type CommandDatabase } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
let database: CommandDatabase;

const run = (args: string[]) => cli(['audit', 'export', ...args], database.env);

beforeAll(async () => {
  database = await commandDatabase();
  await database.use(async (db) => {
    await migrateAll(db);
    const writer = new AuditWriter(db);
    for (let day = 1; day <= 6; day++) {
      await writer.append({
        recordedAt: `2026-11-0${day}T10:00:00.000Z`, requestId: `r${day}`, outcome: 'allowed', status: 200, code: null,
        department: 'housing', subject: 'officer, "senior"', app: null, purpose: 'public-housing-eligibility', caseId: `PH-${day}`,
        operationName: 'Check', operationHash: 'b'.repeat(64), citizenIds: ['440106199001011235'], fieldsReturned: ['Person.name', 'TaxSlice.incomeBracket'],
        fieldsDenied: [], durationMs: day, clientAddress: '10.0.0.7', asOf: '2026-11-01',
        // The second day's answer went out without two departments' slices.
        unavailableSubgraphs: day === 2 ? ['education', 'health'] : [],
      });
    }
    await writer.append({
      recordedAt: '2026-11-07T10:00:00.000Z', requestId: 'r7', outcome: 'refused', status: 400, code: 'BAD_REQUEST',
      department: 'housing', subject: '=HYPERLINK("http://evil.example")', app: '+cmd', purpose: null, caseId: null,
      operationName: '-2+3', operationHash: null, citizenIds: [], fieldsReturned: [], fieldsDenied: [], durationMs: 1, clientAddress: '@host', asOf: null, unavailableSubgraphs: [],
    });
  });
}, 60_000);
afterAll(() => database?.close());

describe('city-population-gateway audit export', () => {
  it('writes the records of a period as JSON lines an outside party can re-verify', () => {
    const out = join(dir, 'export.jsonl');
    const result = run(['--from', '2026-11-02', '--to', '2026-11-06', '--format', 'jsonl', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('exported 4 records\n'); // four records: no progress
    const records = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as ChainedRecord);
    expect(records.map((r) => r.seq)).toEqual([2, 3, 4, 5]);
    expect(records.map((r) => r.unavailableSubgraphs)).toEqual([['education', 'health'], [], [], []]);
    // Re-verification with nothing but the export and the published hash definition.
    records.forEach((record, i) => {
      if (i > 0) expect(record.prevHash).toBe(records[i - 1]!.hash);
      expect(chainHash(record.seq, record, record.prevHash)).toBe(record.hash);
    });
  });

  it('writes CSV with a header to stdout, quoting text with commas and quotes, lists as JSON', () => {
    const result = run(['--from', '2026-11-01', '--to', '2026-11-03', '--format', 'csv']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('seq,recordedAt,requestId,outcome,status,code,department,subject,app,purpose,caseId,operationName,operationHash,citizenIds,fieldsReturned,fieldsDenied,durationMs,clientAddress,prevHash,hash,asOf,unavailableSubgraphs');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"officer, ""senior"""');
    expect(lines[1]).toContain('"[""Person.name"",""TaxSlice.incomeBracket""]"');
    expect(lines[1]).toMatch(/,2026-11-01,\[\]$/);
    expect(lines[2]).toMatch(/,2026-11-01,"\[""education"",""health""\]"$/);
    // Read back as hashed: the lists as arrays, so each record re-verifies from the CSV alone.
    const records = parseCsvExport(result.stdout);
    expect(records.map((r) => r.unavailableSubgraphs)).toEqual([[], ['education', 'health']]);
    for (const record of records) expect(chainHash(record.seq, record, record.prevHash)).toBe(record.hash);
    expect(result.stderr).toBe('exported 2 records\n');
  });

  it('writes CSV no spreadsheet runs as formulas, which still re-verifies once the leading quotes are removed', () => {
    const result = run(['--from', '2026-11-06', '--to', '2026-11-08', '--format', 'csv']);
    expect(result.status).toBe(0);
    const line = result.stdout.trim().split('\n')[2]!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(line).toContain(",'+cmd,");
    expect(line).toContain(",'-2+3,");
    expect(line).toContain(",'@host,");
    const records = parseCsvExport(result.stdout);
    expect(records[1]).toMatchObject({ subject: '=HYPERLINK("http://evil.example")', app: '+cmd', operationName: '-2+3', clientAddress: '@host', purpose: null });
    expect(records[1]!.prevHash).toBe(records[0]!.hash);
    for (const record of records) expect(chainHash(record.seq, record, record.prevHash)).toBe(record.hash);
  });

  // The other argument checks run in this process: test/cli/main.test.ts.
  it('exits 2 on a bad --format, with the message on stderr and nothing on stdout', () => {
    const result = run(['--from', '2026-11-01', '--to', '2026-11-03', '--format', 'xml']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^--format must be csv or jsonl, got "xml"\n\nUsage: city-population-gateway audit export/);
  });

  it('exits 3 when the database cannot be reached, having written nothing', () => {
    const result = cli(['audit', 'export', '--from', '2026-11-01', '--to', '2026-11-03', '--format', 'csv'], UNREACHABLE);
    expect(result.status).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Cannot reach the database/);
  });
});
