import { createServer, type Server } from 'node:http';
import { handleMetrics } from './probes.js';
import { sendError } from './http-util.js';

/**
 * `/metrics` on a listener of its own (METRICS_PORT, on METRICS_HOST): the counters name
 * departments and refusal codes, which callers of the public port have no business reading. Only a
 * scraper on the operators' network should reach this port.
 */
export function createMetricsServer(): Server {
  return createServer((req, res) => {
    res.setHeader('x-content-type-options', 'nosniff');
    if (new URL(req.url ?? '/', 'http://metrics.invalid').pathname !== '/metrics') {
      return sendError(res, 404, 'NOT_FOUND', 'This listener serves only /metrics.');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendError(res, 405, 'METHOD_NOT_ALLOWED', '/metrics answers GET.');
    }
    handleMetrics(res).catch(() => {
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'The metrics could not be collected.');
      else res.destroy();
    });
  });
}
