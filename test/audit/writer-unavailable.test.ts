import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditUnavailableError, AuditWriter } from '../../src/audit/writer.js';
import type { AuditRecord } from '../../src/audit/record.js';
import type { Database } from '../../src/db/client.js';
import { openTestDatabase } from '../support/database.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const record = (requestId: string): AuditRecord => ({
  recordedAt: new Date().toISOString(),
  requestId,
  outcome: 'allowed',
  status: 200,
  code: null,
  department: 'education',
  subject: 'writer-test',
  app: null,
  purpose: 'school-enrolment',
  caseId: null,
  operationName: null,
  operationHash: null,
  citizenIds: [],
  fieldsReturned: [],
  fieldsDenied: [],
  durationMs: 1,
  clientAddress: null,
  asOf: null,
  unavailableSubgraphs: [],
});

/**
 * The real database, whose next audit insert is held until the test lets it fail with `error`
 * (as a connection that went silent fails once its timeout fires), counting the inserts tried.
 */
function holdingNextInsert() {
  let inserts = 0;
  let fail: (error: Error) => void = () => {};
  let held!: () => void;
  const heldNow = new Promise<void>((resolve) => (held = resolve));
  let holding = true;
  const wrapped: Database = {
    ...database,
    query: (async (text: string, params?: unknown[]) => {
      if (!text.includes('insert into audit.event')) return database.query(text, params);
      inserts += 1;
      if (!holding) return database.query(text, params);
      holding = false;
      held();
      return new Promise((_, reject) => (fail = reject));
    }) as Database['query'],
  };
  return { wrapped, heldNow, fail: (error: Error) => fail(error), inserts: () => inserts };
}

describe('the audit writer when the database does not answer', () => {
  it('refuses the records queued behind a batch that failed as unavailable at once, without trying them', async () => {
    const db = holdingNextInsert();
    const writer = new AuditWriter(db.wrapped);
    const first = writer.append(record('held'));
    await db.heldNow;
    const queued = [writer.append(record('queued-1')), writer.append(record('queued-2'))];
    db.fail(new Error('Query read timeout'));
    for (const pending of [first, ...queued]) await expect(pending).rejects.toBeInstanceOf(AuditUnavailableError);
    expect(db.inserts()).toBe(1);
  });

  it('after a failure that is not the database being away, the queued records are still written', async () => {
    const db = holdingNextInsert();
    const writer = new AuditWriter(db.wrapped);
    const first = writer.append(record('held'));
    await db.heldNow;
    const queued = writer.append(record('queued'));
    db.fail(Object.assign(new Error('value too long'), { code: '22001' }));
    await expect(first).rejects.toBeInstanceOf(AuditUnavailableError);
    await expect(queued).resolves.toMatchObject({ requestId: 'queued' });
    expect(db.inserts()).toBe(2);
  });
});
