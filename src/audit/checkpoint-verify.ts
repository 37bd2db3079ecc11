import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { KeyObject } from 'node:crypto';
import type { Database } from '../db/client.js';
import { keyIdOf, parseCheckpointLine, signatureHolds, type SignedCheckpoint } from './checkpoint.js';

export type CheckpointVerification =
  /** Every checkpoint is genuine and the chain carries exactly the hashes they signed. */
  | { status: 'agrees'; checkpoints: number; last: SignedCheckpoint; chainEnd: number }
  /** Nothing to check against: the chain was verified only against itself. */
  | { status: 'none'; reason: string }
  /** The first checkpoint (by line for forgeries, else by record) that the chain or its signature contradicts. */
  | { status: 'disagrees'; line: number; seq: number; problem: string };

/** Records looked up per statement (one array parameter). */
const LOOKUP = 1000;

interface Entry {
  line: number;
  checkpoint: SignedCheckpoint;
}

/**
 * Checks the audit chain against the signed checkpoints in `file`: each line's signature with the
 * key its keyId names, then that the chain's record at each checkpoint's seq has exactly the signed
 * hash, and so that the chain still reaches the newest checkpoint. A chain rewritten with every
 * hash (and the chain head) recomputed passes `verifyChain`, but not this: the rewrite changes the
 * hash of every later record, and no one without the private key can sign the new ones.
 *
 * Lines may come from several gateway replicas, interleaved and out of order: they all sign the
 * one chain. Records after the newest checkpoint are not covered yet (`chainEnd - last.seq`).
 */
export async function verifyCheckpoints(
  database: Pick<Database, 'query'>,
  { file, publicKeys }: { file: string; publicKeys: KeyObject[] },
): Promise<CheckpointVerification> {
  if (!existsSync(file)) return { status: 'none', reason: `${file} does not exist` };
  const keys = new Map(publicKeys.map((key) => [keyIdOf(key), key]));
  const bySeq = new Map<number, Entry>();
  let lineNumber = 0;
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    lineNumber += 1;
    if (text.trim() === '') continue;
    const parsed = parseCheckpointLine(text);
    if (typeof parsed === 'string') {
      return { status: 'disagrees', line: lineNumber, seq: 0, problem: `line ${lineNumber} of ${file} is not a checkpoint: ${parsed}` };
    }
    const where = `the checkpoint on line ${lineNumber} (record ${parsed.seq}, signed ${parsed.signedAt})`;
    const key = keys.get(parsed.keyId);
    if (!key) {
      const known = keys.size ? `the keys given are ${[...keys.keys()].join(', ')}` : 'no public key is configured';
      return { status: 'disagrees', line: lineNumber, seq: parsed.seq, problem: `${where} names key ${parsed.keyId}, but ${known}: add its public key to AUDIT_CHECKPOINT_PUBLIC_KEY_FILE if it is genuine` };
    }
    if (!signatureHolds(parsed, key)) {
      return { status: 'disagrees', line: lineNumber, seq: parsed.seq, problem: `${where} does not carry a valid signature by ${parsed.keyId}: it was forged or altered` };
    }
    const earlier = bySeq.get(parsed.seq);
    if (earlier && earlier.checkpoint.hash !== parsed.hash) {
      return {
        status: 'disagrees',
        line: lineNumber,
        seq: parsed.seq,
        problem: `${where} and the one on line ${earlier.line} sign different hashes for record ${parsed.seq}: the chain was rewritten between them while a gateway was signing`,
      };
    }
    if (!earlier) bySeq.set(parsed.seq, { line: lineNumber, checkpoint: parsed });
  }
  if (bySeq.size === 0) return { status: 'none', reason: `${file} holds no checkpoints` };

  const entries = [...bySeq.values()].sort((a, b) => a.checkpoint.seq - b.checkpoint.seq);
  const [end] = await database.query<{ seq: string | number | null }>('select max(seq) as seq from audit.event');
  const chainEnd = Number(end?.seq ?? 0);
  for (let i = 0; i < entries.length; i += LOOKUP) {
    const page = entries.slice(i, i + LOOKUP);
    const rows = await database.query<{ seq: string | number; hash: string }>(
      'select seq, hash from audit.event where seq = any($1::bigint[])',
      [page.map((e) => e.checkpoint.seq)],
    );
    const stored = new Map(rows.map((r) => [Number(r.seq), r.hash]));
    for (const { line, checkpoint } of page) {
      const where = `the checkpoint on line ${line} (signed ${checkpoint.signedAt} by ${checkpoint.keyId})`;
      const hash = stored.get(checkpoint.seq);
      if (hash === undefined) {
        const problem =
          checkpoint.seq > chainEnd
            ? `record ${checkpoint.seq}, signed in ${where}, is gone: the chain ends at record ${chainEnd} (records were removed from its end)`
            : `record ${checkpoint.seq}, signed in ${where}, is missing from the chain (removed)`;
        return { status: 'disagrees', line, seq: checkpoint.seq, problem };
      }
      if (hash !== checkpoint.hash) {
        return {
          status: 'disagrees',
          line,
          seq: checkpoint.seq,
          problem: `record ${checkpoint.seq} does not have the hash signed in ${where}: the chain was rewritten at or before record ${checkpoint.seq}, even if its hashes agree with each other`,
        };
      }
    }
  }
  return { status: 'agrees', checkpoints: entries.length, last: entries.at(-1)!.checkpoint, chainEnd };
}
