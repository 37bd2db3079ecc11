import type { Database } from '../../src/db/client.js';
import { chainHash, GENESIS_HASH, type AuditRecord } from '../../src/audit/record.js';
import { recordFromRow } from '../../src/audit/verify.js';

/**
 * What someone with the database's superuser rights can do to the audit log: switch the
 * append-only triggers off, change what they like, and put the triggers back.
 */
async function asSuperuser(database: Database, work: () => Promise<void>): Promise<void> {
  await database.query('alter table audit.event disable trigger user');
  try {
    await work();
  } finally {
    await database.query('alter table audit.event enable trigger user');
  }
}

/**
 * Rewrites record `seq` with `change` and recomputes the hash of it and of every record after it,
 * and the chain head, so the chain is consistent with itself again: the rewrite a plain hash chain
 * cannot see.
 */
export async function rewriteChainFrom(database: Database, seq: number, change: Partial<Pick<AuditRecord, 'department' | 'subject'>>): Promise<void> {
  const rows = await database.query('select * from audit.event where seq >= $1 order by seq', [seq - 1]);
  const records = rows.map(recordFromRow);
  let prevHash = records[0]!.seq === seq ? GENESIS_HASH : records.shift()!.hash;
  await asSuperuser(database, async () => {
    for (const record of records) {
      const content = record.seq === seq ? { ...record, ...change } : record;
      const hash = chainHash(record.seq, content, prevHash);
      await database.query('update audit.event set department = $2, subject = $3, prev_hash = $4, hash = $5 where seq = $1', [
        record.seq,
        content.department,
        content.subject,
        prevHash,
        hash,
      ]);
      prevHash = hash;
    }
    await database.query('update audit.chain_head set seq = $1, hash = $2 where id', [records.at(-1)!.seq, prevHash]);
  });
}

/** Removes every record after `keep` and moves the chain head back to it: a chain cut short cleanly. */
export async function truncateChainAfter(database: Database, keep: number): Promise<void> {
  await asSuperuser(database, async () => {
    await database.query('delete from audit.event where seq > $1', [keep]);
    await database.query('update audit.chain_head set seq = e.seq, hash = e.hash from audit.event e where e.seq = $1 and chain_head.id', [keep]);
  });
}
