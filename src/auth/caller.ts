import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { TokenSigner, TokenVerifier } from './keys.js';
import { AuthenticationError, readClaims, type Claims } from './claims.js';

/** Who is asking, as a verified token says: its claims, each checked for its type. */
export type Caller = Claims;

export { AuthenticationError };

/** Allowed skew between the token issuer's clock and ours. */
export const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Checks `Authorization: Bearer <JWT>` and returns the caller. Every failure says which check failed
 * and what to do, and never echoes the token.
 */
export async function authenticate(
  authorization: string | undefined,
  verifier: TokenVerifier,
  knownDepartments: Readonly<Record<string, string>>,
): Promise<Caller> {
  if (!authorization) {
    throw new AuthenticationError('missing', 'No credentials: send "Authorization: Bearer <token>" (npm run token prints a development token).');
  }
  const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)\s*$/i.exec(authorization);
  if (!match) {
    throw new AuthenticationError('malformed', 'The Authorization header must be "Bearer " followed by a JWT (three base64url parts separated by dots).');
  }
  let payload;
  try {
    ({ payload } = await jwtVerify(match[1]!, verifier.key as never, {
      issuer: verifier.issuer,
      audience: verifier.audience,
      algorithms: verifier.algorithms,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (error) {
    throw describeTokenFailure(error, verifier);
  }
  return readClaims(payload, knownDepartments, verifier.maxLifetimeSeconds, Date.now() / 1000, CLOCK_TOLERANCE_SECONDS);
}

function describeTokenFailure(error: unknown, verifier: TokenVerifier): AuthenticationError {
  if (error instanceof joseErrors.JWTExpired) {
    return new AuthenticationError('expired', 'The token has expired; get a new one from your identity provider.');
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'nbf':
        return new AuthenticationError('not yet valid', 'The token is not valid yet (its "nbf" is in the future); check the issuing clock.');
      case 'iss':
        return new AuthenticationError('wrong issuer', `The token was issued by someone else; this gateway accepts issuer "${verifier.issuer}".`);
      case 'aud':
        return new AuthenticationError('wrong audience', `The token is meant for another service; this gateway's audience is "${verifier.audience}".`);
      default:
        return new AuthenticationError('missing claim', `The token lacks a valid "${error.claim}" claim.`);
    }
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) {
    return new AuthenticationError('algorithm not allowed', `The token's signing algorithm is not accepted here; use ${verifier.algorithms.join(' or ')}.`);
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey) {
    return new AuthenticationError('bad signature', 'The token\'s signature does not match any key this gateway trusts.');
  }
  return new AuthenticationError('malformed', 'The token could not be read as a signed JWT.');
}

export interface TokenRequest {
  department: string;
  subject: string;
  purposes?: string[];
  app?: string;
  roles?: string[];
  district?: string;
  /** Lifetime in seconds. */
  ttlSeconds: number;
}

/** Issues a token with the local signer (development keys or the shared HS256 secret). */
export function issueToken(signer: TokenSigner, request: TokenRequest): Promise<string> {
  const claims: Record<string, unknown> = { department: request.department, roles: request.roles ?? [] };
  if (request.purposes) claims.purposes = request.purposes;
  if (request.app) claims.app = request.app;
  if (request.district) claims.district = request.district;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: signer.algorithm, typ: 'JWT', ...(signer.kid ? { kid: signer.kid } : {}) })
    .setSubject(request.subject)
    .setIssuer(signer.issuer)
    .setAudience(signer.audience)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds}s`)
    .sign(signer.key);
}
