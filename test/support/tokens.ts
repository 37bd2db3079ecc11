import { generateKeyPair } from 'jose';
import { issueToken, type TokenRequest } from '../../src/auth/caller.js';
import type { TokenSigner, TokenVerifier } from '../../src/auth/keys.js';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from '../../src/config.js';

export const TEST_ISSUER = 'test-identity-provider';
export const TEST_AUDIENCE = 'population-gateway';

/** A real ES256 key pair for one test file: a verifier for the gateway, and tokens signed with it. */
export async function createTestKeys(maxLifetimeSeconds = DEFAULT_MAX_TOKEN_LIFETIME_SECONDS) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const verifier: TokenVerifier = { key: publicKey, algorithms: ['ES256'], issuer: TEST_ISSUER, audience: TEST_AUDIENCE, maxLifetimeSeconds, development: false };
  const signer: TokenSigner = { key: privateKey, algorithm: 'ES256', issuer: TEST_ISSUER, audience: TEST_AUDIENCE };
  return {
    verifier,
    signer,
    token: (department: string, request: Partial<TokenRequest> = {}) =>
      issueToken(signer, { department, subject: `test-${department}`, ttlSeconds: 600, ...request }),
  };
}

export type TestKeys = Awaited<ReturnType<typeof createTestKeys>>;
