import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { createMetricsServer } from '../../src/gateway/metrics-listener.js';
import { listen } from '../../src/gateway/http.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { answersAsLegacyJson } from '../../src/gateway/legacy-json-status.js';

let development: TestGateway;
let production: TestGateway;
let metrics: Server;
let metricsOrigin: string;

beforeAll(async () => {
  development = await startTestGateway({ persons: 5, seed: 9 });
  // What `start` serves with NODE_ENV=production and no IDE_ENABLED / COMPLIANCE_CONSOLE_ENABLED.
  production = await startTestGateway({ persons: 5, seed: 9, http: { metrics: false, ide: false, complianceConsole: false } });
  metrics = createMetricsServer();
  metricsOrigin = `http://127.0.0.1:${await listen(metrics, 0, '127.0.0.1')}`;
});
afterAll(async () => {
  await development?.close();
  await production?.close();
  await new Promise((resolve) => metrics?.close(resolve));
});

/** A production configuration needs a checkpoint signing key file; its content is not read by loadConfig. */
const PRODUCTION_ENV = { NODE_ENV: 'production', AUTH_HS256_SECRET: 'a'.repeat(32), AUDIT_CHECKPOINT_KEY_FILE: fileURLToPath(import.meta.url) };

describe('production posture: the public port serves the API, not the operators tools', () => {
  it.each([
    ['/metrics', {}],
    ['/ide', {}],
    ['/graphql', { accept: 'text/html' }],
    ['/vendor/graphiql.js', {}],
    ['/compliance', {}],
    ['/shared/claims.js', {}],
  ])('answers 404 for %s', async (path, headers) => {
    const response = await fetch(`${production.origin}${path}`, { headers });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('NOT_FOUND');
    // The refusal does not point at what is switched off.
    expect(body.errors[0]!.message).toBe(`Nothing at ${path}. The GraphQL endpoint is /graphql.`);
  });

  it('still answers GraphQL and the probes', async () => {
    const { status, body } = await production.query('{ __typename }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ __typename: 'Query' });
    expect((await fetch(`${production.origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${production.origin}/readyz`)).status).toBe(200);
  });

  it('serves /metrics on its own listener, and nothing else there', async () => {
    const response = await fetch(`${metricsOrigin}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toMatch(/^gateway_http_requests_total\{/m);
    expect((await fetch(`${metricsOrigin}/graphql`)).status).toBe(404);
    expect((await fetch(`${metricsOrigin}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('in development the IDE, the console and /metrics stay on the public port', async () => {
    expect((await fetch(`${development.origin}/metrics`)).status).toBe(200);
    expect((await fetch(`${development.origin}/ide`)).status).toBe(200);
    expect((await fetch(`${development.origin}/compliance`)).status).toBe(200);
  });
});

describe('API answers are never cached or sniffed (Cache-Control: no-store, X-Content-Type-Options: nosniff)', () => {
  const expectPrivate = (response: Response, what: string) => {
    expect(response.headers.get('cache-control'), what).toBe('no-store');
    expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  };

  it('on GraphQL answers, granted, refused, by POST and by GET, in both media types', async () => {
    const headers = await development.headersFor('public-security', 'household-registration');
    const post = (accept: string) => fetch(development.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', accept }, body: JSON.stringify({ query: '{ __typename }' }) });
    expectPrivate(await post('application/json'), 'POST application/json');
    expectPrivate(await post('application/graphql-response+json'), 'POST application/graphql-response+json');
    expectPrivate(await fetch(`${development.url}?query=${encodeURIComponent('{ __typename }')}`, { headers }), 'GET');
    expectPrivate(await fetch(development.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }), 'no token');
    const persisted = await fetch(development.url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }),
    });
    expectPrivate(persisted, 'persisted-query error (Apollo marks it privately cacheable)');
  });

  it('on every JSON answer: probes, refusals, not found', async () => {
    for (const path of ['/healthz', '/readyz', '/nowhere', '/audit/export']) expectPrivate(await fetch(`${development.origin}${path}`), path);
  });

  it('while the pages keep their own caching and are not sniffed either', async () => {
    const page = await fetch(`${development.origin}/vendor/graphiql.js`);
    expect(page.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('GraphQL request errors: 200 for application/json clients, 4xx for application/graphql-response+json', () => {
  const send = (accept: string | undefined, query: string) =>
    development.query(query, {}, accept === undefined ? { accept: '' } : { accept });

  it.each([
    ['a parse error', '{ person('],
    ['a validation error', '{ nosuchfield }'],
  ])('%s', async (_what, query) => {
    expect((await send('application/json', query)).status).toBe(200);
    expect((await send(undefined, query)).status).toBe(200);
    expect((await send('application/graphql-response+json', query)).status).toBe(400);
    const refused = await send('application/json', query);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0]?.extensions?.code).toMatch(/^GRAPHQL_(PARSE|VALIDATION)_FAILED$/);
  });

  it('reads the Accept header as Apollo Server does: quality, then specificity, then order', () => {
    expect(answersAsLegacyJson(undefined)).toBe(true);
    expect(answersAsLegacyJson('*/*')).toBe(true);
    expect(answersAsLegacyJson('application/graphql-response+json')).toBe(false);
    expect(answersAsLegacyJson('application/graphql-response+json, application/json;q=0.9')).toBe(false);
    expect(answersAsLegacyJson('application/json;q=0.5, application/graphql-response+json;q=0.4')).toBe(true);
    expect(answersAsLegacyJson('application/json, application/graphql-response+json')).toBe(true);
    expect(answersAsLegacyJson('application/graphql-response+json, */*')).toBe(false);
    expect(answersAsLegacyJson('application/json;q=0, application/graphql-response+json')).toBe(false);
  });
});

describe('configuration of the production posture', () => {
  it('in production: metrics on their own listener (127.0.0.1:9464), IDE and console off, no allow-list unless named', () => {
    expect(loadConfig(PRODUCTION_ENV)).toMatchObject({
      metrics: { listener: 'own', host: '127.0.0.1', port: 9464 },
      ideEnabled: false,
      complianceConsoleEnabled: false,
      operationsAllowlist: null,
    });
  });

  it('in development: everything on the public port unless METRICS_PORT is set', () => {
    expect(loadConfig({})).toMatchObject({ metrics: { listener: 'public' }, ideEnabled: true, complianceConsoleEnabled: true });
    expect(loadConfig({ METRICS_PORT: '9100', METRICS_HOST: '10.0.0.5' }).metrics).toEqual({ listener: 'own', host: '10.0.0.5', port: 9100 });
  });

  it('lets an operator turn the IDE and the console on in production, and /metrics moved', () => {
    expect(loadConfig({ ...PRODUCTION_ENV, IDE_ENABLED: 'true', COMPLIANCE_CONSOLE_ENABLED: '1', METRICS_PORT: '9100' })).toMatchObject({
      ideEnabled: true,
      complianceConsoleEnabled: true,
      metrics: { listener: 'own', port: 9100 },
    });
  });

  it('reports every wrong value at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '9464', METRICS_PORT: '9464', IDE_ENABLED: 'maybe', COMPLIANCE_CONSOLE_ENABLED: 'sometimes', OPERATIONS_ALLOWLIST: '/nowhere/allowlist.json' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'OPERATIONS_ALLOWLIST names /nowhere/allowlist.json, which does not exist (npx city-population-gateway operations build writes one)',
      'METRICS_PORT must differ from PORT (9464): /metrics is served on a listener of its own',
      'IDE_ENABLED must be true or false, got "maybe"',
      'COMPLIANCE_CONSOLE_ENABLED must be true or false, got "sometimes"',
    ]);
  });
});
