import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { AuditWriter } from '../../src/audit/writer.js';
import { verifyChain } from '../../src/audit/verify.js';
import { createHash } from 'node:crypto';
import { chainHash, GENESIS_HASH, type AuditRecord } from '../../src/audit/record.js';
import { openTestDatabase } from '../support/database.js';

let database: Database | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined; // the tests without a database must not close the last one again
});

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
    unavailableSubgraphs: i % 7 === 0 ? ['education', 'health'] : [],
  };
}

/** The hash over an explicit content list, as the README defines it for outside verifiers. */
const hashOver = (content: unknown[], prevHash = GENESIS_HASH) => createHash('sha256').update(`${prevHash}\n${JSON.stringify(content)}`).digest('hex');

/** A record's content as the chain began, before as-of dates and unavailable subgraphs were added. */
function firstContent(seq: number, record: AuditRecord): unknown[] {
  const { asOf: _asOf, unavailableSubgraphs: _unavailable, ...before } = record;
  return [seq, ...Object.values(before)];
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
    expect(chainHash(1, withoutDate, GENESIS_HASH)).toBe(hashOver(firstContent(1, withoutDate)));
    await asDatabaseOwner(db, "update audit.event set as_of = '2020-01-01' where seq = 4");
    expect(await verifyChain(db)).toMatchObject({ intact: false, seq: 4, problem: expect.stringMatching(/record 4 was altered/) });
  });

  it('covers the subgraphs a record names as unavailable, in order, and names a record whose list was changed', async () => {
    const db = await chainOf(8);
    expect(await verifyChain(db)).toEqual({ intact: true, count: 8 });
    const stored = async (seq: number) => (await db.query<{ unavailable_subgraphs: string[] }>('select unavailable_subgraphs from audit.event where seq = $1', [seq]))[0]!.unavailable_subgraphs;
    expect(await stored(7)).toEqual(['education', 'health']);
    expect(await stored(6)).toEqual([]);
    // Hiding an outage from a record, or adding one to it, or reordering the names: each is an alteration.
    for (const [seq, altered] of [[7, '{}'], [7, '{health,education}'], [6, '{tax}']] as const) {
      const original = await stored(seq);
      await asDatabaseOwner(db, 'update audit.event set unavailable_subgraphs = $1 where seq = $2', [altered, seq]);
      expect(await verifyChain(db)).toMatchObject({ intact: false, seq, problem: expect.stringMatching(new RegExp(`record ${seq} was altered`)) });
      await asDatabaseOwner(db, 'update audit.event set unavailable_subgraphs = $1 where seq = $2', [original, seq]);
      expect(await verifyChain(db)).toEqual({ intact: true, count: 8 });
    }
  });

  it('appends unavailable subgraphs to the content only when there are some, after the as-of date', () => {
    const unavailable = ['education', 'health'];
    const neither = { ...sampleRecord(1), asOf: null, unavailableSubgraphs: [] };
    const both = { ...neither, asOf: '2026-11-01', unavailableSubgraphs: unavailable };
    expect(chainHash(1, { ...neither, unavailableSubgraphs: unavailable }, GENESIS_HASH)).toBe(hashOver([...firstContent(1, neither), unavailable]));
    expect(chainHash(1, both, GENESIS_HASH)).toBe(hashOver([...firstContent(1, neither), '2026-11-01', unavailable]));
  });

  it('hashes records that name no unavailable subgraph exactly as the chain did before the column existed', () => {
    // Computed with the chain hash of the commit before unavailableSubgraphs: a change here would
    // break every chain written so far, which the records' own hashes cannot show.
    expect(chainHash(1, sampleRecord(1), GENESIS_HASH)).toBe('0fdcf2d71ecea419de4bfc38a79412da7a4a22d5d1b0c3bc28c8e6b3fc79d88e');
    expect(chainHash(4, sampleRecord(4), GENESIS_HASH)).toBe('fe557051f04b62357419e74c0214125128a6cb6a9a2738321b94541bdbe663c2');
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
