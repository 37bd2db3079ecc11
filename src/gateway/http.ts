import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { GatewayServer } from './server.js';
import type { TokenSigner } from '../auth/keys.js';
import { handleGraphql } from './graphql-route.js';
import { handleAuditExport } from './audit-export-route.js';
import { developmentTokenRoutes } from './dev-tokens-route.js';
import { handleHealthz, handleMetrics, handleReadyz } from './probes.js';
import { serveWebFile, wantsIde, webRoute } from './web-route.js';
import { sendError, sendJson } from './http-util.js';
import { ASSERTION_KEYS_PATH } from '../auth/assertion-keys.js';
import { newRequestLog, type RequestLog } from './request-log.js';
import { httpDuration, httpRequests } from '../observability/metrics.js';
import { handleClientError } from './malformed-request.js';

export interface HttpOptions {
  /**
   * The development signer, when the gateway runs on its development keys: the IDE and the
   * compliance console may then ask for development tokens. Never given in production.
   */
  developmentTokens?: TokenSigner | null;
  /** `/metrics` on this server; false when it has a listener of its own (METRICS_PORT). Default true. */
  metrics?: boolean;
  /** The GraphQL IDE (IDE_ENABLED). Default true. */
  ide?: boolean;
  /** The compliance console (COMPLIANCE_CONSOLE_ENABLED). Default true. */
  complianceConsole?: boolean;
}

/** Probes are asked every few seconds: logged only at debug level so they do not drown requests. */
const QUIET_ROUTES = new Set(['healthz', 'readyz', 'metrics', 'vendor', 'shared', 'assertion-keys']);

/**
 * Node's HTTP server in front of Apollo Server: `/graphql`, the browser interfaces (`/ide`,
 * `/compliance`), the audit export, and the operations endpoints (`/healthz`, `/readyz`,
 * `/metrics`). Every response carries `X-Request-Id`; every request leaves one log line and its
 * metrics.
 */
export function createHttpServer(gateway: GatewayServer, options: HttpOptions = {}): Server {
  // The departments and purposes offered are those of the policy this gateway enforces.
  const devTokens = options.developmentTokens && gateway.policyFile ? developmentTokenRoutes(options.developmentTokens, gateway.policyFile, gateway.accessControl?.maxTokenLifetimeSeconds) : null;

  const withheld = withheldRoutes(options);

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, log: RequestLog): Promise<void> {
    switch (withheld.has(log.route) ? 'not-found' : log.route) {
      case 'graphql':
        return handleGraphql(gateway, req, res, url, log);
      case 'ide':
        // A browser opening the GraphQL endpoint itself gets the IDE, as Apollo's landing page would.
        return serveWebFile(url.pathname === '/graphql' ? '/ide' : url.pathname, req, res);
      case 'compliance':
      case 'shared':
      case 'vendor':
        return serveWebFile(url.pathname, req, res);
      case 'healthz':
        return handleHealthz(res);
      case 'readyz':
        return handleReadyz(gateway, res);
      case 'metrics':
        return handleMetrics(res);
      case 'audit-export':
        return handleAuditExport(gateway, req, res, url, log);
      case 'assertion-keys':
        // Public keys only: subgraph services fetch them to check the gateway's caller assertions.
        if (gateway.assertionKeys) return sendJson(res, 200, gateway.assertionKeys);
        break;
      case 'dev-token':
        if (devTokens) return url.pathname === '/dev/token' ? devTokens.issue(req, res) : devTokens.options(req, res);
    }
    log.route = 'not-found';
    sendError(res, 404, 'NOT_FOUND', `Nothing at ${url.pathname}. ${whereThingsAre(withheld)}`);
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    const log = newRequestLog(routeName(req, url));
    const started = performance.now();
    res.setHeader('x-request-id', log.requestId);
    // API answers are per caller and never cached or sniffed; the web routes set their own caching.
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    res.once('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      httpRequests.inc({ route: log.route, status: res.statusCode });
      httpDuration.observe({ route: log.route }, seconds);
      const line = {
        requestId: log.requestId,
        method: req.method,
        route: log.route,
        status: res.statusCode,
        ms: Math.round(seconds * 1000),
        ...(log.department ? { department: log.department, purpose: log.purpose } : {}),
      };
      if (QUIET_ROUTES.has(log.route)) gateway.logger.debug(line, 'request');
      else gateway.logger.info(line, 'request');
    });
    try {
      await route(req, res, url, log);
    } catch (error) {
      gateway.logger.error({ requestId: log.requestId, route: log.route, err: error }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal error; the request id identifies it in the logs.');
      else res.destroy();
    }
  });
  server.on('clientError', handleClientError(gateway));
  return server;
}

const FIXED_ROUTES: Record<string, string> = {
  '/healthz': 'healthz',
  '/readyz': 'readyz',
  '/metrics': 'metrics',
  '/audit/export': 'audit-export',
  '/dev/token-options': 'dev-token',
  '/dev/token': 'dev-token',
  [ASSERTION_KEYS_PATH]: 'assertion-keys',
};

/** The fixed name of the route a request is for: its log and metric label, never the raw path. */
function routeName(req: IncomingMessage, url: URL): string {
  if (url.pathname === '/graphql') return wantsIde(req, url) ? 'ide' : 'graphql';
  return webRoute(url.pathname) ?? FIXED_ROUTES[url.pathname] ?? 'not-found';
}

/** The routes this server does not offer (production posture): they answer 404, as if they did not exist. */
function withheldRoutes({ metrics = true, ide = true, complianceConsole = true }: HttpOptions): Set<string> {
  const routes: string[] = [];
  if (!metrics) routes.push('metrics');
  if (!ide) routes.push('ide', 'vendor');
  if (!complianceConsole) routes.push('compliance');
  if (!ide && !complianceConsole) routes.push('shared');
  return new Set(routes);
}

function whereThingsAre(withheld: Set<string>): string {
  const web = [!withheld.has('ide') && 'the IDE is /ide', !withheld.has('compliance') && 'the compliance console /compliance'].filter(Boolean);
  return `The GraphQL endpoint is /graphql${web.length ? `; ${web.join(', ')}` : ''}.`;
}

/** Listens and resolves with the bound port (useful with port 0 in tests). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
