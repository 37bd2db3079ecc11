import { describe, expect, it } from 'vitest';
import { checkPolicyShape, PolicyError, readPolicyFile } from '../../src/policy/policy-file.js';
import { CompiledPolicy } from '../../src/policy/compile.js';
import { composeSupergraph } from '../../src/gateway/compose.js';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';

const { apiSchema } = composeSupergraph(SUBGRAPHS);

/** A small valid policy to break one piece at a time. */
function policy(grant: Record<string, unknown>, extraPurposes: unknown[] = []) {
  return {
    departments: { education: 'Education Bureau', health: 'Health Commission' },
    purposes: [
      { code: 'school-enrolment', department: 'education', description: 'Admissions.', legalBasis: 'PIPL Art. 13(3).' },
      { code: 'community-health-services', department: 'health', description: 'Care.', legalBasis: 'PIPL Art. 13(3).' },
      ...extraPurposes,
    ],
    grants: [{ department: 'education', purpose: 'school-enrolment', reason: 'Admissions need it.', ...grant }],
  };
}

function problemsOf(raw: unknown): string[] {
  try {
    CompiledPolicy.compile(checkPolicyShape(raw), apiSchema);
  } catch (error) {
    if (error instanceof PolicyError) return error.problems;
    throw error;
  }
  return [];
}

describe('the sharing policy file', () => {
  it('as shipped, compiles against the composed schema', () => {
    const compiled = CompiledPolicy.compile(readPolicyFile(), apiSchema);
    expect(compiled.purposesOf('education').map((p) => p.code)).toEqual(['school-enrolment', 'education-administration']);
    const enrolment = compiled.grant('education', 'school-enrolment')!;
    expect(enrolment.tiers.get('EducationSlice.enrolments')).toBe('full');
    expect(enrolment.tiers.get('HouseholdRegistration.address')).toBe('masked');
    expect(enrolment.tiers.has('Person.tax')).toBe(false);
  });

  it('never lets health read anything of tax, nor housing read tax amounts in full', () => {
    const compiled = CompiledPolicy.compile(readPolicyFile(), apiSchema);
    for (const purpose of compiled.purposesOf('health')) {
      const tiers = compiled.grant('health', purpose.code)!.tiers;
      expect([...tiers.keys()].filter((c) => c.startsWith('Person.tax') || c.startsWith('TaxSlice.') || c.startsWith('AnnualTaxReturn.'))).toEqual([]);
    }
    const eligibility = compiled.grant('housing', 'public-housing-eligibility')!.tiers;
    expect(eligibility.get('AnnualTaxReturn.taxableIncome')).toBe('masked');
    expect(eligibility.has('AnnualTaxReturn.taxPaid')).toBe(false);
    expect(eligibility.has('TaxSlice.arrears')).toBe(false);
  });

  it('expands Type.* and lets an explicit entry set another tier for one field', () => {
    const compiled = CompiledPolicy.compile(checkPolicyShape(policy({ full: ['Query.persons', 'Dwelling.*'], masked: ['Dwelling.address'] })), apiSchema);
    const tiers = compiled.grant('education', 'school-enrolment')!.tiers;
    expect(tiers.get('Query.persons')).toBe('full');
    expect(tiers.get('Dwelling.tenure')).toBe('full');
    expect(tiers.get('Dwelling.address')).toBe('masked');
  });

  it.each([
    [{ full: ['Person.shoeSize'] }, /Person\.shoeSize" names a field Person does not have/],
    [{ full: ['Citizen.name'] }, /names type Citizen, which is not an object type/],
    [{ full: ['Person'] }, /"Person" is not a Type\.field coordinate/],
    [{ full: ['Query.*'] }, /"Query\.\*" would grant every root field.*name root fields one by one/],
    [{ masked: ['Person.sex'] }, /Person\.sex has no customary mask/],
    [{ derived: ['Person.name'] }, /Person\.name is not a derived field/],
    [{ full: ['Person.name'], masked: ['Person.name'] }, /Person\.name is granted both full and masked/],
    [{ full: 'Person.name' }, /full: must be a list/],
    [{ everything: ['Person.name'] }, /everything: unknown key/],
  ])('refuses %j with a message naming the grant and the problem', (grant, message) => {
    const problems = problemsOf(policy(grant));
    expect(problems.join('\n')).toMatch(message);
    expect(problems.join('\n')).toMatch(/grants\[0\]/);
  });

  it('refuses a grant of a purpose that belongs to another department', () => {
    const raw = policy({ full: ['Person.name'] });
    raw.grants.push({ department: 'education', purpose: 'community-health-services', reason: 'Curiosity.' } as never);
    expect(problemsOf(raw).join('\n')).toMatch(/purpose "community-health-services" belongs to health, not education/);
  });

  it('refuses unknown purposes and departments, and reports every problem at once', () => {
    const raw = policy({ full: ['Person.nope'] }, [{ code: 'x', department: 'tax', description: 'd', legalBasis: 'l' }]);
    raw.grants.push({ department: 'education', purpose: 'no-such-purpose', reason: 'r' } as never);
    const problems = problemsOf(raw);
    expect(problems.join('\n')).toMatch(/department "tax" is not in departments/);
    expect(problems).toHaveLength(1); // shape problems are reported before the schema is consulted
    const second = policy({ full: ['Person.nope'] });
    second.grants.push({ department: 'education', purpose: 'no-such-purpose', reason: 'r' } as never);
    const both = problemsOf(second).join('\n');
    expect(both).toMatch(/Person\.nope/);
    expect(both).toMatch(/purpose "no-such-purpose" is not defined/);
  });
});
