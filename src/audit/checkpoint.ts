import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** The chain head at a moment: the last committed record's place, hash and time. */
export interface ChainHead {
  seq: number;
  hash: string;
  /** ISO 8601, the record's own `recordedAt`. */
  recordedAt: string;
}

/**
 * A signed statement "the audit chain's record `seq` has hash `hash`", kept outside the database.
 * Because every record's hash covers all before it, one checkpoint pins the whole chain up to
 * `seq`: someone who rewrites a record and recomputes every later hash (and the chain head) still
 * cannot make record `seq` carry the signed hash without the private key, which the database never
 * holds (RFC 6962's signed tree heads do the same for transparency logs).
 */
export interface SignedCheckpoint extends ChainHead {
  /** When the gateway signed it (ISO 8601). */
  signedAt: string;
  /** Which key signed it: `ed25519:` and the start of the SHA-256 of its public key (SPKI DER). */
  keyId: string;
  /** Ed25519 over `checkpointText`, base64url. */
  signature: string;
}

/** Names the statement and its version, so a signature over anything else never passes as one. */
const DOMAIN = 'city-population-gateway audit checkpoint v1';

/** The exact bytes signed: one field a line, in a fixed order, so no JSON formatting can change them. */
function checkpointText(checkpoint: Omit<SignedCheckpoint, 'signature'>): string {
  return [DOMAIN, checkpoint.seq, checkpoint.hash, checkpoint.recordedAt, checkpoint.signedAt, checkpoint.keyId].join('\n');
}

/** The key's id, from its public half (either half may be given). */
export function keyIdOf(key: KeyObject): string {
  const der = (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
  return `ed25519:${createHash('sha256').update(der).digest('hex').slice(0, 32)}`;
}

export function signCheckpoint(head: ChainHead, privateKey: KeyObject, signedAt = new Date()): SignedCheckpoint {
  const unsigned = { seq: head.seq, hash: head.hash, recordedAt: head.recordedAt, signedAt: signedAt.toISOString(), keyId: keyIdOf(privateKey) };
  // Ed25519 hashes internally: node:crypto takes no digest name for it (null).
  const signature = sign(null, Buffer.from(checkpointText(unsigned)), privateKey).toString('base64url');
  return { ...unsigned, signature };
}

/** True when `checkpoint` was signed, exactly as it reads, by `publicKey`. */
export function signatureHolds(checkpoint: SignedCheckpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(checkpointText(checkpoint)), publicKey, Buffer.from(checkpoint.signature, 'base64url'));
  } catch {
    return false;
  }
}

/** One line of the checkpoint file. */
export function checkpointLine(checkpoint: SignedCheckpoint): string {
  const { seq, hash, recordedAt, signedAt, keyId, signature } = checkpoint;
  return `${JSON.stringify({ seq, hash, recordedAt, signedAt, keyId, signature })}\n`;
}

/** A line read back: the checkpoint, or why the line is not one. */
export function parseCheckpointLine(line: string): SignedCheckpoint | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'it is not JSON';
  }
  const c = value as Record<string, unknown>;
  if (typeof c !== 'object' || c === null) return 'it is not a JSON object';
  if (!Number.isSafeInteger(c.seq) || (c.seq as number) < 1) return 'its seq is not a positive whole number';
  if (typeof c.hash !== 'string' || !/^[0-9a-f]{64}$/.test(c.hash)) return 'its hash is not 64 hexadecimal digits';
  for (const field of ['recordedAt', 'signedAt', 'keyId', 'signature'] as const) {
    if (typeof c[field] !== 'string' || c[field] === '') return `its ${field} is missing`;
  }
  return c as unknown as SignedCheckpoint;
}
