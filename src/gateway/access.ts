import { authenticate, AuthenticationError, CLOCK_TOLERANCE_SECONDS, type Caller } from '../auth/caller.js';
import type { TokenVerifier } from '../auth/keys.js';
import { CASE_ID } from '../auth/claims.js';
import type { CompiledPolicy, Grant } from '../policy/compile.js';
import type { Purpose } from '../policy/policy-file.js';
import type { RowScope } from '../subgraphs/context.js';
import { isDistrictCode } from '../domain/districts.js';
import { callerColumns } from '../audit/record.js';

/** A verified caller acting for a declared purpose, and what that lets it read. */
export interface Access {
  caller: Caller;
  purpose: Purpose;
  /** The caller's case or file reference (`X-Case-Id`), kept for the audit. */
  caseId?: string;
  grant: Grant;
  /** The people the grant reaches, when it has a row scope. */
  rowScope?: RowScope;
}

/** The audit record's caller columns for a verified access (all null without one). */
export const accessColumns = (access: Access | undefined) => callerColumns(access?.caller, access?.purpose.code, access?.caseId);

/** A request refused before any data is read: HTTP status, error code, and what to do about it. */
export class AccessError extends Error {
  constructor(
    readonly status: number,
    readonly code: 'UNAUTHENTICATED' | 'PURPOSE_REQUIRED' | 'PURPOSE_NOT_ALLOWED' | 'FORBIDDEN' | 'BAD_REQUEST',
    message: string,
    readonly extensions: Record<string, unknown> = {},
    /** Who was refused, when the token was good but the purpose or scope was not (for the audit). */
    readonly caller?: Caller,
    readonly declaredPurpose?: string,
  ) {
    super(message);
    this.name = 'AccessError';
  }
}

const MAX_VERIFIED_TOKENS = 10_000;


/** What a purpose code looks like (schema/policy.yaml): anything else is refused before it is looked up. */
const PURPOSE_CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;

type Headers = { get(name: string): string | undefined | null };

/**
 * Steps 1 and 2 of a request (DESIGN.md): who is calling (a verified token) and for what declared
 * purpose. Runs before the body is parsed or any subgraph is called.
 */
export class AccessControl {
  constructor(
    private readonly verifier: TokenVerifier,
    readonly policy: CompiledPolicy,
  ) {}

  /**
   * Callers already verified, by their exact Authorization header, until their token expires: an
   * application sends the same token for many requests, and checking a signature costs more than
   * the rest of the policy. The same string carries the same signed claims, so nothing is trusted
   * that was not verified; bounded, oldest dropped first.
   */
  private readonly verified = new Map<string, Caller>();

  /** The longest token lifetime accepted (AUTH_MAX_TOKEN_LIFETIME): token issuers here stay under it. */
  get maxTokenLifetimeSeconds(): number {
    return this.verifier.maxLifetimeSeconds;
  }

  async authorize(headers: Headers): Promise<Access> {
    const caller = await this.authenticate(headers.get('authorization') ?? undefined);
    const allowed = this.policy
      .purposesOf(caller.department)
      .filter((p) => !caller.purposes || caller.purposes.includes(p.code))
      .map((p) => p.code);
    const declared = headers.get('x-purpose')?.trim();
    if (!declared) {
      throw new AccessError(
        400,
        'PURPOSE_REQUIRED',
        `Declare the purpose of this request in the X-Purpose header; ${caller.department} may use: ${list(allowed)}.`,
        { allowedPurposes: allowed },
        caller,
      );
    }
    if (!PURPOSE_CODE.test(declared)) {
      // Stored bounded by the audit record (a 10 KB header is cut to its first characters), never in full.
      throw new AccessError(
        400,
        'BAD_REQUEST',
        `X-Purpose must be a purpose code: up to 64 lowercase letters, digits and hyphens; ${caller.department} may use: ${list(allowed)}.`,
        { allowedPurposes: allowed },
        caller,
        declared,
      );
    }
    const purpose = this.policy.purpose(declared);
    if (!purpose || !allowed.includes(declared)) {
      const why = !purpose
        ? `"${declared}" is not a purpose of the sharing policy`
        : purpose.department !== caller.department
          ? `"${declared}" is a purpose of ${purpose.department}, not of ${caller.department}`
          : `this token is limited to other purposes`;
      throw new AccessError(403, 'PURPOSE_NOT_ALLOWED', `${why}; ${caller.department} may use: ${list(allowed)}.`, { allowedPurposes: allowed }, caller, declared);
    }
    const caseId = headers.get('x-case-id')?.trim() || undefined;
    if (caseId !== undefined && !CASE_ID.test(caseId)) {
      throw new AccessError(400, 'BAD_REQUEST', 'X-Case-Id must be a case reference of up to 128 letters, digits and . _ : / # - characters.', {}, caller, declared);
    }
    const grant = this.policy.grant(caller.department, purpose.code) ?? {
      department: caller.department,
      purpose: purpose.code,
      reason: 'The policy grants this purpose nothing.',
      tiers: new Map(),
      masks: new Map(),
    };
    return { caller, purpose, caseId, grant, ...this.rowScope(caller, grant, declared) };
  }

  private async authenticate(authorization: string | undefined): Promise<Caller> {
    const known = authorization ? this.verified.get(authorization) : undefined;
    // The expiry is checked as jose checks it, with the same tolerance, so a cached token lapses on time.
    if (known && known.expiresAt + CLOCK_TOLERANCE_SECONDS > Date.now() / 1000) return known;
    try {
      const caller = await authenticate(authorization, this.verifier, this.policy.departments);
      if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(authorization!, caller);
      return caller;
    } catch (error) {
      if (authorization) this.verified.delete(authorization);
      if (error instanceof AuthenticationError) throw new AccessError(401, 'UNAUTHENTICATED', error.message, { reason: error.reason });
      throw error;
    }
  }

  /** A row-scoped grant needs to know the caller's district; without one it reaches nobody. */
  private rowScope(caller: Caller, grant: Grant, declared: string): { rowScope?: RowScope } {
    if (grant.rowScope !== 'registration-district') return {};
    if (!caller.district || !isDistrictCode(caller.district)) {
      throw new AccessError(
        403,
        'FORBIDDEN',
        `"${grant.purpose}" reaches only people registered in the caller's own district, and this token names no Guangzhou district (claim "district", a GB/T 2260 code such as 440106).`,
        {},
        caller,
        declared,
      );
    }
    return { rowScope: { registrationDistrict: caller.district } };
  }

  /** The FORBIDDEN error for one field: the policy's reason, and the caller's purposes that would grant it. */
  explain(access: Access, coordinate: string): { message: string; extensions: Record<string, unknown> } {
    const grantedFor = this.policy.purposesGranting(access.caller.department, coordinate);
    const remedy = grantedFor.length
      ? `${access.caller.department} may read it when acting for: ${grantedFor.join(', ')}`
      : `no purpose of ${access.caller.department} grants it`;
    return {
      message: `${coordinate} is not readable by ${access.caller.department} for "${access.purpose.code}": the sharing policy does not grant it for that purpose (minimum necessary, PIPL Art. 6); ${remedy}.`,
      extensions: { field: coordinate, purpose: access.purpose.code, grantedFor },
    };
  }
}

const list = (codes: string[]) => (codes.length ? codes.join(', ') : 'none (this department reads no population data)');
