import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ConfigError, type AuditCheckpointConfig } from '../config.js';
import { writeKeyPair } from '../auth/keys.js';

const DEV_PRIVATE = 'audit-checkpoint.key.pem';
const DEV_PUBLIC = 'audit-checkpoint.pub.pem';

/**
 * The Ed25519 key the gateway signs checkpoints with. It lives in a file the database server never
 * sees: whoever holds the database alone cannot sign a rewritten chain. In development a key pair
 * is made in the development keys folder on first use (private key 0600).
 */
export function loadCheckpointSigningKey(config: AuditCheckpointConfig): KeyObject {
  if (config.keys.kind === 'development') {
    const dir = config.keys.dir;
    const privatePath = join(dir, DEV_PRIVATE);
    if (!existsSync(privatePath)) {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      writeKeyPair(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), join(dir, DEV_PUBLIC), publicKey.export({ type: 'spki', format: 'pem' }).toString());
    }
    return readEd25519(privatePath, 'private', 'the development audit checkpoint key');
  }
  if (!config.keys.privateKeyFile) {
    throw new ConfigError([
      'the gateway signs audit checkpoints and needs AUDIT_CHECKPOINT_KEY_FILE (an Ed25519 private key, PKCS#8 PEM); AUDIT_CHECKPOINT_PUBLIC_KEY_FILE alone is enough only for `audit verify`',
    ]);
  }
  return readEd25519(config.keys.privateKeyFile, 'private', 'AUDIT_CHECKPOINT_KEY_FILE');
}

/**
 * The public keys checkpoints are checked against: every key in AUDIT_CHECKPOINT_PUBLIC_KEY_FILE
 * (old keys stay there after a rotation, so older checkpoints still verify), else the one derived
 * from AUDIT_CHECKPOINT_KEY_FILE, else the development key if one was made. Empty when none is known.
 */
export function loadCheckpointPublicKeys(config: AuditCheckpointConfig): KeyObject[] {
  if (config.keys.kind === 'development') {
    const publicPath = join(config.keys.dir, DEV_PUBLIC);
    return existsSync(publicPath) ? [readEd25519(publicPath, 'public', 'the development audit checkpoint key')] : [];
  }
  if (config.keys.publicKeyFile) {
    const text = readFileSync(config.keys.publicKeyFile, 'utf8');
    const blocks = text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
    if (blocks.length === 0) throw new ConfigError([`AUDIT_CHECKPOINT_PUBLIC_KEY_FILE (${config.keys.publicKeyFile}) holds no "BEGIN PUBLIC KEY" PEM block`]);
    return blocks.map((pem) => ed25519(() => createPublicKey(pem), 'AUDIT_CHECKPOINT_PUBLIC_KEY_FILE'));
  }
  return [createPublicKey(readEd25519(config.keys.privateKeyFile!, 'private', 'AUDIT_CHECKPOINT_KEY_FILE'))];
}

function readEd25519(file: string, kind: 'private' | 'public', name: string): KeyObject {
  const pem = readFileSync(file, 'utf8');
  return ed25519(() => (kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem)), name);
}

function ed25519(read: () => KeyObject, name: string): KeyObject {
  let key: KeyObject;
  try {
    key = read();
  } catch {
    throw new ConfigError([`${name} is not a PEM key node can read (expected Ed25519: openssl genpkey -algorithm ed25519)`]);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError([`${name} is a ${key.asymmetricKeyType} key; audit checkpoints are signed with Ed25519 (openssl genpkey -algorithm ed25519)`]);
  }
  return key;
}
