import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { checkLimitsOverride, type OperationLimits } from './limits.js';

/** How much of a field's value a grant shows (see the header of `schema/policy.yaml`). */
export type Tier = 'full' | 'masked' | 'derived';
export const TIERS: readonly Tier[] = ['full', 'masked', 'derived'];

export interface Purpose {
  code: string;
  department: string;
  description: string;
  legalBasis: string;
}

/** Row scopes a grant may carry: `registration-district` reads only people registered in the caller's district. */
export const ROW_SCOPES = ['registration-district'] as const;
export type RowScopeKind = (typeof ROW_SCOPES)[number];

export interface GrantEntry {
  department: string;
  purpose: string;
  reason: string;
  rowScope?: RowScopeKind;
  /** Operation limits this purpose needs above the deployment's (bulk purposes), as written. */
  limits?: Partial<OperationLimits>;
  /** `Type.field` or `Type.*` coordinates per tier, as written. */
  fields: Record<Tier, string[]>;
}

export interface PolicyFile {
  /** Department code → its name. */
  departments: Record<string, string>;
  purposes: Purpose[];
  grants: GrantEntry[];
}

export const POLICY_FILE = fileURLToPath(new URL('../../schema/policy.yaml', import.meta.url));

/** A policy that cannot be used; the gateway refuses to start with it. */
export class PolicyError extends Error {
  constructor(readonly problems: string[], source = 'the sharing policy') {
    super(`${source} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyError';
  }
}

/** Codes travel in headers and audit records (X-Purpose takes at most 64 characters): short and plain. */
const CODE = /^[a-z][a-z0-9-]{0,63}$/;

/**
 * Reads and checks the shape of the policy file: every problem is reported at once, each naming
 * where it is. Whether the fields exist is checked against the schema by `compilePolicy`.
 */
export function readPolicyFile(path = POLICY_FILE): PolicyFile {
  const document = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: true });
  if (document.errors.length > 0) throw new PolicyError(document.errors.map((e) => e.message), path);
  return checkPolicyShape(document.toJS(), path);
}

export function checkPolicyShape(raw: unknown, source = 'the sharing policy'): PolicyFile {
  const problems: string[] = [];
  const root = isRecord(raw) ? raw : (problems.push('the file must be a mapping with departments, purposes and grants'), {});

  const departments: Record<string, string> = {};
  if (!isRecord(root.departments)) problems.push('departments: must map each department code to its name');
  else {
    for (const [code, name] of Object.entries(root.departments)) {
      if (!CODE.test(code)) problems.push(`departments.${code}: a code is up to 64 lower-case letters, digits and hyphens`);
      if (typeof name !== 'string' || name.trim() === '') problems.push(`departments.${code}: needs the department's name`);
      departments[code] = String(name);
    }
  }

  const purposes: Purpose[] = [];
  const seenPurposes = new Set<string>();
  listAt(root.purposes, 'purposes', problems).forEach((entry, i) => {
    const where = `purposes[${i}]`;
    const purpose = {
      code: text(entry, 'code', where, problems),
      department: text(entry, 'department', where, problems),
      description: text(entry, 'description', where, problems),
      legalBasis: text(entry, 'legalBasis', where, problems),
    };
    if (purpose.code && !CODE.test(purpose.code)) problems.push(`${where}.code "${purpose.code}": up to 64 lower-case letters, digits and hyphens`);
    if (seenPurposes.has(purpose.code)) problems.push(`${where}: purpose "${purpose.code}" is defined twice`);
    seenPurposes.add(purpose.code);
    if (purpose.department && !(purpose.department in departments)) {
      problems.push(`${where}: department "${purpose.department}" is not in departments`);
    }
    purposes.push(purpose);
  });

  const grants: GrantEntry[] = [];
  const seenGrants = new Set<string>();
  listAt(root.grants, 'grants', problems).forEach((entry, i) => {
    const where = `grants[${i}]`;
    const grant: GrantEntry = {
      department: text(entry, 'department', where, problems),
      purpose: text(entry, 'purpose', where, problems),
      reason: text(entry, 'reason', where, problems),
      fields: { full: [], masked: [], derived: [] },
    };
    for (const key of Object.keys(isRecord(entry) ? entry : {})) {
      if (!['department', 'purpose', 'reason', 'rowScope', 'limits', ...TIERS].includes(key)) {
        problems.push(`${where}.${key}: unknown key; a grant has department, purpose, reason, rowScope, limits and ${TIERS.join(', ')}`);
      }
    }
    if (isRecord(entry) && entry.limits !== undefined) grant.limits = checkLimitsOverride(entry.limits, `${where}.limits`, problems);
    const rowScope = isRecord(entry) ? entry.rowScope : undefined;
    if (rowScope !== undefined) {
      if (ROW_SCOPES.includes(rowScope as RowScopeKind)) grant.rowScope = rowScope as RowScopeKind;
      else problems.push(`${where}.rowScope: must be one of ${ROW_SCOPES.join(', ')}, got ${JSON.stringify(rowScope)}`);
    }
    for (const tier of TIERS) {
      const value = isRecord(entry) ? entry[tier] : undefined;
      if (value === undefined) continue;
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        problems.push(`${where}.${tier}: must be a list of Type.field coordinates`);
        continue;
      }
      grant.fields[tier] = value as string[];
    }
    const key = `${grant.department}/${grant.purpose}`;
    if (seenGrants.has(key)) problems.push(`${where}: a second grant for ${key}; merge them into one`);
    seenGrants.add(key);
    grants.push(grant);
  });

  if (problems.length > 0) throw new PolicyError(problems, source);
  return { departments, purposes, grants };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listAt(value: unknown, where: string, problems: string[]): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${where}: must be a list`);
    return [];
  }
  return value;
}

function text(entry: unknown, key: string, where: string, problems: string[]): string {
  const value = isRecord(entry) ? entry[key] : undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push(`${where}.${key}: required text`);
    return '';
  }
  return value.trim();
}
