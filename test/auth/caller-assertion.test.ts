import { SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ASSERTION_ISSUER,
  ASSERTION_LIFETIME_SECONDS,
  ASSERTION_TYPE,
  AssertionRefused,
  assertionVerifier,
  generateAssertionKey,
  grantHash,
  publishedKeys,
  signAssertion,
  type AssertionKey,
  type CallerAssertion,
} from '../../src/auth/caller-assertion.js';
import { composeSupergraph } from '../../src/gateway/compose.js';
import { CompiledPolicy } from '../../src/policy/compile.js';
import { readPolicyFile } from '../../src/policy/policy-file.js';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';

/** The gateway's word to a department's subgraph service, and the only thing that service accepts. */
let current: AssertionKey;
let previous: AssertionKey;
const caller: CallerAssertion = { department: 'civil-affairs', purpose: 'subsistence-allowance-assessment', requestId: 'req-1', grantHash: 'a'.repeat(64), caseId: 'DB-2026-0042' };

beforeAll(async () => {
  [current, previous] = await Promise.all([generateAssertionKey(), generateAssertionKey()]);
});

/** Expects `promise` to be refused for `reason`. */
async function refused(promise: Promise<unknown>, reason: AssertionRefused['reason']) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AssertionRefused);
  expect((error as AssertionRefused).reason).toBe(reason);
}

/** An assertion-shaped token with any header and claims, signed with `key`: what a forger would try. */
function forged(key: AssertionKey, claims: Record<string, unknown>, header: Record<string, unknown> = {}, lifetime = ASSERTION_LIFETIME_SECONDS) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: ASSERTION_TYPE, kid: key.kid, ...header })
    .setIssuer(ASSERTION_ISSUER)
    .setAudience('civil')
    .setIssuedAt(now)
    .setExpirationTime(now + lifetime)
    .sign(key.privateKey);
}

const CLAIMS = { dep: 'civil-affairs', pur: 'subsistence-allowance-assessment', rid: 'req-1', gh: 'a'.repeat(64), cid: null };

describe('a caller assertion', () => {
  it('carries who asks, for what, in which request, under which grant, to the one subgraph it is for', async () => {
    const verify = assertionVerifier(publishedKeys([current]), 'civil');
    expect(await verify(await signAssertion(current, 'civil', caller))).toEqual(caller);
    expect(await verify(await signAssertion(current, 'civil', { ...caller, caseId: null }))).toEqual({ ...caller, caseId: null });
  });

  it('carries the row scope of a district-limited grant, which the subgraph applies in SQL', async () => {
    const verify = assertionVerifier(publishedKeys([current]), 'registry');
    const scoped = { ...caller, department: 'public-security', purpose: 'district-registration-services', rowScope: { registrationDistrict: '440104' } };
    expect(await verify(await signAssertion(current, 'registry', scoped))).toEqual(scoped);
    expect(await verify(await signAssertion(current, 'registry', caller))).not.toHaveProperty('rowScope');
  });

  it('is refused when missing, by another subgraph, once expired, and when altered', async () => {
    const verify = assertionVerifier(publishedKeys([current]), 'civil');
    await refused(verify(undefined), 'missing');
    await refused(verify(''), 'missing');
    await refused(assertionVerifier(publishedKeys([current]), 'tax')(await signAssertion(current, 'civil', caller)), 'wrong audience');
    const old = await signAssertion(current, 'civil', caller, Date.now() - (ASSERTION_LIFETIME_SECONDS + 10) * 1000);
    await refused(verify(old), 'expired');
    const [head, , signature] = (await signAssertion(current, 'civil', caller)).split('.');
    const widened = Buffer.from(JSON.stringify({ ...CLAIMS, pur: 'civil-affairs-administration', iss: ASSERTION_ISSUER, aud: 'civil', iat: 1, exp: 9e9 })).toString('base64url');
    await refused(verify(`${head}.${widened}.${signature}`), 'invalid');
    await refused(verify('not.a.token'), 'invalid');
  });

  it('is refused unsigned, signed by a key the gateway does not publish, or as another kind of token', async () => {
    const verify = assertionVerifier(publishedKeys([current]), 'civil');
    const unsigned = new UnsecuredJWT(CLAIMS).setIssuer(ASSERTION_ISSUER).setAudience('civil').setIssuedAt().setExpirationTime('30s').encode();
    await refused(verify(unsigned), 'invalid');
    await refused(verify(await forged(previous, CLAIMS)), 'unknown key');
    // A published key's other tokens (a plain JWT, another issuer) are not assertions.
    await refused(verify(await forged(current, CLAIMS, { typ: 'JWT' })), 'invalid');
    const otherIssuer = await new SignJWT(CLAIMS).setProtectedHeader({ alg: 'ES256', typ: ASSERTION_TYPE, kid: current.kid }).setIssuer('a-department-idp').setAudience('civil').setIssuedAt().setExpirationTime('30s').sign(current.privateKey);
    await refused(verify(otherIssuer), 'invalid');
  });

  it('is refused living longer than a request needs, or with a claim missing or of the wrong type', async () => {
    const verify = assertionVerifier(publishedKeys([current]), 'civil');
    await refused(verify(await forged(current, CLAIMS, {}, 3600)), 'too long-lived');
    for (const bad of [{ dep: undefined }, { dep: 42 }, { pur: '' }, { rid: ['req-1'] }, { gh: 'A'.repeat(64) }, { gh: 'a'.repeat(63) }, { cid: 7 }, { dep: 'civil affairs' }, { rsd: 440104 }, { rsd: '4401' }, { rsd: null }]) {
      await refused(verify(await forged(current, { ...CLAIMS, ...bad })), 'bad claim');
    }
  });

  it('verifies across a key rotation: both keys while the old one is published, only the new one after', async () => {
    const signedBefore = await signAssertion(previous, 'civil', caller);
    const signedAfter = await signAssertion(current, 'civil', caller);
    const during = assertionVerifier(publishedKeys([current, previous]), 'civil');
    expect(await during(signedBefore)).toEqual(caller);
    expect(await during(signedAfter)).toEqual(caller);
    const after = assertionVerifier(publishedKeys([current]), 'civil');
    expect(await after(signedAfter)).toEqual(caller);
    await refused(after(signedBefore), 'unknown key');
  });

  it('publishes only public keys', () => {
    for (const jwk of publishedKeys([current, previous]).keys) {
      expect(jwk).not.toHaveProperty('d');
      expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    }
  });
});

describe('the grant hash', () => {
  const { apiSchema } = composeSupergraph(SUBGRAPHS);
  const file = readPolicyFile();
  const policy = CompiledPolicy.compile(file, apiSchema);
  const grant = policy.grant('civil-affairs', 'subsistence-allowance-assessment')!;

  it('is one per grant, and the same however the grant is read', () => {
    const hashes = new Set(file.grants.map(({ department, purpose }) => grantHash(policy.grant(department, purpose)!)));
    expect(hashes.size).toBe(file.grants.length);
    const again = CompiledPolicy.compile(readPolicyFile(), apiSchema).grant('civil-affairs', 'subsistence-allowance-assessment')!;
    expect(grantHash(again)).toBe(grantHash(grant));
    expect(grantHash(grant)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with a field, a tier, a mask, the row scope or a limit', () => {
    const base = grantHash(grant);
    const [first] = grant.tiers.keys();
    const tiers = new Map(grant.tiers);
    tiers.delete(first!);
    expect(grantHash({ ...grant, tiers })).not.toBe(base);
    expect(grantHash({ ...grant, tiers: new Map([...grant.tiers].map(([c, t]) => [c, c === first ? (t === 'full' ? 'masked' : 'full') : t])) })).not.toBe(base);
    expect(grantHash({ ...grant, masks: new Map([...grant.masks, [first!, (v: string) => v]]) })).not.toBe(base);
    expect(grantHash({ ...grant, rowScope: 'registration-district' })).not.toBe(base);
    expect(grantHash({ ...grant, limits: { cost: 2_000_000 } })).not.toBe(base);
  });
});
