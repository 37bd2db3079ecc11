import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, createLocalJWKSet, errors, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import type { Grant } from '../policy/compile.js';
import type { RowScope } from '../subgraphs/context.js';

/**
 * The caller assertion (DESIGN.md "Scale-out"): a department's subgraph running as its own service
 * answers only the gateway, and only for a caller the gateway has checked. Per request the gateway
 * signs a short-lived JWT for that one subgraph (audience = the subgraph's name) saying who asks
 * (department, purpose, case) under which grant (its hash) in which request; the subgraph verifies
 * it against the keys the gateway publishes and refuses everything else, `_entities` included.
 * Keys rotate without downtime: the gateway signs with its newest key and publishes the previous
 * one beside it until every assertion signed with it has expired.
 */

/** Who signs assertions; a department's identity-provider token never carries it. */
export const ASSERTION_ISSUER = 'population-gateway';
/** The JWT `typ` of an assertion, so no other token signed with a published key reads as one. */
export const ASSERTION_TYPE = 'caller-assertion+jwt';
const ALGORITHM = 'ES256';
/** An assertion covers one request's fetches: seconds, not minutes. */
export const ASSERTION_LIFETIME_SECONDS = 30;
/** Clocks of the gateway and a subgraph's host may differ this much. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** What a subgraph learns of the request it is asked to answer. */
export interface CallerAssertion {
  department: string;
  purpose: string;
  /** The gateway's request id (X-Request-Id), so a subgraph's logs meet the audit record. */
  requestId: string;
  /** SHA-256 of the grant the gateway planned the request under (`grantHash`). */
  grantHash: string;
  caseId: string | null;
  /** Set when the grant reaches only some people: the subgraph reads no one outside it, in SQL. */
  rowScope?: RowScope;
}

/** One of the gateway's assertion keys: its private half signs, its public JWK is published. */
export interface AssertionKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function generateAssertionKey(): Promise<AssertionKey> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { kid, privateKey, publicJwk: { ...publicJwk, kid, alg: ALGORITHM, use: 'sig' } };
}

/** The key set subgraphs verify with: the signing key first, then those still being rotated out. */
export function publishedKeys(keys: readonly AssertionKey[]): JSONWebKeySet {
  return { keys: keys.map((key) => key.publicJwk) };
}

/** Signs an assertion for one subgraph with the gateway's current key. */
export async function signAssertion(key: AssertionKey, subgraph: string, caller: CallerAssertion, now: number = Date.now()): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  const scope = caller.rowScope ? { rsd: caller.rowScope.registrationDistrict } : {};
  return new SignJWT({ dep: caller.department, pur: caller.purpose, rid: caller.requestId, gh: caller.grantHash, cid: caller.caseId, ...scope })
    .setProtectedHeader({ alg: ALGORITHM, typ: ASSERTION_TYPE, kid: key.kid })
    .setIssuer(ASSERTION_ISSUER)
    .setAudience(subgraph)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ASSERTION_LIFETIME_SECONDS)
    .sign(key.privateKey);
}

/** Why a subgraph refused a request: said to the gateway (and its logs), never more. */
export class AssertionRefused extends Error {
  constructor(
    readonly reason: 'missing' | 'invalid' | 'expired' | 'wrong audience' | 'unknown key' | 'bad claim' | 'too long-lived',
    detail: string,
  ) {
    super(`caller assertion refused (${reason}): ${detail}`);
    this.name = 'AssertionRefused';
  }
}

/**
 * A subgraph's check of the assertions it is sent: signed by a key the gateway publishes, for this
 * subgraph, current, short-lived, and carrying every claim in its type. Anything else is refused.
 */
export function assertionVerifier(keys: JSONWebKeySet, subgraph: string) {
  const keySet = createLocalJWKSet(keys);
  return async (token: string | undefined, now: number = Date.now()): Promise<CallerAssertion> => {
    if (!token) throw new AssertionRefused('missing', 'the request carries no caller assertion');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        algorithms: [ALGORITHM],
        typ: ASSERTION_TYPE,
        issuer: ASSERTION_ISSUER,
        audience: subgraph,
        requiredClaims: ['iat', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(now),
      }));
    } catch (error) {
      throw refusal(error, subgraph);
    }
    const lifetime = (payload.exp as number) - (payload.iat as number);
    if (lifetime > ASSERTION_LIFETIME_SECONDS) throw new AssertionRefused('too long-lived', `it lives ${lifetime} s, at most ${ASSERTION_LIFETIME_SECONDS} s`);
    return claimsOf(payload);
  };
}

function refusal(error: unknown, subgraph: string): AssertionRefused {
  if (error instanceof errors.JWTExpired) return new AssertionRefused('expired', 'it has expired');
  if (error instanceof errors.JWKSNoMatchingKey) return new AssertionRefused('unknown key', 'it is not signed by a key the gateway publishes');
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') return new AssertionRefused('wrong audience', `it is not addressed to ${subgraph}`);
  return new AssertionRefused('invalid', error instanceof Error ? error.message : String(error));
}

const TEXT = /^[\x21-\x7e]{1,256}$/;
const HASH = /^[0-9a-f]{64}$/;

/** The claims in their types, or a refusal naming the first that is not: absent never reads as "anyone". */
function claimsOf(payload: Record<string, unknown>): CallerAssertion {
  const text = (name: string, what: string) => {
    const value = payload[name];
    if (typeof value !== 'string' || !TEXT.test(value)) throw new AssertionRefused('bad claim', `"${name}" (${what}) must be a short printable string`);
    return value;
  };
  const grantHash = text('gh', 'the grant hash');
  if (!HASH.test(grantHash)) throw new AssertionRefused('bad claim', '"gh" (the grant hash) must be 64 lower-case hex digits');
  const caseId = payload.cid;
  if (caseId !== null && caseId !== undefined && (typeof caseId !== 'string' || caseId.length > 128)) {
    throw new AssertionRefused('bad claim', '"cid" (the case) must be a string of at most 128 characters, or null');
  }
  const district = payload.rsd;
  if (district !== undefined && (typeof district !== 'string' || !DISTRICT.test(district))) {
    throw new AssertionRefused('bad claim', '"rsd" (the registration district the grant is limited to) must be a six-digit code');
  }
  return {
    department: text('dep', 'the department'),
    purpose: text('pur', 'the purpose'),
    requestId: text('rid', 'the request id'),
    grantHash,
    caseId: caseId ?? null,
    ...(district === undefined ? {} : { rowScope: { registrationDistrict: district } }),
  };
}

const DISTRICT = /^\d{6}$/;

/**
 * A grant's fingerprint: every field with its tier and mask, its row scope and its limits, in a
 * fixed order. A subgraph can log it with the request and compare it with the policy it was
 * deployed with; a policy change gives a new hash.
 */
export function grantHash(grant: Grant): string {
  const fields = [...grant.tiers].map(([coordinate, tier]) => `${coordinate}=${tier}${grant.masks.has(coordinate) ? '+mask' : ''}`).sort();
  const limits = Object.entries(grant.limits ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const text = JSON.stringify([grant.department, grant.purpose, grant.rowScope ?? null, limits, fields]);
  return createHash('sha256').update(text).digest('hex');
}
