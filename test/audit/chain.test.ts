import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { AuditWriter } from '../../src/audit/writer.js';
import { verifyChain } from '../../src/audit/verify.js';
import { createHash } from 'node:crypto';
import { chainHash, GENESIS_HASH, type AuditRecord } from '../../src/audit/record.js';
import { openTestDatabase } from '../support/database.js';

let database: Database | undefined;
afterEach(() => database?.close());

function sampleRecord(i: number): AuditRecord {
  return {
    recordedAt: new Date(Date.UTC(2026, 10, 26, 8, 0, i)).toISOString(),
    requestId: `request-${i}`,
    outcome: i % 3 === 0 ? 'partly_denied' : 'allowed',
    status: 200,
    code: i % 3 === 0 ? 'FORBIDDEN' : null,
    department: 'education',
    subject: `teacher-${i % 4}`,
    app: null,
    purpose: 'school-enrolment',
    caseId: i % 2 ? `ENR-${i}` : null,
    operationName: 'Enrol',
    operationHash: 'a'.repeat(64),
    citizenIds: ['440106199001011235'],
    fieldsReturned: ['Person.name'],
    fieldsDenied: i % 3 === 0 ? ['Person.tax'] : [],
    durationMs: i,
    clientAddress: '127.0.0.1',
    asOf: i % 4 === 0 ? '2026-11-01' : null,
  };
}

async function chainOf(count: number) {
  database = await openTestDatabase();
  const writer = new AuditWriter(database);
  await Promise.all(Array.from({ length: count }, (_, i) => writer.append(sampleRecord(i + 1))));
  return database;
}

/** What an administrator with full rights could do: switch the append-only triggers off. */
async function asDatabaseOwner(db: Database, sql: string, params: unknown[] = []) {
  await db.query('alter table audit.event disable trigger user');
  await db.query(sql, params);
  await db.query('alter table audit.event enable trigger user');
}

describe('the audit chain', () => {
  it('is intact after many appends in concurrent batches, numbered 1..n without gaps', async () => {
    const db = await chainOf(120);
    expect(await verifyChain(db)).toEqual({ intact: true, count: 120 });
    const seqs = (await db.query<{ seq: string }>('select seq from audit.event order by seq')).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const db = await chainOf(3);
    await expect(db.query("update audit.event set subject = 'someone else' where seq = 2")).rejects.toThrow(/append-only: UPDATE/);
    await expect(db.query('delete from audit.event where seq = 2')).rejects.toThrow(/append-only: DELETE/);
    await expect(db.query('truncate audit.event')).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await verifyChain(db)).toEqual({ intact: true, count: 3 });
  });

  it('names a record altered behind the triggers', async () => {
    const db = await chainOf(10);
    await asDatabaseOwner(db, "update audit.event set department = 'tax' where seq = 6");
    expect(await verifyChain(db)).toMatchObject({ intact: false, seq: 6, problem: expect.stringMatching(/record 6 was altered/) });
  });

  it('covers the as-of date of a record that has one, and hashes a record without one as before the column existed', async () => {
    const db = await chainOf(8);
    const withoutDate = sampleRecord(1);
    expect(chainHash(1, withoutDate, GENESIS_HASH)).toBe(chainHash(1, { ...withoutDate, asOf: null }, GENESIS_HASH));
    // The hash of a record without a date is the hash over exactly the columns the chain began with.
    const { asOf: _unused, ...before } = withoutDate;
    const content = [1, ...Object.values(before)];
    expect(chainHash(1, withoutDate, GENESIS_HASH)).toBe(createHash('sha256').update(`${GENESIS_HASH}\n${JSON.stringify(content)}`).digest('hex'));
    await asDatabaseOwner(db, "update audit.event set as_of = '2020-01-01' where seq = 4");
    expect(await verifyChain(db)).toMatchObject({ intact: false, seq: 4, problem: expect.stringMatching(/record 4 was altered/) });
  });

  it('names a record removed from the middle', async () => {
    const db = await chainOf(10);
    await asDatabaseOwner(db, 'delete from audit.event where seq = 4');
    expect(await verifyChain(db)).toMatchObject({ intact: false, seq: 4, problem: expect.stringMatching(/record 4 is missing/) });
  });

  it('names the end of the chain when the last records are removed', async () => {
    const db = await chainOf(10);
    await asDatabaseOwner(db, 'delete from audit.event where seq >= 9');
    expect(await verifyChain(db)).toMatchObject({ intact: false, seq: 9, problem: expect.stringMatching(/records 9 to 10 are missing/) });
  });

  it('names records reordered by re-inserting them with swapped places', async () => {
    const db = await chainOf(10);
    // Swap the contents of records 5 and 6 (hashes included), keeping the sequence numbers.
    await asDatabaseOwner(
      db,
      `with a as (select * from audit.event where seq = 5), b as (select * from audit.event where seq = 6)
       insert into audit.event select 0, * from (select recorded_at, request_id, outcome, status, code, department, subject, app, purpose, case_id, operation_name, operation_hash, citizen_ids, fields_returned, fields_denied, duration_ms, client_address, prev_hash, hash from b) x`,
    );
    await asDatabaseOwner(db, 'delete from audit.event where seq = 6');
    await asDatabaseOwner(db, 'update audit.event set seq = 6 where seq = 5');
    await asDatabaseOwner(db, 'update audit.event set seq = 5 where seq = 0');
    expect(await verifyChain(db)).toMatchObject({ intact: false, seq: 5, problem: expect.stringMatching(/record 5 does not follow record 4/) });
  });

  it('stays one valid chain with two writers (two gateway replicas) appending at once', async () => {
    database = await openTestDatabase();
    const [a, b] = [new AuditWriter(database), new AuditWriter(database)];
    await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).append(sampleRecord(i))));
    expect(await verifyChain(database)).toEqual({ intact: true, count: 100 });
  });
});
