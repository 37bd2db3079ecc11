import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { createLogger } from '../../src/observability/log.js';

let gw: TestGateway;
let citizenId: string;
const logLines: Record<string, any>[] = [];

beforeAll(async () => {
  const destination = new PassThrough();
  destination.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
  });
  gw = await startTestGateway({ persons: 20, seed: 3, logger: createLogger({ level: 'debug', destination }) });
  [{ citizen_id: citizenId }] = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person limit 1')) as [{ citizen_id: string }];
});
afterAll(() => gw?.close());

const get = (path: string, init?: RequestInit) => fetch(`${gw.origin}${path}`, init);

describe('probes', () => {
  it('answers /healthz while the process runs', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with each dependency checked', async () => {
    const up = await get('/readyz');
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ready', checks: { database: 'ok', auditStore: 'ok', composition: 'ok', shutdown: 'ok' } });
  });
});

describe('metrics', () => {
  it('counts requests, latency, denials by department and code, audit writes and DataLoader batches', async () => {
    const education = await gw.headersFor('education', 'school-enrolment');
    await gw.query('query($id: CitizenId!) { person(citizenId: $id) { name tax { status } health { communityHealthCentre } } }', { id: citizenId }, education);
    await gw.query('{ __typename }', {}, { authorization: 'Bearer not-a-token', 'x-purpose': 'school-enrolment' });
    const response = await get('/metrics');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
    expect(value(/^gateway_http_requests_total\{route="graphql",status="200"\} (\d+)$/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^gateway_http_request_duration_seconds_count\{route="graphql"\} (\d+)$/m)).toBeGreaterThanOrEqual(2);
    // Two fields denied to education in one request; the forged token refused with no department known.
    expect(value(/^gateway_denials_total\{department="education",code="FORBIDDEN"\} (\d+)$/m)).toBeGreaterThanOrEqual(2);
    expect(value(/^gateway_denials_total\{department="unknown",code="UNAUTHENTICATED"\} (\d+)$/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^gateway_audit_write_duration_seconds_count (\d+)$/m)).toBeGreaterThanOrEqual(2);
    expect(value(/^gateway_dataloader_batch_keys_count\{read="registry\.person"\} (\d+)$/m)).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^process_cpu_seconds_total /m);
    // Labels are codes, never people.
    expect(text).not.toContain(citizenId);
  });
});

describe('logs', () => {
  it('writes one JSON line per request with its request id, route, status and caller codes', async () => {
    const education = await gw.headersFor('education', 'school-enrolment');
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...education },
      body: JSON.stringify({ query: 'query($id: CitizenId!) { person(citizenId: $id) { name } }', variables: { id: citizenId } }),
    });
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await response.json();
    await expect.poll(() => logLines.find((l) => l.requestId === requestId)).toMatchObject({
      level: 'info',
      msg: 'request',
      route: 'graphql',
      status: 200,
      department: 'education',
      purpose: 'school-enrolment',
    });
  });

  it('never logs population data, variables or tokens', async () => {
    const education = await gw.headersFor('education', 'school-enrolment');
    await gw.query('query($id: CitizenId!) { person(citizenId: $id) { name } }', { id: citizenId }, education);
    await get('/healthz');
    await expect.poll(() => logLines.some((l) => l.route === 'healthz')).toBe(true);
    const all = JSON.stringify(logLines);
    expect(all).not.toContain(citizenId);
    expect(all).not.toContain(education.authorization.slice(7, 40));
    const [{ name }] = (await gw.database.query<{ name: string }>('select name from registry.person where citizen_id = $1', [citizenId])) as [{ name: string }];
    expect(all).not.toContain(name);
  });
});

describe('the browser interfaces', () => {
  it('serves the IDE at /ide and to a browser opening /graphql, loading only files of its own', async () => {
    for (const path of ['/ide', '/graphql']) {
      const response = await get(path, { headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'.*connect-src 'self'/);
      const html = await response.text();
      const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      expect(assets.length).toBeGreaterThanOrEqual(5);
      for (const asset of assets) {
        expect(asset, 'an asset from another host').toMatch(/^\/(vendor|ide)\//);
        expect((await get(asset)).status, asset).toBe(200);
      }
    }
  });

  it('serves the compliance console the same way', async () => {
    const response = await get('/compliance');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/style-src 'self';/);
    const html = await response.text();
    for (const [, asset] of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
      // The empty favicon (so the browser asks for none) and the skip link stay on the page.
      if (asset!.startsWith('data:') || asset!.startsWith('#')) continue;
      expect(asset).toMatch(/^\/compliance\//);
      expect((await get(asset!)).status, asset).toBe(200);
    }
  });

  it('refuses to take a POST at a page', async () => {
    const response = await get('/ide', { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('still answers GraphQL GET requests and gives 404 with directions elsewhere', async () => {
    const viaGet = await get(`/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { ...(await gw.headersFor('education', 'school-enrolment')), 'apollo-require-preflight': 'true' } });
    expect(viaGet.status).toBe(200);
    expect(await viaGet.json()).toEqual({ data: { __typename: 'Query' } });
    const missing = await get('/ide/../../package.json');
    expect(missing.status).toBe(404);
    const nowhere = await get('/admin');
    expect(nowhere.status).toBe(404);
    expect(((await nowhere.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/GraphQL endpoint is \/graphql.*IDE is \/ide/);
  });

  it('has no development-token routes unless the server signs development tokens', async () => {
    expect((await get('/dev/token-options')).status).toBe(404);
    expect((await get('/dev/token', { method: 'POST', body: '{}' })).status).toBe(404);
  });
});

describe('shutting down', () => {
  // Last in this file: the gateway stays unready afterwards.
  it('turns unready at once but still answers the requests that arrive meanwhile', async () => {
    gw.gateway.beginShutdown();
    const response = await get('/readyz');
    expect(response.status).toBe(503);
    expect(((await response.json()) as { checks: Record<string, string> }).checks).toMatchObject({ database: 'ok', shutdown: 'shutting down: finishing the requests in flight' });
    const late = await gw.query('{ __typename }', {}, await gw.headersFor('education', 'school-enrolment'));
    expect(late.body).toEqual({ data: { __typename: 'Query' } });
  });
});
