import type { PolicyFile } from '../policy/policy-file.js';

/**
 * Why a token for `department` acting for `purposes` cannot be issued, or null when it can: the
 * department must be in the sharing policy and every purpose must be one of its own. Shared by
 * `city-population-gateway token` and the IDE's development tokens, so both refuse alike.
 */
export function tokenRequestProblem(policy: PolicyFile, department: string | undefined, purposes: readonly string[]): string | null {
  if (!department) return 'a department is required';
  if (!(department in policy.departments)) {
    return `"${department}" is not a department of the sharing policy; one of: ${Object.keys(policy.departments).join(', ')}`;
  }
  const own = purposesOf(policy, department).map((p) => p.code);
  if (purposes.length === 0) return `a purpose is required; ${department} may use: ${own.join(', ') || 'none'}`;
  const foreign = purposes.find((p) => !own.includes(p));
  if (foreign !== undefined) return `"${foreign}" is not a purpose of ${department}; it may use: ${own.join(', ') || 'none'}`;
  return null;
}

export const purposesOf = (policy: PolicyFile, department: string) => policy.purposes.filter((p) => p.department === department);
