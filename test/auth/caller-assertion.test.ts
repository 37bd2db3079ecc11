import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ASSERTION_ISSUER,
  ASSERTION_LIFETIME_SECONDS,
  ASSERTION_TYPE,
  AssertionRefused,
  assertionVerifier,
  fetchHash,
  generateAssertionKey,
  grantHash,
  publishedKeys,
  signAssertion,
  type AssertionKey,
  type CallerAssertion,
  type RefusalReason,
} from '../../src/auth/caller-assertion.js';
import { composeSupergraph } from '../../src/gateway/compose.js';
import { CompiledPolicy } from '../../src/policy/compile.js';
import { readPolicyFile } from '../../src/policy/policy-file.js';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';

/** The gateway's word to a department's subgraph service, and the only thing that service accepts. */
const { apiSchema } = composeSupergraph(SUBGRAPHS);
const file = readPolicyFile();
const policy = CompiledPolicy.compile(file, apiSchema);
const grantOf = (department: string, purpose: string) => policy.grant(department, purpose)!;

const BODY = '{"query":"query($representations:[_Any!]!){_entities(representations:$representations){...on Person{civilAffairs{maritalStatus}}}}","variables":{"representations":[{"__typename":"Person","citizenId":"440106199001011235"}]}}';
const caller: CallerAssertion = {
  department: 'civil-affairs',
  purpose: 'subsistence-allowance-assessment',
  requestId: 'req-1',
  grantHash: grantHash(grantOf('civil-affairs', 'subsistence-allowance-assessment')),
  caseId: 'DB-2026-0042',
  rowScope: null,
};
const scoped: CallerAssertion = {
  department: 'public-security',
  purpose: 'district-registration-services',
  requestId: 'req-2',
  grantHash: grantHash(grantOf('public-security', 'district-registration-services')),
  caseId: null,
  rowScope: { registrationDistrict: '440104' },
};

let current: AssertionKey;
let previous: AssertionKey;
beforeAll(async () => {
  [current, previous] = await Promise.all([generateAssertionKey(), generateAssertionKey()]);
});
const verifierFor = (subgraph: string, keys = [current]) => assertionVerifier(publishedKeys(keys), subgraph, policy);

/** Expects `promise` to be refused for `reason`, in words that repeat no claim. */
async function refused(promise: Promise<unknown>, reason: RefusalReason) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AssertionRefused);
  expect((error as AssertionRefused).reason).toBe(reason);
  for (const value of ['DB-2026-0042', 'civil-affairs-administration', '440104', 'a-department-idp']) expect((error as Error).message).not.toContain(value);
}

/** What a forger would try: an assertion-shaped token with any header and claims, signed with `key`. */
function forged(key: { kid: string; privateKey: CryptoKey }, claims: Record<string, unknown>, options: { header?: Record<string, unknown>; iat?: number; exp?: number; audience?: string | string[] } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: ASSERTION_TYPE, kid: key.kid, ...options.header })
    .setIssuer(ASSERTION_ISSUER)
    .setAudience(options.audience ?? 'civil')
    .setIssuedAt(options.iat ?? now)
    .setExpirationTime(options.exp ?? (options.iat ?? now) + ASSERTION_LIFETIME_SECONDS)
    .sign(key.privateKey);
}
const CLAIMS = { dep: caller.department, pur: caller.purpose, rid: 'req-1', gh: caller.grantHash, cid: null, rsd: null, qh: fetchHash(BODY) };

describe('a caller assertion', () => {
  it('carries who asks, for what, in which request, under which grant and scope, to one subgraph for one fetch', async () => {
    expect(await verifierFor('civil')(await signAssertion(current, 'civil', caller, BODY), BODY)).toEqual(caller);
    expect(await verifierFor('registry')(await signAssertion(current, 'registry', scoped, BODY), BODY)).toEqual(scoped);
  });

  it('is refused when missing, by another subgraph, for another fetch, once expired, and when altered', async () => {
    await refused(verifierFor('civil')(undefined, BODY), 'missing');
    await refused(verifierFor('civil')('', BODY), 'missing');
    await refused(verifierFor('tax')(await signAssertion(current, 'civil', caller, BODY), BODY), 'wrong audience');
    await refused(verifierFor('civil')(await signAssertion(current, 'civil', caller, BODY), BODY.replace('440106199001011235', '440106199001011243')), 'other fetch');
    await refused(verifierFor('civil')(await signAssertion(current, 'civil', caller, BODY, Date.now() - (ASSERTION_LIFETIME_SECONDS + 10) * 1000), BODY), 'expired');
    const [head, , signature] = (await signAssertion(current, 'civil', caller, BODY)).split('.');
    const widened = Buffer.from(JSON.stringify({ ...CLAIMS, pur: 'civil-affairs-administration', iss: ASSERTION_ISSUER, aud: 'civil', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 20, jti: 'x' })).toString('base64url');
    await refused(verifierFor('civil')(`${head}.${widened}.${signature}`, BODY), 'invalid');
    await refused(verifierFor('civil')('not.a.token', BODY), 'invalid');
  });

  it('is accepted once: a captured assertion sent again is refused', async () => {
    const verify = verifierFor('civil');
    const token = await signAssertion(current, 'civil', caller, BODY);
    await verify(token, BODY);
    await refused(verify(token, BODY), 'replayed');
  });

  it('is refused unsigned, signed by a key the gateway does not publish, naming no key, or as another kind of token', async () => {
    const verify = verifierFor('civil');
    const unsigned = new UnsecuredJWT(CLAIMS).setIssuer(ASSERTION_ISSUER).setAudience('civil').setIssuedAt().setExpirationTime('30s').setJti('u').encode();
    await refused(verify(unsigned, BODY), 'invalid');
    await refused(verify(await forged(previous, CLAIMS), BODY), 'unknown key');
    await refused(verify(await forged(current, CLAIMS, { header: { kid: undefined } }), BODY), 'unknown key');
    // A key of the forger's own, carried in the header, is not one the gateway publishes.
    const own = await generateKeyPair('ES256');
    await refused(verify(await forged({ kid: current.kid, privateKey: own.privateKey }, CLAIMS, { header: { jwk: await exportJWK(own.publicKey) } }), BODY), 'invalid');
    // A published key's other tokens (a plain JWT, another issuer) are not assertions.
    await refused(verify(await forged(current, CLAIMS, { header: { typ: 'JWT' } }), BODY), 'invalid');
    const otherIssuer = await new SignJWT({ ...CLAIMS, jti: 'o' }).setProtectedHeader({ alg: 'ES256', typ: ASSERTION_TYPE, kid: current.kid }).setIssuer('a-department-idp').setAudience('civil').setIssuedAt().setExpirationTime('30s').sign(current.privateKey);
    await refused(verify(otherIssuer, BODY), 'invalid');
    await refused(verify(await forged(current, CLAIMS, { audience: ['civil', 'tax'] }), BODY), 'wrong audience');
  });

  it('is refused living longer than a fetch needs, signed in the future, or expiring before it was signed', async () => {
    const verify = verifierFor('civil');
    const now = Math.floor(Date.now() / 1000);
    await refused(verify(await forged(current, CLAIMS, { exp: now + 3600 }), BODY), 'lifetime');
    await refused(verify(await forged(current, CLAIMS, { iat: now + 365 * 86_400 }), BODY), 'lifetime');
    await refused(verify(await forged(current, CLAIMS, { iat: now + 10, exp: now + 5 }), BODY), 'lifetime');
    // Within the clocks' tolerance (5 s) it is accepted.
    expect(await verify(await forged(current, CLAIMS, { iat: now + 3 }), BODY)).toEqual({ ...caller, requestId: 'req-1', caseId: null });
  });

  it('is refused with a claim missing or of the wrong type: an absent scope never reads as everyone', async () => {
    const verify = verifierFor('civil');
    for (const bad of [{ dep: undefined }, { dep: 42 }, { pur: '' }, { rid: ['req-1'] }, { gh: 'A'.repeat(64) }, { gh: 'a'.repeat(63) }, { cid: 7 }, { cid: 'line\nbreak' }, { cid: undefined }, { dep: 'civil affairs' }, { rsd: undefined }, { rsd: 440104 }, { rsd: '4401' }]) {
      await refused(verify(await forged(current, { ...CLAIMS, ...bad }), BODY), 'bad claim');
    }
  });

  it('is refused naming a grant its subgraph’s policy does not have, has otherwise, or scopes otherwise', async () => {
    const verify = verifierFor('registry');
    const sign = (assertion: CallerAssertion) => signAssertion(current, 'registry', assertion, BODY);
    await refused(verify(await sign({ ...caller, purpose: 'no-such-purpose' }), BODY), 'not the policy');
    await refused(verify(await sign({ ...caller, grantHash: 'b'.repeat(64) }), BODY), 'not the policy');
    await refused(verify(await sign({ ...scoped, rowScope: null }), BODY), 'not the policy');
    await refused(verify(await sign({ ...caller, rowScope: { registrationDistrict: '440104' } }), BODY), 'not the policy');
  });

  it('verifies across a key rotation: the next key published first, then signing with it, then the old one withdrawn', async () => {
    const signedWithOld = await signAssertion(previous, 'civil', caller, BODY);
    const beforeSwitch = verifierFor('civil', [previous, current]);
    expect(await beforeSwitch(signedWithOld, BODY)).toEqual(caller);
    const signedWithNew = await signAssertion(current, 'civil', caller, BODY);
    expect(await beforeSwitch(signedWithNew, BODY)).toEqual(caller);
    const withdrawn = verifierFor('civil', [current]);
    expect(await withdrawn(await signAssertion(current, 'civil', caller, BODY), BODY)).toEqual(caller);
    await refused(withdrawn(await signAssertion(previous, 'civil', caller, BODY), BODY), 'unknown key');
  });

  it('publishes the public members of each key and nothing else; the private key cannot be exported', async () => {
    for (const jwk of publishedKeys([current, previous]).keys) expect(Object.keys(jwk).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    const leaky = { ...current, publicJwk: { ...current.publicJwk, d: 'secret' } };
    expect(publishedKeys([leaky]).keys[0]).not.toHaveProperty('d');
    await expect(exportJWK(current.privateKey)).rejects.toThrow();
  });
});

describe('the grant hash', () => {
  const grant = grantOf('civil-affairs', 'subsistence-allowance-assessment');

  it('is one per grant, and the same however the grant is read', () => {
    const hashes = new Set(file.grants.map(({ department, purpose }) => grantHash(grantOf(department, purpose))));
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
    expect(grantHash({ ...grant, masks: new Map([...grant.masks, [first!, function maskEverything(v: string) { return v; }]]) })).not.toBe(base);
    expect(grantHash({ ...grant, rowScope: 'registration-district' })).not.toBe(base);
    expect(grantHash({ ...grant, limits: { cost: 2_000_000 } })).not.toBe(base);
  });
});
