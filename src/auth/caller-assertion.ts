import { createHash, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, createLocalJWKSet, errors, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import type { CompiledPolicy, Grant } from '../policy/compile.js';
import type { RowScope } from '../subgraphs/context.js';
import { CASE_ID } from './claims.js';

/**
 * The caller assertion (DESIGN.md "Scale-out"): a department's subgraph running as its own service
 * answers only the gateway, and only for a caller the gateway has checked. For every fetch the
 * gateway signs a short-lived JWT for that one subgraph (audience = the subgraph's name) and that
 * one fetch (the hash of its body) saying who asks (department, purpose, case, row scope) under
 * which grant (its hash) in which request; the subgraph verifies it against the keys the gateway
 * publishes, refuses everything else, `_entities` included, and never accepts one twice.
 *
 * Keys rotate without downtime in three steps: the next key is published beside the current one;
 * once every subgraph has fetched the set, the gateway signs with it; the old key is withdrawn
 * after the longest lifetime of an assertion has passed.
 */

/** Who signs assertions; a department's identity-provider token never carries it. */
export const ASSERTION_ISSUER = 'population-gateway';
/** The JWT `typ` of an assertion, so no other token signed with a published key reads as one. */
export const ASSERTION_TYPE = 'caller-assertion+jwt';
const ALGORITHM = 'ES256';
/** An assertion covers one fetch: seconds, not minutes. */
export const ASSERTION_LIFETIME_SECONDS = 30;
/** Clocks of the gateway and a subgraph's host may differ this much (run NTP on both). */
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
  /** The people the grant reaches, when it does not reach everyone: the subgraph reads no one else, in SQL. Always stated. */
  rowScope: RowScope | null;
}

/** One of the gateway's assertion keys: its private half signs (and cannot be exported), its public JWK is published. */
export interface AssertionKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function generateAssertionKey(): Promise<AssertionKey> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: false });
  const { kty, crv, x, y } = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint({ kty: kty!, crv: crv!, x: x!, y: y! });
  return { kid, privateKey, publicJwk: { kty, crv, x, y, kid, alg: ALGORITHM, use: 'sig' } };
}

/** The public members of an EC signing key; nothing else (a private `d`, above all) is ever published. */
const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y', 'kid', 'alg', 'use'] as const;

/** The key set subgraphs verify with: the current key, and the next or the previous one during a rotation. */
export function publishedKeys(keys: readonly AssertionKey[]): JSONWebKeySet {
  return { keys: keys.map(({ publicJwk }) => Object.fromEntries(PUBLIC_MEMBERS.flatMap((name) => (publicJwk[name] === undefined ? [] : [[name, publicJwk[name]]])))) };
}

/** The hash an assertion binds its fetch by: the exact body the gateway sends. */
export const fetchHash = (body: string): string => createHash('sha256').update(body).digest('hex');

/** Signs an assertion for one fetch (`body`, as sent) to one subgraph with the gateway's signing key. */
export async function signAssertion(key: AssertionKey, subgraph: string, caller: CallerAssertion, body: string, now: number = Date.now()): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  const claims = {
    dep: caller.department,
    pur: caller.purpose,
    rid: caller.requestId,
    gh: caller.grantHash,
    cid: caller.caseId,
    rsd: caller.rowScope?.registrationDistrict ?? null,
    qh: fetchHash(body),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: ASSERTION_TYPE, kid: key.kid })
    .setIssuer(ASSERTION_ISSUER)
    .setAudience(subgraph)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ASSERTION_LIFETIME_SECONDS)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

export type RefusalReason = 'missing' | 'invalid' | 'expired' | 'wrong audience' | 'unknown key' | 'bad claim' | 'lifetime' | 'replayed' | 'other fetch' | 'not the policy' | 'keys unavailable';

/** Why a subgraph refused a request: said to the gateway (and its logs) in fixed words, never a claim's value. */
export class AssertionRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    detail: string,
  ) {
    super(`caller assertion refused (${reason}): ${detail}`);
    this.name = 'AssertionRefused';
  }
}

/**
 * A subgraph's check of the assertions it is sent: signed by a key the gateway publishes (`keys`
 * may be a function, such as a remote key set fetched again when it meets a new key), for this subgraph
 * and this fetch, current, short-lived, never seen before, every claim in its type, and a grant of
 * the policy the subgraph was deployed with, with the row scope that grant has.
 */
export function assertionVerifier(keys: JSONWebKeySet | JWTVerifyGetKey, subgraph: string, policy: CompiledPolicy) {
  const check = assertionChecker(keys, subgraph, policy);
  return async (token: string | undefined, body: string, now: number = Date.now()): Promise<CallerAssertion> => (await check(token, now)).forBody(body, now);
}

/** An assertion whose signature, audience, lifetime and claims hold; what remains is the body it was signed for. */
export interface CheckedAssertion {
  /** Checks the fetch's body against the assertion and spends it (an assertion is accepted once). */
  forBody(body: string, now?: number): CallerAssertion;
}

/**
 * The same check in two steps, so a subgraph service refuses a request on its header alone,
 * before it reads a byte of the body: first the token (signed by a published key, for this
 * subgraph, current, short-lived, every claim in its type, a grant of this subgraph's policy),
 * then the body it was signed for, and only then is the assertion spent.
 */
export function assertionChecker(keys: JSONWebKeySet | JWTVerifyGetKey, subgraph: string, policy: CompiledPolicy) {
  const keySet = typeof keys === 'function' ? keys : createLocalJWKSet(keys);
  const seen = new SeenAssertions();
  return async (token: string | undefined, now: number = Date.now()): Promise<CheckedAssertion> => {
    if (!token) throw new AssertionRefused('missing', 'the request carries no caller assertion');
    let payload: Record<string, unknown>;
    let header: Record<string, unknown>;
    try {
      ({ payload, protectedHeader: header } = await jwtVerify(token, keySet, {
        algorithms: [ALGORITHM],
        typ: ASSERTION_TYPE,
        issuer: ASSERTION_ISSUER,
        audience: subgraph,
        requiredClaims: ['iat', 'exp', 'jti'],
        maxTokenAge: ASSERTION_LIFETIME_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(now),
      }));
    } catch (error) {
      throw refusal(error, subgraph);
    }
    if (typeof header.kid !== 'string') throw new AssertionRefused('unknown key', 'it names no key');
    if (typeof payload.aud !== 'string') throw new AssertionRefused('wrong audience', 'it must be addressed to one subgraph');
    const lifetime = (payload.exp as number) - (payload.iat as number);
    if (!(lifetime > 0 && lifetime <= ASSERTION_LIFETIME_SECONDS)) throw new AssertionRefused('lifetime', `it must live at most ${ASSERTION_LIFETIME_SECONDS} s from when it was signed`);
    if (typeof payload.qh !== 'string' || !HASH.test(payload.qh)) throw new AssertionRefused('bad claim', '"qh" (the hash of the fetch) must be 64 lower-case hex digits');
    const assertion = claimsOf(payload);
    checkAgainstPolicy(assertion, policy);
    return {
      forBody(body, at = Date.now()) {
        if (payload.qh !== fetchHash(body)) throw new AssertionRefused('other fetch', 'it was signed for another request body');
        if (!seen.first(String(payload.jti), (payload.exp as number) + CLOCK_TOLERANCE_SECONDS, at)) throw new AssertionRefused('replayed', 'it has been used already');
        return assertion;
      },
    };
  };
}

function refusal(error: unknown, subgraph: string): AssertionRefused {
  // The gateway's key set could not be fetched: nothing is wrong with the assertion, the subgraph cannot check it yet.
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError)) {
    return new AssertionRefused('keys unavailable', 'the gateway\'s published keys could not be fetched');
  }
  if (error instanceof errors.JWTExpired) return new AssertionRefused('expired', 'it has expired');
  if (error instanceof errors.JWKSNoMatchingKey) return new AssertionRefused('unknown key', 'it is not signed by a key the gateway publishes');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return new AssertionRefused('wrong audience', `it is not addressed to ${subgraph}`);
    if (error.claim === 'iat') return new AssertionRefused('lifetime', 'it was signed too long ago or in the future');
    return new AssertionRefused('invalid', `its "${error.claim}" claim is not what the gateway signs`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new AssertionRefused('invalid', 'its signature does not match');
  return new AssertionRefused('invalid', 'it is not a caller assertion signed by the gateway');
}

const TEXT = /^[\x21-\x7e]{1,256}$/;
const HASH = /^[0-9a-f]{64}$/;
const DISTRICT = /^\d{6}$/;

/** The claims in their types, or a refusal naming the first that is not: absent never reads as "anyone". */
function claimsOf(payload: Record<string, unknown>): CallerAssertion {
  const text = (name: string, what: string) => {
    const value = payload[name];
    if (typeof value !== 'string' || !TEXT.test(value)) throw new AssertionRefused('bad claim', `"${name}" (${what}) must be a short printable string`);
    return value;
  };
  const grantHash = text('gh', 'the grant hash');
  if (!HASH.test(grantHash)) throw new AssertionRefused('bad claim', '"gh" (the grant hash) must be 64 lower-case hex digits');
  const { cid: caseId, rsd: district } = payload;
  if (caseId !== null && (typeof caseId !== 'string' || !CASE_ID.test(caseId))) {
    throw new AssertionRefused('bad claim', '"cid" (the case) must be a case reference or null');
  }
  // Stated either way: a scope missing from the assertion must never read as "everyone".
  if (district !== null && (typeof district !== 'string' || !DISTRICT.test(district))) {
    throw new AssertionRefused('bad claim', '"rsd" (the registration district the grant is limited to) must be a six-digit code or null');
  }
  return {
    department: text('dep', 'the department'),
    purpose: text('pur', 'the purpose'),
    requestId: text('rid', 'the request id'),
    grantHash,
    caseId,
    rowScope: district === null ? null : { registrationDistrict: district },
  };
}

/** The assertion names a grant of the subgraph's own policy, as that policy has it, with the scope it has. */
function checkAgainstPolicy(assertion: CallerAssertion, policy: CompiledPolicy): void {
  const grant = policy.grant(assertion.department, assertion.purpose);
  if (!grant) throw new AssertionRefused('not the policy', 'its department and purpose have no grant in this subgraph’s policy');
  if (grantHash(grant) !== assertion.grantHash) throw new AssertionRefused('not the policy', 'its grant differs from this subgraph’s policy: deploy the same policy');
  if ((grant.rowScope !== undefined) !== (assertion.rowScope !== null)) {
    throw new AssertionRefused('not the policy', 'its row scope does not match the grant’s');
  }
}

/** Assertion ids seen while they could still be valid: a captured assertion cannot be sent again. */
class SeenAssertions {
  private readonly until = new Map<string, number>();

  /**
   * True the first time `id` is seen. Forgets ids whose assertions have expired, from the oldest:
   * ids arrive in about the order they expire (each lives the same 30 s), so the scan stops at the
   * first one still valid.
   */
  first(id: string, expiresAtSeconds: number, now: number): boolean {
    const seconds = now / 1000;
    for (const [known, expiry] of this.until) {
      if (expiry >= seconds) break;
      this.until.delete(known);
    }
    if (this.until.has(id)) return false;
    this.until.set(id, expiresAtSeconds);
    return true;
  }
}

/**
 * A grant's fingerprint: every field with its tier and mask, its row scope and its limits, in a
 * fixed order. The subgraph compares it with the grant of the policy it was deployed with, so a
 * gateway and a subgraph running different policies refuse to work together.
 */
export function grantHash(grant: Grant): string {
  const fields = [...grant.tiers].map(([coordinate, tier]) => `${coordinate}=${tier}${grant.masks.has(coordinate) ? `+${grant.masks.get(coordinate)!.name}` : ''}`).sort();
  const limits = Object.entries(grant.limits ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const text = JSON.stringify([grant.department, grant.purpose, grant.rowScope ?? null, limits, fields]);
  return createHash('sha256').update(text).digest('hex');
}
