import { describe, expect, it } from 'vitest';
import { readPolicyFile } from '../../src/policy/policy-file.js';
import { CompiledPolicy } from '../../src/policy/compile.js';
import { composeSupergraph } from '../../src/gateway/compose.js';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { ASSESSMENTS } from '../../src/subgraphs/points/contribution.js';
import { missingCoordinates } from '../support/policy-walk.js';

/**
 * Raw inputs never leave the department that owns them (issue 11; POINTS.md "derived tier"): a grant
 * that reads a points answer reads none of the fields another department computes it from. The inputs are
 * what each department's manifest declares for its points answers (`points.inputs`).
 */
const { apiSchema } = composeSupergraph(SUBGRAPHS);
const policyFile = readPolicyFile();
const policy = CompiledPolicy.compile(policyFile, apiSchema);
const SOURCES = SUBGRAPHS.flatMap((module) => (module.points ? [module.points] : []));
const INPUTS = new Map(SOURCES.flatMap((source) => source.inputs.map((coordinate) => [coordinate, source.department] as const)));
const ANSWERS = Object.values(ASSESSMENTS).map(({ field }) => `Person.${field}`);

describe('grants of a points answer', () => {
  it('every declared input is a field of the composed schema (a renamed field cannot slip out of the check)', () => {
    expect(INPUTS.size).toBeGreaterThan(10);
    expect(missingCoordinates(apiSchema, INPUTS.keys())).toEqual([]);
  });

  it('cover the answer at the derived tier and none of its inputs, at any tier', () => {
    const readers = policyFile.grants.filter(({ department, purpose }) => ANSWERS.some((answer) => policy.grant(department, purpose)!.tiers.has(answer)));
    expect(readers.map((g) => `${g.department}/${g.purpose}`).sort()).toEqual([
      'development-reform/points-settlement-review',
      'hrss/points-settlement-employment',
      'migrant-services/residence-points-assessment',
      'public-security/points-settlement-registration',
    ]);
    for (const { department, purpose } of readers) {
      const grant = policy.grant(department, purpose)!;
      for (const answer of ANSWERS) if (grant.tiers.has(answer)) expect(grant.tiers.get(answer), `${purpose} ${answer}`).toBe('derived');
      // A department reading its own record is not an input leaving it (migrant-services keeps the permits).
      const exposed = [...grant.tiers.keys()].filter((coordinate) => INPUTS.has(coordinate) && INPUTS.get(coordinate) !== department);
      expect(exposed, `${department}/${purpose} reads another department's inputs of its points answer`).toEqual([]);
    }
  });

  it('every department whose data the rule sets use declares its inputs', () => {
    for (const source of SOURCES) expect(source.inputs.length, source.department).toBeGreaterThan(0);
  });
});
