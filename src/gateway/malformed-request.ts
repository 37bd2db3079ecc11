import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import type { GatewayServer } from './server.js';
import { accountRefusal } from './graphql-route.js';
import { errorBody, HttpError } from './http-util.js';
import { newRequestLog } from './request-log.js';
import { httpRequests } from '../observability/metrics.js';

/** Parser errors Node reports for requests too broken to reach a route, as the refusal they get. */
function refusalOf(code: string | undefined): HttpError | null {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new HttpError(431, 'The request headers are larger than this server accepts (16 KB in all): send a shorter token and fewer or smaller headers.', 'REQUEST_HEADERS_TOO_LARGE');
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return new HttpError(408, 'The request was not received in time; send it again.', 'REQUEST_TIMEOUT');
  if (code?.startsWith('HPE_')) return new HttpError(400, 'The request is not valid HTTP/1.1.');
  return null;
}

/**
 * Node's `clientError`: a request refused before any route saw it (oversized headers, broken
 * HTTP, too slow). It is a refusal like any other: audited within the refusal limit of its client
 * address, and answered in the GraphQL error shape. A client that went away (ECONNRESET) is not
 * a refusal: its socket is just closed.
 */
export function handleClientError(gateway: GatewayServer) {
  return (error: NodeJS.ErrnoException, socket: Duplex & { remoteAddress?: string; _httpMessage?: { headersSent?: boolean } | null }): void => {
    const refusal = refusalOf(error.code);
    if (!refusal || !socket.writable || socket._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    const log = newRequestLog('malformed');
    void (async () => {
      let answer: unknown = refusal;
      try {
        gateway.rateLimits.refusals.checkAddress(socket.remoteAddress);
        answer = await accountRefusal(gateway, log, socket.remoteAddress, refusal, undefined);
      } catch (thrown) {
        answer = thrown;
      }
      const { status, code, message, headers, extensions } =
        answer instanceof HttpError ? answer : { status: 503, code: 'AUDIT_UNAVAILABLE', message: (answer as Error).message, headers: {}, extensions: {} };
      const body = JSON.stringify(errorBody(code, message, extensions));
      const head = [
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
        'content-type: application/json; charset=utf-8',
        'cache-control: no-store',
        `content-length: ${Buffer.byteLength(body)}`,
        `x-request-id: ${log.requestId}`,
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
        'connection: close',
      ];
      httpRequests.inc({ route: log.route, status });
      if (socket.writable) socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
      else socket.destroy();
    })();
  };
}
