import type { IncomingMessage, ServerResponse } from 'node:http';
import { issueToken } from '../auth/caller.js';
import type { TokenSigner } from '../auth/keys.js';
import { purposesOf, tokenRequestProblem } from '../auth/token-request.js';
import type { PolicyFile } from '../policy/policy-file.js';
import { HttpError, parseBody, readBody, sendError, sendJson } from './http-util.js';
import { developmentRequestProblem } from './loopback-only.js';

/**
 * Purposes limited to one district's residents need the caller's district in the token; the IDE
 * names Yuexiu, one of the demo data's districts, so such purposes can be tried at once.
 */
const DEMO_DISTRICT = '440104';

/** Long enough for a working day in the IDE; the development keys are refused in production anyway. */
const IDE_TOKEN_TTL_SECONDS = 8 * 3600;

/**
 * Development tokens for the browser interfaces: a developer picks a department and purpose
 * instead of running the token command. Mounted only when the gateway signs with its development
 * keys (never with NODE_ENV=production, which refuses those keys), so a real deployment has no
 * such route at all.
 */
export function developmentTokenRoutes(signer: TokenSigner, policy: PolicyFile, maxLifetimeSeconds = IDE_TOKEN_TTL_SECONDS) {
  // A token the gateway would refuse (AUTH_MAX_TOKEN_LIFETIME below a working day) is never handed out.
  const ttlSeconds = Math.min(IDE_TOKEN_TTL_SECONDS, maxLifetimeSeconds);
  const options = {
    departments: Object.entries(policy.departments).map(([code, name]) => ({
      code,
      name,
      purposes: purposesOf(policy, code).map(({ code: purpose, description }) => ({ code: purpose, description })),
    })),
  };
  return {
    /** `GET /dev/token-options`: the departments and their purposes, to choose from. */
    options(req: IncomingMessage, res: ServerResponse): void {
      const notLocal = developmentRequestProblem(req, { json: false });
      if (notLocal) return sendError(res, notLocal.status, notLocal.code, notLocal.message);
      sendJson(res, 200, options);
    },
    /** `POST /dev/token` with `{department, purpose}`: a signed token for it, as the CLI would print. */
    async issue(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const notLocal = developmentRequestProblem(req, { json: req.method === 'POST' });
      if (notLocal) return sendError(res, notLocal.status, notLocal.code, notLocal.message);
      if (req.method !== 'POST') return sendError(res, 405, 'BAD_REQUEST', 'POST {"department": "...", "purpose": "..."} as JSON');
      let body: { department?: unknown; purpose?: unknown } | undefined;
      try {
        body = parseBody(await readBody(req, 4096), 'application/json') as typeof body;
      } catch (error) {
        if (error instanceof HttpError) return sendError(res, error.status, error.code, error.message);
        throw error;
      }
      const department = typeof body?.department === 'string' ? body.department : undefined;
      const purpose = typeof body?.purpose === 'string' ? body.purpose : undefined;
      const refused = tokenRequestProblem(policy, department, purpose ? [purpose] : []);
      if (refused) return sendError(res, 400, 'BAD_REQUEST', `${refused.input} ${refused.problem}`);
      const districtScoped = policy.grants.some((g) => g.department === department && g.purpose === purpose && g.rowScope);
      const token = await issueToken(signer, {
        department: department!,
        purposes: [purpose!],
        subject: `${department}-developer`,
        ...(districtScoped ? { district: DEMO_DISTRICT } : {}),
        ttlSeconds,
      });
      sendJson(res, 200, { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString() });
    },
  };
}
