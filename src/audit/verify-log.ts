import type { KeyObject } from 'node:crypto';
import type { Database } from '../db/client.js';
import { verifyChain } from './verify.js';
import { verifyCheckpoints, type CheckpointVerification } from './checkpoint-verify.js';

/** Where the signed checkpoints are and whom to believe, for verifying the log from the gateway. */
export interface CheckpointSource {
  file: string;
  publicKeys: KeyObject[];
  /** Production: a chain with records but no checkpoints counts as not intact. */
  required: boolean;
}

export interface AuditLogVerification {
  intact: boolean;
  checked: number;
  brokenAt: number | null;
  problem: string | null;
  anchoredThrough: number | null;
  checkpoints: string;
}

/** The checkpoint verdict as one sentence (the CLI prefixes it with its own label). */
export function describeCheckpoints(result: CheckpointVerification): string {
  switch (result.status) {
    case 'agrees': {
      const { checkpoints, last, chainEnd } = result;
      const uncovered = chainEnd - last.seq;
      return (
        `${checkpoints} signed checkpoint${checkpoints === 1 ? '' : 's'}, the last at record ${last.seq} (signed ${last.signedAt})` +
        (uncovered > 0 ? `; the ${uncovered} records after it are not covered by a checkpoint yet` : '')
      );
    }
    case 'disagrees':
      return result.problem;
    case 'none':
      return `${result.reason}, so the chain was checked only against itself, which someone with the database superuser rights can rewrite undetected`;
  }
}

/**
 * True when the checkpoints must be there and are not: nothing recorded yet is nothing to anchor,
 * and only a production gateway (`required`) must have signed. A verification that fails then.
 */
export function checkpointsMissing(result: CheckpointVerification, required: boolean, records: number): boolean {
  return result.status === 'none' && required && records > 0;
}

/**
 * The whole verification the compliance console runs: the chain against itself, then against the
 * signed checkpoints outside the database. The first problem found is the one reported.
 */
export async function verifyAuditLog(database: Pick<Database, 'query'>, source: CheckpointSource | undefined): Promise<AuditLogVerification> {
  const chain = await verifyChain(database);
  const broken = chain.intact ? null : { brokenAt: chain.seq, problem: chain.problem };
  if (!source) {
    return { intact: chain.intact, checked: chain.count, ...(broken ?? { brokenAt: null, problem: null }), anchoredThrough: null, checkpoints: 'not checked: this gateway runs without audit checkpoints' };
  }
  const result = await verifyCheckpoints(database, source);
  const checkpoints = `${result.status === 'agrees' ? 'agree' : result.status === 'disagrees' ? 'DISAGREE' : 'not checked'}: ${describeCheckpoints(result)}`;
  const anchoredThrough = result.status === 'agrees' ? result.last.seq : null;
  const missing = checkpointsMissing(result, source.required, chain.count);
  const problem =
    broken ??
    (result.status === 'disagrees' ? { brokenAt: result.seq || null, problem: result.problem } : null) ??
    (missing ? { brokenAt: null, problem: `no signed checkpoints to check the chain against: ${describeCheckpoints(result)}` } : null);
  return { intact: problem === null, checked: chain.count, ...(problem ?? { brokenAt: null, problem: null }), anchoredThrough, checkpoints };
}
