import type { IncomingMessage } from 'node:http';

/** Host names that can only mean this machine; any port. */
const LOOPBACK_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

export interface DevelopmentRequestProblem {
  status: 403 | 415;
  code: 'FORBIDDEN' | 'UNSUPPORTED_MEDIA_TYPE';
  message: string;
}

/**
 * Why a request to a development-only route is refused, or null. The Host must name the loopback
 * address: a page on another site that rebinds its own DNS name to 127.0.0.1 still sends its own
 * name as Host (DNS rebinding). A body must be declared JSON: a cross-site HTML form can post
 * only form-encoded or plain text without a CORS preflight, which this server never grants.
 */
export function developmentRequestProblem(req: IncomingMessage, { json }: { json: boolean }): DevelopmentRequestProblem | null {
  const host = req.headers.host ?? '';
  if (!LOOPBACK_HOST.test(host)) {
    return {
      status: 403,
      code: 'FORBIDDEN',
      message: 'Development tokens are given only to requests addressed to this machine: open the gateway as http://127.0.0.1:<port>, http://localhost:<port> or http://[::1]:<port>.',
    };
  }
  const mediaType = req.headers['content-type']?.split(';')[0]!.trim().toLowerCase();
  if (json && mediaType !== 'application/json') {
    return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the token request as JSON: Content-Type: application/json with {"department": "...", "purpose": "..."}.' };
  }
  return null;
}
