import diagnostics from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// A city's gateway runs on a government network: starting it and answering queries must not reach
// any host but the database (cloud metadata probes, vendor telemetry, schema registries).
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])(:\d+)?$/;
const outsideCalls: string[] = [];

function record(host: string | undefined, path = ''): void {
  if (host && !LOOPBACK.test(host)) outsideCalls.push(`${host}${path}`);
}
const onHttp = (message: unknown) => {
  const { request } = message as { request: { host?: string; path?: string } };
  record(request.host, request.path);
};
const onFetch = (message: unknown) => {
  const { request } = message as { request: { origin?: string; path?: string } };
  record(request.origin ? new URL(request.origin).host : undefined, request.path);
};

let gw: TestGateway;

beforeAll(async () => {
  diagnostics.subscribe('http.client.request.start', onHttp);
  diagnostics.subscribe('undici:request:create', onFetch);
  gw = await startTestGateway({ persons: 20, seed: 3 });
});
afterAll(async () => {
  diagnostics.unsubscribe('http.client.request.start', onHttp);
  diagnostics.unsubscribe('undici:request:create', onFetch);
  await gw?.close();
});

describe('the gateway on a closed network', () => {
  it('makes no request to any outside host while starting and answering', async () => {
    const { body } = await gw.query('{ persons(citizenIds: ["440106199001011235"]) { name } }');
    expect(body.errors).toBeUndefined();
    // Cloud-resource detectors start asynchronously after the gateway is built: give them time.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(outsideCalls).toEqual([]);
  });
});
