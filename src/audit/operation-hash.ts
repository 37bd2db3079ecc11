import { createHash } from 'node:crypto';
import { print, type DocumentNode } from 'graphql';

const hashes = new WeakMap<DocumentNode, string>();

/**
 * The hash an operation is known by: SHA-256 of its normalised text, `print(parse(text))`. The
 * audit records it and the operations allow-list is keyed by it. Remembered per parsed document:
 * Apollo Server hands the same document object for the same text, and printing a document costs
 * more than hashing it.
 */
export function operationHash(document: DocumentNode): string {
  let hash = hashes.get(document);
  if (!hash) hashes.set(document, (hash = createHash('sha256').update(print(document)).digest('hex')));
  return hash;
}
