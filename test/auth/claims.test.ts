import { SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { TEST_AUDIENCE, TEST_ISSUER } from '../support/tokens.js';

let gw: TestGateway;
const QUERY = JSON.stringify({ query: '{ persons(citizenIds: ["440106199001011235"]) { name } }' });
const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  gw = await startTestGateway({ persons: 20, seed: 3 });
});
afterAll(() => gw?.close());

/**
 * A token signed with the gateway's trusted key, with exactly these claims (nothing added or
 * dropped by a helper), so a wrong-typed claim reaches the gateway as an identity provider sent it.
 */
function signed(claims: JWTPayload): Promise<string> {
  return new SignJWT({ iss: TEST_ISSUER, aud: TEST_AUDIENCE, ...claims }).setProtectedHeader({ alg: 'ES256' }).sign(gw.keys.signer.key);
}

const good = (): JWTPayload => ({ sub: 'clerk-17', department: 'education', iat: now(), exp: now() + HOUR });

/** Posts a query with `token` for school enrolment; returns the answer and its audit records. */
async function post(token: string, purpose = 'school-enrolment') {
  const response = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': purpose },
    body: QUERY,
  });
  const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, any> }[] };
  const records = await gw.database.query<Record<string, any>>('select * from audit.event where request_id = $1', [response.headers.get('x-request-id')]);
  return { status: response.status, body, records };
}

async function expectRefused(claims: JWTPayload, reason: string, message: RegExp) {
  const { status, body, records } = await post(await signed(claims));
  expect(status).toBe(401);
  expect(body.data).toBeUndefined();
  expect(body.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
  expect(body.errors![0]!.message).toMatch(message);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ outcome: 'refused', status: 401, code: 'UNAUTHENTICATED', department: null, subject: null, citizen_ids: [] });
  return body.errors![0]!.message;
}

describe('a claim of the wrong type is refused with 401 "bad claim", never read as no restriction', () => {
  it.each<[string, JWTPayload, RegExp]>([
    ['purposes as a string', { purposes: 'school-enrolment' }, /"purposes" claim must be absent or an array .* it is a string of 16 characters/],
    ['purposes as null', { purposes: null }, /"purposes" claim must be absent or an array .* it is null/],
    ['purposes as a number', { purposes: 7 }, /"purposes" claim .* it is a number/],
    ['purposes as an object', { purposes: { 0: 'school-enrolment' } }, /"purposes" claim .* it is an object/],
    ['purposes with a non-string entry', { purposes: ['school-enrolment', 7] }, /"purposes" claim .* its entry 1 is a number/],
    ['purposes with an empty entry', { purposes: [''] }, /"purposes" claim .* its entry 0 is an empty string/],
    ['roles as a string', { roles: 'admin' }, /"roles" claim must be absent or an array/],
    ['roles as null', { roles: null }, /"roles" claim .* it is null/],
    ['roles with a nested array', { roles: [['admin']] }, /"roles" claim .* its entry 0 is an array/],
    ['sub as a number', { sub: 17 as never }, /"sub" claim must be a non-empty string/],
    ['sub empty', { sub: '' }, /"sub" claim .* it is an empty string/],
    ['department as an array', { department: ['education'] }, /"department" claim must be a non-empty string .* it is an array of 1 entries/],
    ['department as null', { department: null }, /"department" claim .* it is null/],
    ['app as a number', { app: 1 }, /"app" claim must be absent or a non-empty string/],
    ['app as null', { app: null }, /"app" claim .* it is null/],
    ['district as a number', { district: 440104 }, /"district" claim must be absent or a non-empty string .* it is a number/],
  ])('%s', async (_label, change, message) => {
    await expectRefused({ ...good(), ...change }, 'bad claim', message);
  });

  it('refuses a 10 KB subject or app without repeating it', async () => {
    const huge = 'x'.repeat(10_000);
    for (const claim of ['sub', 'app'] as const) {
      const message = await expectRefused({ ...good(), [claim]: huge }, 'bad claim', new RegExp(`"${claim}" claim .* at most 256 characters; it is a string of 10000 characters`));
      expect(message).not.toContain('xxxxxxxx');
    }
  });

  it('refuses more than 64 purposes', async () => {
    await expectRefused({ ...good(), purposes: Array.from({ length: 65 }, () => 'school-enrolment') }, 'bad claim', /"purposes" claim .* array of 65 entries/);
  });
});

describe('the department must be one the policy defines itself, not a name every object has', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('"%s" is an unknown department', async (department) => {
    await expectRefused({ ...good(), department }, 'unknown department', new RegExp(`"department" claim \\("${department}"\\) is not a department of the sharing policy`));
  });

  it('names a long unknown department only by its length', async () => {
    const message = await expectRefused({ ...good(), department: 'd'.repeat(200) }, 'unknown department', /a string of 200 characters/);
    expect(message).not.toContain('dddddddd');
  });
});

describe('tokens live at most the configured maximum (24 hours here)', () => {
  it('refuses a token whose exp - iat is over 24 hours', async () => {
    await expectRefused({ ...good(), exp: now() + 25 * HOUR }, 'lifetime too long', /lives 25h .* at most 24h/);
  });

  it('refuses a token without iat that expires more than 24 hours from now', async () => {
    const { iat: _, ...claims } = good();
    await expectRefused({ ...claims, exp: now() + 25 * HOUR }, 'lifetime too long', /at most 24h/);
  });

  it('refuses a token whose iat lies in the future to stretch its life', async () => {
    await expectRefused({ ...good(), iat: now() + 365 * 24 * HOUR, exp: now() + 365 * 24 * HOUR + HOUR }, 'lifetime too long', /at most 24h/);
  });

  it('accepts a token of exactly 24 hours, and one without iat expiring within them', async () => {
    expect((await post(await signed({ ...good(), exp: now() + 24 * HOUR }))).status).toBe(200);
    const { iat: _, ...claims } = good();
    expect((await post(await signed({ ...claims, exp: now() + 23 * HOUR }))).status).toBe(200);
  });
});

describe('well-formed claims still work', () => {
  it('a token limited to one purpose answers for that purpose, with the caller audited', async () => {
    const { status, body, records } = await post(await signed({ ...good(), purposes: ['school-enrolment'], roles: ['clerk'], app: 'enrolment-portal', district: '440104' }));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(records[0]).toMatchObject({ outcome: 'allowed', department: 'education', subject: 'clerk-17', app: 'enrolment-portal', purpose: 'school-enrolment' });
  });

  it('a token limited to one purpose is refused for another purpose of its department', async () => {
    const { status, body } = await post(await signed({ ...good(), purposes: ['school-enrolment'] }), 'education-administration');
    expect(status).toBe(403);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'PURPOSE_NOT_ALLOWED', allowedPurposes: ['school-enrolment'] });
  });

  it('an empty purposes list allows no purpose at all', async () => {
    const { status, body } = await post(await signed({ ...good(), purposes: [] }));
    expect(status).toBe(403);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'PURPOSE_NOT_ALLOWED', allowedPurposes: [] });
  });
});
