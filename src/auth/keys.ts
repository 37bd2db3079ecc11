import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  importSPKI,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import type { AuthConfig } from '../config.js';

/** Algorithms accepted: asymmetric ones for departments' identity providers, HS256 for a shared secret. */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;

/** How tokens are checked: the key (or key set) and the claims every token must carry. */
export interface TokenVerifier {
  key: CryptoKey | Uint8Array | JWTVerifyGetKey;
  algorithms: string[];
  issuer: string;
  audience: string;
  /** Tokens living longer than this (`exp - iat`, or `exp - now` without `iat`), in seconds, are refused. */
  maxLifetimeSeconds: number;
  /** Development keys are generated on this machine; production must not run with them. */
  development: boolean;
}

/** The key `npm run token` signs with: only ever the development key or a shared HS256 secret. */
export interface TokenSigner {
  key: CryptoKey | Uint8Array;
  algorithm: string;
  kid?: string;
  issuer: string;
  audience: string;
}

export const DEV_ISSUER = 'population-gateway-development';

export async function loadVerifier(config: AuthConfig): Promise<TokenVerifier> {
  const claims = { issuer: config.issuer, audience: config.audience, maxLifetimeSeconds: config.maxTokenLifetimeSeconds };
  switch (config.keys.kind) {
    case 'jwks': {
      const set = JSON.parse(readFileSync(config.keys.file, 'utf8')) as JSONWebKeySet;
      return { key: createLocalJWKSet(set), algorithms: [...ASYMMETRIC_ALGORITHMS], ...claims, development: false };
    }
    case 'pem':
      return {
        key: await importSPKI(readFileSync(config.keys.file, 'utf8'), config.keys.algorithm),
        algorithms: [config.keys.algorithm],
        ...claims,
        development: false,
      };
    case 'hs256':
      return { key: new TextEncoder().encode(config.keys.secret), algorithms: ['HS256'], ...claims, development: false };
    case 'development': {
      const { jwks } = await ensureDevelopmentKeys(config.keys.dir);
      return { key: createLocalJWKSet(jwks), algorithms: ['ES256'], ...claims, issuer: DEV_ISSUER, development: true };
    }
  }
}

/** The signer for locally issued tokens, or null when tokens come from an outside identity provider. */
export async function loadSigner(config: AuthConfig): Promise<TokenSigner | null> {
  if (config.keys.kind === 'hs256') {
    return { key: new TextEncoder().encode(config.keys.secret), algorithm: 'HS256', issuer: config.issuer, audience: config.audience };
  }
  if (config.keys.kind !== 'development') return null;
  const { privateJwk } = await ensureDevelopmentKeys(config.keys.dir);
  return {
    key: (await importJWK(privateJwk, 'ES256')) as CryptoKey,
    algorithm: 'ES256',
    kid: privateJwk.kid,
    issuer: DEV_ISSUER,
    audience: config.audience,
  };
}

/**
 * Writes a development key pair: the private key readable by its owner only (0600, also when the
 * file was already there with other rights), the public key as it is; the folder made if missing.
 */
export function writeKeyPair(privatePath: string, privateText: string, publicPath: string, publicText: string): void {
  mkdirSync(dirname(privatePath), { recursive: true });
  writeFileSync(privatePath, privateText, { mode: 0o600 });
  chmodSync(privatePath, 0o600);
  writeFileSync(publicPath, publicText);
}

/**
 * An ES256 key pair in `dir`, made on first use: the private key (file mode 0600) for
 * `npm run token`, the public key set for the gateway. Never used in production (see config).
 */
export async function ensureDevelopmentKeys(dir: string): Promise<{ privateJwk: JWK; jwks: JSONWebKeySet }> {
  const privatePath = join(dir, 'private.jwk.json');
  const publicPath = join(dir, 'jwks.json');
  if (!existsSync(privatePath) || !existsSync(publicPath)) {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `dev-${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`;
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    writeKeyPair(privatePath, JSON.stringify(privateJwk, null, 2), publicPath, JSON.stringify({ keys: [publicJwk] }, null, 2));
  }
  return {
    privateJwk: JSON.parse(readFileSync(privatePath, 'utf8')) as JWK,
    jwks: JSON.parse(readFileSync(publicPath, 'utf8')) as JSONWebKeySet,
  };
}
