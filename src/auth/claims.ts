import type { JWTPayload } from 'jose';
import { formatDuration } from '../domain/duration.js';

/**
 * The longest text a claim may carry. Subject and app are stored in every audit record, and a
 * refusal must never repeat a huge value back; 256 characters is far beyond any real identifier.
 */
const MAX_CLAIM_LENGTH = 256;
/** More purposes or roles than this in one token is not a token anyone issued on purpose. */
const MAX_CLAIM_ENTRIES = 64;

/** A case reference (X-Case-Id) is an identifier, not a place for data: short and printable. */
export const CASE_ID = /^[\p{L}\p{N}][\p{L}\p{N} ._:/#-]{0,127}$/u;

/** What the caller's own claims say, each checked for its type; see {@link readClaims}. */
export interface Claims {
  /** The person or application the token was issued to (`sub`). */
  subject: string;
  /** Department code (DOMAIN.md), from the `department` claim. */
  department: string;
  /** The application acting, when the token names one (`app`). */
  app?: string;
  roles: string[];
  /** When the token is limited to some purposes (`purposes` claim), those; otherwise undefined. */
  purposes?: string[];
  /** The district office the caller works for (`district` claim, GB/T 2260 code), if any. */
  district?: string;
  /** When the token expires (`exp`, seconds since the epoch). */
  expiresAt: number;
}

/**
 * Why a request has no valid caller; `reason` is machine-readable, the message says what to do.
 * The claims' own reasons: `bad claim` (wrong type or size), `unknown department`, `lifetime too long`.
 */
export class AuthenticationError extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/**
 * Reads a verified token's claims strictly: a claim of the wrong type is refused, never read as
 * "no restriction" (a `purposes` of `"x"` or `null` once meant "every purpose": fail open). The
 * department must be an own key of the policy's departments, so `constructor` or `__proto__`,
 * which `in` finds on every object, name no department.
 *
 * The lifetime is `exp - iat`; a token without `iat` is judged by what is left of it (`exp - now`),
 * and so is one whose `iat` lies in the future, so a late `iat` cannot stretch a token's life.
 */
export function readClaims(
  payload: JWTPayload,
  knownDepartments: Readonly<Record<string, string>>,
  maxLifetimeSeconds: number,
  now: number,
  clockToleranceSeconds: number,
): Claims {
  const subject = text(payload.sub, 'sub', true);
  const department = text(payload.department, 'department', true);
  if (!Object.hasOwn(knownDepartments, department)) {
    throw new AuthenticationError('unknown department', `The token's "department" claim (${shown(department)}) is not a department of the sharing policy.`);
  }
  const exp = payload.exp!; // required and checked as a number by jose
  const lifetime = Math.max(exp - (typeof payload.iat === 'number' ? payload.iat : exp), exp - now - clockToleranceSeconds);
  if (lifetime > maxLifetimeSeconds) {
    throw new AuthenticationError(
      'lifetime too long',
      `The token lives ${formatDuration(Math.ceil(lifetime))} (from "iat", or from now without one, to "exp"); this gateway accepts tokens of at most ${formatDuration(maxLifetimeSeconds)}. Ask for a shorter-lived token.`,
    );
  }
  return {
    subject,
    department,
    app: optionalText(payload.app, 'app'),
    roles: list(payload.roles, 'roles') ?? [],
    purposes: list(payload.purposes, 'purposes'),
    district: optionalText(payload.district, 'district'),
    expiresAt: exp,
  };
}

function text(value: unknown, claim: string, required: boolean): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_CLAIM_LENGTH) {
    throw badClaim(claim, `${required ? '' : 'absent or '}a non-empty string of at most ${MAX_CLAIM_LENGTH} characters`, value);
  }
  return value;
}

function optionalText(value: unknown, claim: string): string | undefined {
  return value === undefined ? undefined : text(value, claim, false);
}

function list(value: unknown, claim: string): string[] | undefined {
  if (value === undefined) return undefined;
  const expected = `absent or an array of at most ${MAX_CLAIM_ENTRIES} non-empty strings of at most ${MAX_CLAIM_LENGTH} characters`;
  if (!Array.isArray(value) || value.length > MAX_CLAIM_ENTRIES) throw badClaim(claim, expected, value);
  value.forEach((entry, index) => {
    if (typeof entry !== 'string' || entry === '' || entry.length > MAX_CLAIM_LENGTH) {
      throw new AuthenticationError('bad claim', `The token's "${claim}" claim must be ${expected}; its entry ${index} is ${kind(entry)}. Ask your identity provider for a token with a well-formed "${claim}".`);
    }
  });
  return value as string[];
}

function badClaim(claim: string, expected: string, value: unknown): AuthenticationError {
  return new AuthenticationError('bad claim', `The token's "${claim}" claim must be ${expected}; it is ${kind(value)}. Ask your identity provider for a token with a well-formed "${claim}".`);
}

/** What a claim's value is, without repeating it: a refusal must not echo what a caller sent. */
function kind(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} entries`;
  if (typeof value === 'string') return value === '' ? 'an empty string' : `a string of ${value.length} characters`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A short code as it was sent (it names the problem), anything longer only by its length. */
const shown = (value: string) => (value.length <= 64 && /^[\w.-]*$/.test(value) ? `"${value}"` : `a string of ${value.length} characters`);
