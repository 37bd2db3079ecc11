import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let caller: Record<string, string>;

beforeAll(async () => {
  gw = await startTestGateway({ persons: 0 });
  caller = await gw.headersFor('education', 'school-enrolment');
});
afterAll(() => gw?.close());

async function recordsOf(requestId: string | null) {
  expect(requestId).toBeTruthy();
  return gw.database.query<Record<string, any>>('select * from audit.event where request_id = $1', [requestId]);
}

async function send(init: RequestInit & { path?: string }) {
  const response = await fetch(`${gw.origin}${init.path ?? '/graphql'}`, init);
  const body = (await response.json()) as { errors: { message: string; extensions: Record<string, any> }[] };
  return { status: response.status, headers: response.headers, body, records: await recordsOf(response.headers.get('x-request-id')) };
}

/** A raw HTTP/1.1 exchange on one socket: what a client that is not a browser may send. */
function rawExchange(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(gw.origin).port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
    socket.write(text);
  });
}

describe('each request refused before GraphQL leaves exactly one audit record with its status and code', () => {
  it('a body that is not JSON: 400, recorded with the caller who sent it', async () => {
    const { status, body, records } = await send({ method: 'POST', headers: { 'content-type': 'application/json', ...caller }, body: '{"query": ' });
    expect(status).toBe(400);
    expect(body.errors[0]!.message).toMatch(/not valid JSON/);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'refused', status: 400, code: 'BAD_REQUEST', department: 'education', purpose: 'school-enrolment', citizen_ids: [], client_address: expect.stringMatching(/127\.0\.0\.1/) });
  });

  it('a JSON batch (an array of operations): 400, batching is not supported', async () => {
    const batch = JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    const { status, body, records } = await send({ method: 'POST', headers: { 'content-type': 'application/json', ...caller }, body: batch });
    expect(status).toBe(400);
    expect(body.errors[0]!.message).toMatch(/batching is not supported/i);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'refused', status: 400, code: 'BATCHING_NOT_SUPPORTED', department: 'education' });
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('method %s: 405 with Allow', async (method) => {
    const { status, headers, records } = await send({ method, headers: { 'content-type': 'application/json', ...caller }, body: '{"query":"{ __typename }"}' });
    expect(status).toBe(405);
    expect(headers.get('allow')).toBe('GET, POST');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'refused', status: 405, code: 'METHOD_NOT_ALLOWED', department: 'education' });
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form post', 'application/x-www-form-urlencoded'],
    ['JSON in another charset', 'application/json; charset=iso-8859-1'],
  ])('a content type that is not JSON (%s): 415', async (_label, contentType) => {
    const { status, body, records } = await send({ method: 'POST', headers: { ...caller, 'content-type': contentType }, body: '{"query":"{ __typename }"}' });
    expect(status).toBe(415);
    expect(body.errors[0]!.message).toMatch(/application\/json/);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'refused', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('JSON with charset=utf-8 is accepted and recorded once, by the GraphQL audit', async () => {
    const { status, records } = await send({ method: 'POST', headers: { ...caller, 'content-type': 'application/json; charset=utf-8' }, body: '{"query":"{ __typename }"}' });
    expect(status).toBe(200);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'allowed', status: 200 });
  });

  it('a body over the size limit: 413, refused before it is read', async () => {
    const { status, requestId } = await new Promise<{ status: number; requestId: string }>((resolve, reject) => {
      const req = request(`${gw.origin}/graphql`, { method: 'POST', headers: { ...caller, 'content-type': 'application/json', 'content-length': String(5 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, requestId: String(res.headers['x-request-id']) });
      });
      req.on('error', reject);
      req.write('{"query": "');
    });
    expect(status).toBe(413);
    const records = await recordsOf(requestId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'refused', status: 413, code: 'PAYLOAD_TOO_LARGE', department: 'education' });
  });

  it('headers over the size limit: 431 from the HTTP parser, in the GraphQL error shape', async () => {
    const answer = await rawExchange(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(20_000)}\r\nContent-Length: 0\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    const [head, body] = answer.split('\r\n\r\n') as [string, string];
    expect(JSON.parse(body).errors[0].extensions.code).toBe('REQUEST_HEADERS_TOO_LARGE');
    const requestId = /x-request-id: (\S+)/i.exec(head)?.[1] ?? null;
    const records = await recordsOf(requestId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'refused', status: 431, code: 'REQUEST_HEADERS_TOO_LARGE', department: null, client_address: expect.stringMatching(/127\.0\.0\.1/) });
  });

  it('a request that is not HTTP at all: 400, recorded', async () => {
    const answer = await rawExchange('HELLO THERE\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    const requestId = /x-request-id: (\S+)/i.exec(answer)?.[1] ?? null;
    expect(await recordsOf(requestId)).toMatchObject([{ outcome: 'refused', status: 400, code: 'BAD_REQUEST' }]);
  });

  it('a JSON object Apollo Server refuses before its pipeline (variables as a string): recorded with its code', async () => {
    const { status, records } = await send({ method: 'POST', headers: { 'content-type': 'application/json', ...caller }, body: JSON.stringify({ query: '{ __typename }', variables: '{}' }) });
    expect(status).toBe(400);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'refused', status: 400, code: 'BAD_REQUEST', department: 'education' });
  });

  it('an operation refused inside GraphQL (a syntax error) still leaves exactly one record', async () => {
    const { status, records } = await send({ method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...caller }, body: JSON.stringify({ query: '{ person(' }) });
    expect(status).toBe(400);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'refused', code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('the audit export answers a wrong method with 405 and records it', async () => {
    const { status, headers, records } = await send({ method: 'POST', path: '/audit/export?from=2026-01-01&to=2026-02-01', headers: await gw.headersFor('compliance', 'access-review') });
    expect(status).toBe(405);
    expect(headers.get('allow')).toBe('GET');
    expect(records).toMatchObject([{ outcome: 'refused', status: 405, code: 'METHOD_NOT_ALLOWED' }]);
  });

  it('an unknown route is answered 404 and not audited: it reads nothing and names nobody', async () => {
    const response = await fetch(`${gw.origin}/wp-login.php`, { headers: caller });
    expect(response.status).toBe(404);
    expect(await recordsOf(response.headers.get('x-request-id'))).toHaveLength(0);
  });
});
