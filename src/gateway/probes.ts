import type { ServerResponse } from 'node:http';
import type { GatewayServer } from './server.js';
import { sendJson } from './http-util.js';
import { metricsRegistry } from '../observability/metrics.js';

/** `/healthz`: the process is up and its event loop answers; says nothing about the database. */
export function handleHealthz(res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok' });
}

/**
 * `/readyz`: 200 when the gateway can answer (database, audit store, composition), 503 naming
 * what is not ready, so a load balancer sends requests elsewhere until it is back.
 */
export async function handleReadyz(gateway: GatewayServer, res: ServerResponse): Promise<void> {
  const { ready, checks } = await gateway.readiness();
  sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unready', checks });
}

/** `/metrics`: the process's Prometheus metrics in the text exposition format. */
export async function handleMetrics(res: ServerResponse): Promise<void> {
  const text = await metricsRegistry.metrics();
  res.writeHead(200, { 'content-type': metricsRegistry.contentType, 'cache-control': 'no-store' });
  res.end(text);
}
