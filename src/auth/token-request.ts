import type { PolicyFile } from '../policy/policy-file.js';

/** What is wrong with a token request: which input (`department` or `purpose`), and why. */
export interface TokenRequestProblem {
  input: 'department' | 'purpose';
  /** Reads after the input's name: `"x" is not a department …`, `is required; …`. */
  problem: string;
}

/**
 * Why a token for `department` acting for `purposes` cannot be issued, or null when it can: the
 * department must be in the sharing policy and every purpose must be one of its own. Shared by
 * `city-population-gateway token` and the IDE's development tokens, so both refuse alike.
 */
export function tokenRequestProblem(policy: PolicyFile, department: string | undefined, purposes: readonly string[]): TokenRequestProblem | null {
  if (!department) return { input: 'department', problem: 'is required' };
  // Own keys only: `constructor` is `in` every object.
  if (!Object.hasOwn(policy.departments, department)) {
    return { input: 'department', problem: `"${department}" is not a department of the sharing policy; one of: ${Object.keys(policy.departments).join(', ')}` };
  }
  const own = purposesOf(policy, department).map((p) => p.code);
  const allowed = own.join(', ') || 'none';
  if (purposes.length === 0) return { input: 'purpose', problem: `is required; ${department} may use: ${allowed}` };
  const foreign = purposes.find((p) => !own.includes(p));
  if (foreign !== undefined) return { input: 'purpose', problem: `"${foreign}" is not a purpose of ${department}; it may use: ${allowed}` };
  return null;
}

export const purposesOf = (policy: PolicyFile, department: string) => policy.purposes.filter((p) => p.department === department);
