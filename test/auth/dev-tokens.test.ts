import { request } from 'node:http';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let shortLived: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ persons: 10, seed: 4, developmentTokens: true });
  shortLived = await startTestGateway({ persons: 10, seed: 4, developmentTokens: true, maxTokenLifetimeSeconds: 3600 });
});
afterAll(async () => {
  await gw?.close();
  await shortLived?.close();
});

interface Sent {
  method?: string;
  host?: string;
  contentType?: string;
  body?: string;
}

/** A raw HTTP request, so the Host header is exactly what a browser elsewhere would send. */
function send(gateway: TestGateway, path: string, { method = 'GET', host, contentType, body }: Sent = {}) {
  const origin = new URL(gateway.origin);
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = request(
      {
        hostname: '127.0.0.1',
        port: origin.port,
        path,
        method,
        headers: { host: host ?? origin.host, ...(contentType ? { 'content-type': contentType } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_TYPE = 'application/json';
const REQUEST = JSON.stringify({ department: 'education', purpose: 'school-enrolment' });

describe('development tokens answer only requests addressed to this machine', () => {
  it.each(['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]'])('Host %s (with the port) is served', async (name) => {
    const host = `${name}:${new URL(gw.origin).port}`;
    expect((await send(gw, '/dev/token-options', { host })).status).toBe(200);
    const issued = await send(gw, '/dev/token', { method: 'POST', host, contentType: JSON_TYPE, body: REQUEST });
    expect(issued.status).toBe(200);
    expect(typeof issued.body.token).toBe('string');
  });

  it('Host without a port is served', async () => {
    expect((await send(gw, '/dev/token-options', { host: 'localhost' })).status).toBe(200);
  });

  it.each(['evil.example', 'evil.example:4000', '127.0.0.1.evil.example', 'localhost.evil.example', '192.168.1.20:4000', '0.0.0.0:4000'])(
    'Host %s is refused with 403 and no token (DNS rebinding)',
    async (host) => {
      const options = await send(gw, '/dev/token-options', { host });
      expect(options.status).toBe(403);
      expect(options.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(options.body.errors[0].message).toMatch(/addressed to this machine: open the gateway as http:\/\/127\.0\.0\.1:<port>/);
      const issued = await send(gw, '/dev/token', { method: 'POST', host, contentType: JSON_TYPE, body: REQUEST });
      expect(issued.status).toBe(403);
      expect(issued.body.token).toBeUndefined();
    },
  );
});

describe('POST /dev/token takes only JSON', () => {
  it.each([
    ['a form-encoded post (what a cross-site HTML form sends)', 'application/x-www-form-urlencoded', 'department=education&purpose=school-enrolment'],
    ['plain text', 'text/plain', REQUEST],
    ['multipart form data', 'multipart/form-data; boundary=x', REQUEST],
    ['no content type', undefined, REQUEST],
  ])('%s is refused with 415 and no token', async (_label, contentType, body) => {
    const issued = await send(gw, '/dev/token', { method: 'POST', contentType, body });
    expect(issued.status).toBe(415);
    expect(issued.body.errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(issued.body.errors[0].message).toMatch(/Content-Type: application\/json/);
    expect(issued.body.token).toBeUndefined();
  });

  it('JSON with a charset is served', async () => {
    expect((await send(gw, '/dev/token', { method: 'POST', contentType: 'application/json; charset=utf-8', body: REQUEST })).status).toBe(200);
  });

  it('a body that is not JSON is a 400 saying so', async () => {
    const issued = await send(gw, '/dev/token', { method: 'POST', contentType: JSON_TYPE, body: '{department' });
    expect(issued.status).toBe(400);
    expect(issued.body.errors[0].message).toMatch(/not valid JSON/);
  });

  it.each(['constructor', '__proto__', 'toString'])('department "%s" gets no token', async (department) => {
    const issued = await send(gw, '/dev/token', { method: 'POST', contentType: JSON_TYPE, body: JSON.stringify({ department, purpose: 'school-enrolment' }) });
    expect(issued.status).toBe(400);
    expect(issued.body.errors[0].message).toMatch(/is not a department of the sharing policy/);
  });
});

describe('development tokens live within the gateway maximum', () => {
  it('a working day (8 hours) when the maximum allows it', async () => {
    const { token } = (await send(gw, '/dev/token', { method: 'POST', contentType: JSON_TYPE, body: REQUEST })).body;
    const claims = decodeJwt(token);
    expect(claims.exp! - claims.iat!).toBe(8 * 3600);
  });

  it('no longer than AUTH_MAX_TOKEN_LIFETIME when that is shorter, and the gateway accepts them', async () => {
    const { token } = (await send(shortLived, '/dev/token', { method: 'POST', contentType: JSON_TYPE, body: REQUEST })).body;
    const claims = decodeJwt(token);
    expect(claims.exp! - claims.iat!).toBe(3600);
    const answer = await shortLived.query('{ persons(citizenIds: []) { citizenId } }', undefined, { authorization: `Bearer ${token}`, 'x-purpose': 'school-enrolment' });
    expect(answer.status).toBe(200);
  });

  it('a longer token is refused by that gateway', async () => {
    const token = await shortLived.keys.token('education', { purposes: ['school-enrolment'], ttlSeconds: 2 * 3600 });
    const answer = await shortLived.query('{ persons(citizenIds: []) { citizenId } }', undefined, { authorization: `Bearer ${token}`, 'x-purpose': 'school-enrolment' });
    expect(answer.status).toBe(401);
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'lifetime too long' });
  });
});
