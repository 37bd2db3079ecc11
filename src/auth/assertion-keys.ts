import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import { publishedKeys, type AssertionKey } from './caller-assertion.js';

/**
 * Where the gateway's caller-assertion keys come from (DESIGN.md "Scale-out"). Every gateway
 * replica signs with the same key, so the keys live in a file the replicas share:
 *
 *   { "signing": "<kid>", "keys": [ <private EC P-256 JWK with kid>, … ] }
 *
 * Every key in the file is published; the one named `signing` signs. A rotation is three edits,
 * each rolled out to every replica before the next: add the next key; name it `signing`; remove
 * the old one (after subgraphs have refreshed their key sets and the last assertion signed with it
 * has expired). Two keys are valid throughout, so nothing is refused during a rotation.
 */
export interface AssertionKeyring {
  signing: AssertionKey;
  /** The public halves of every key in the file, as `/.well-known/caller-assertion-keys` serves them. */
  published: JSONWebKeySet;
}

/** Where the gateway publishes its assertion keys (relative to its origin). */
export const ASSERTION_KEYS_PATH = '/.well-known/caller-assertion-keys';

/** The development keyring's file in the development keys folder; made on first use. */
export const developmentKeyringFile = (dir: string) => join(dir, 'caller-assertion-keys.json');

/** Reads a keyring file; every problem is said with the file's name and how to fix it. */
export async function loadAssertionKeyring(file: string): Promise<AssertionKeyring> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not a readable JSON keyring: ${(error as Error).message}`);
  }
  const { signing, keys } = (parsed ?? {}) as { signing?: unknown; keys?: unknown };
  if (typeof signing !== 'string' || !Array.isArray(keys) || keys.length === 0 || keys.length > 4) {
    throw new Error(`${file} must hold { "signing": "<kid>", "keys": [1 to 4 private EC P-256 JWKs] }`);
  }
  const imported = await Promise.all(keys.map((jwk, index) => importKey(jwk as JWK, `${file} key ${index + 1}`)));
  const kids = imported.map((key) => key.kid);
  if (new Set(kids).size !== kids.length) throw new Error(`${file} holds two keys with the same kid`);
  const signer = imported.find((key) => key.kid === signing);
  if (!signer) throw new Error(`${file} names "${signing}" as the signing key, but holds no key with that kid`);
  return { signing: signer, published: publishedKeys(imported) };
}

async function importKey(jwk: JWK, where: string): Promise<AssertionKey> {
  if (jwk?.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.d !== 'string' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new Error(`${where} must be a private EC P-256 JWK (kty EC, crv P-256, x, y, d)`);
  }
  const { kty, crv, x, y } = jwk;
  const kid = typeof jwk.kid === 'string' && jwk.kid !== '' ? jwk.kid : await calculateJwkThumbprint({ kty, crv, x, y });
  // Imported non-extractable: nothing in the process can read the private half back out.
  const privateKey = (await importJWK({ kty, crv, x, y, d: jwk.d }, 'ES256', { extractable: false })) as CryptoKey;
  return { kid, privateKey, publicJwk: { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' } };
}

/** A new private key as a keyring entry (for `assertion-key` and the development keyring). */
export async function newKeyringEntry(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, y: jwk.y! });
  return { ...jwk, kid, alg: 'ES256', use: 'sig' };
}

/** The development keyring in `dir`: one key, made on first use, readable by its owner only. Never used in production. */
export async function developmentKeyring(dir: string): Promise<AssertionKeyring> {
  const file = developmentKeyringFile(dir);
  if (!existsSync(file)) {
    const entry = await newKeyringEntry();
    // A gateway and its subgraph services often start together: each writes its own candidate and
    // links it into place, and a link never replaces a file, so all of them read the first one made.
    const candidate = `${file}.${process.pid}.tmp`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(candidate, JSON.stringify({ signing: entry.kid, keys: [entry] }, null, 2), { mode: 0o600 });
    try {
      linkSync(candidate, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(candidate, { force: true });
    }
  }
  return loadAssertionKeyring(file);
}

/**
 * How a subgraph service finds the gateway's public keys: fetched from the gateway (refreshed
 * every few minutes, and at once, at most every `cooldown`, when an assertion names a key it has
 * not seen: that is how a rotation reaches it), or read from a file.
 */
export function assertionKeySource(source: { kind: 'url'; url: string } | { kind: 'file'; file: string } | { kind: 'keys'; keys: JSONWebKeySet }): JWTVerifyGetKey {
  switch (source.kind) {
    case 'url':
      return createRemoteJWKSet(new URL(source.url), { timeoutDuration: 5000, cooldownDuration: 5000, cacheMaxAge: 5 * 60_000 });
    case 'file': {
      const keys = JSON.parse(readFileSync(source.file, 'utf8')) as JSONWebKeySet;
      // The gateway's keyring holds private keys and signs: a department's host must never have it.
      if (!Array.isArray(keys.keys) || keys.keys.some((key) => 'd' in key)) {
        throw new Error(`${source.file} must be the gateway's public key set ({ "keys": [public JWKs] }, as ${ASSERTION_KEYS_PATH} serves it), never its private keyring`);
      }
      return createLocalJWKSet(keys);
    }
    case 'keys':
      return createLocalJWKSet(source.keys);
  }
}
