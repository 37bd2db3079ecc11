import { generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/caller.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { TEST_AUDIENCE, TEST_ISSUER } from '../support/tokens.js';

let gw: TestGateway;
let statements = 0;
const QUERY = JSON.stringify({ query: '{ persons(citizenIds: ["440106199001011235"]) { name } }' });

beforeAll(async () => {
  gw = await startTestGateway({ persons: 20, seed: 2 });
  gw.database.onStatement(() => statements++);
});
afterAll(() => gw?.close());

async function post(headers: Record<string, string>) {
  const before = statements;
  const response = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: QUERY });
  const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions: Record<string, any> }[] };
  return { status: response.status, body, wwwAuthenticate: response.headers.get('www-authenticate'), statementsRun: statements - before };
}

/** A token like a real one, with one thing changed. */
async function tokenWith(change: (jwt: SignJWT) => SignJWT, key?: CryptoKey | Uint8Array, alg = 'ES256') {
  const jwt = new SignJWT({ department: 'education', roles: [] })
    .setProtectedHeader({ alg })
    .setSubject('someone')
    .setIssuer(TEST_ISSUER)
    .setAudience(TEST_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('10m');
  return change(jwt).sign(key ?? gw.keys.signer.key);
}

describe('requests without a valid token are refused with 401 before anything is read', () => {
  const cases: [string, () => Promise<Record<string, string>>, string, RegExp][] = [
    ['no Authorization header', async () => ({}), 'missing', /Authorization: Bearer/],
    ['a Basic header', async () => ({ authorization: 'Basic dXNlcjpwYXNz' }), 'malformed', /Bearer/],
    ['a token that is not a JWT', async () => ({ authorization: 'Bearer not-a-jwt' }), 'malformed', /JWT/],
    ['garbage in JWT shape', async () => ({ authorization: 'Bearer aaa.bbb.ccc' }), 'malformed', /signed JWT/],
    ['an expired token', async () => ({ authorization: `Bearer ${await tokenWith((j) => j.setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 3600))}` }), 'expired', /expired/],
    ['a token not valid yet', async () => ({ authorization: `Bearer ${await tokenWith((j) => j.setNotBefore('1h'))}` }), 'not yet valid', /not valid yet/],
    ['a token from another issuer', async () => ({ authorization: `Bearer ${await tokenWith((j) => j.setIssuer('someone-else'))}` }), 'wrong issuer', /issuer/],
    ['a token for another audience', async () => ({ authorization: `Bearer ${await tokenWith((j) => j.setAudience('another-service'))}` }), 'wrong audience', /audience/],
    ['a token signed with another key', async () => ({ authorization: `Bearer ${await tokenWith((j) => j, (await generateKeyPair('ES256')).privateKey)}` }), 'bad signature', /signature/],
    ['an HS256 token (algorithm confusion)', async () => ({ authorization: `Bearer ${await tokenWith((j) => j, new TextEncoder().encode('x'.repeat(32)), 'HS256')}` }), 'algorithm not allowed', /algorithm/],
    ['a token without an expiry', async () => ({ authorization: `Bearer ${await new SignJWT({ department: 'education' }).setProtectedHeader({ alg: 'ES256' }).setSubject('s').setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).sign(gw.keys.signer.key)}` }), 'missing claim', /exp/],
    ['a token of an unknown department', async () => ({ authorization: `Bearer ${await issueToken(gw.keys.signer, { department: 'spies', subject: 's', ttlSeconds: 60 })}` }), 'unknown department', /department/],
  ];

  it.each(cases)('%s', async (_label, headers, reason, message) => {
    const { status, body, wwwAuthenticate, statementsRun } = await post({ 'x-purpose': 'school-enrolment', ...(await headers()) });
    expect(status).toBe(401);
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
    expect(body.errors[0]!.message).toMatch(message);
    expect(body.data).toBeUndefined();
    expect(wwwAuthenticate).toMatch(/^Bearer/);
    expect(statementsRun).toBe(0);
  });

  it('never echoes the token in the error', async () => {
    const token = await tokenWith((j) => j.setAudience('another-service'));
    const { body } = await post({ authorization: `Bearer ${token}`, 'x-purpose': 'school-enrolment' });
    expect(JSON.stringify(body)).not.toContain(token.split('.')[1]);
  });
});

describe('the declared purpose is checked before anything is read', () => {
  it('refuses a request with no X-Purpose, listing the purposes the department may use', async () => {
    const { status, body, statementsRun } = await post({ authorization: (await gw.headersFor('education', 'x')).authorization });
    expect(status).toBe(400);
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'PURPOSE_REQUIRED', allowedPurposes: ['school-enrolment', 'education-administration'] });
    expect(statementsRun).toBe(0);
  });

  it.each([
    ['an unknown purpose', 'snooping', /"snooping" is not a purpose of the sharing policy/],
    ["another department's purpose", 'tax-administration', /"tax-administration" is a purpose of tax, not of education/],
  ])('refuses %s with PURPOSE_NOT_ALLOWED', async (_label, purpose, message) => {
    const { status, body, statementsRun } = await post(await gw.headersFor('education', purpose));
    expect(status).toBe(403);
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'PURPOSE_NOT_ALLOWED', allowedPurposes: ['school-enrolment', 'education-administration'] });
    expect(body.errors[0]!.message).toMatch(message);
    expect(statementsRun).toBe(0);
  });

  it('refuses a purpose the token is not limited to', async () => {
    const headers = await gw.headersFor('education', 'education-administration', { purposes: ['school-enrolment'] });
    const { status, body } = await post(headers);
    expect(status).toBe(403);
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'PURPOSE_NOT_ALLOWED', allowedPurposes: ['school-enrolment'] });
  });

  it('refuses a case reference that is not an identifier', async () => {
    const { status } = await post({ ...(await gw.headersFor('education', 'school-enrolment')), 'x-case-id': '<script>' });
    expect(status).toBe(400);
  });

  it('answers a department acting for one of its purposes', async () => {
    const { status, body } = await post({ ...(await gw.headersFor('education', 'school-enrolment')), 'x-case-id': 'ENR-2026/0042' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});
