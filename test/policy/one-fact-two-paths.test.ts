import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../src/gateway/compose.js';
import { CompiledPolicy } from '../../src/policy/compile.js';
import { readPolicyFile } from '../../src/policy/policy-file.js';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { missingCoordinates } from '../support/policy-walk.js';

/**
 * Some facts are reachable by two fields: a person's registered address is their household's
 * address. A grant that refuses or masks one path must do the same on the other, or the refusal
 * is only a detour (a red-team pass read the address a means test is refused through
 * `Household.*`).
 */
const SAME_FACT: readonly (readonly [string, string])[] = [['HouseholdRegistration.address', 'Household.address']];

const { apiSchema } = composeSupergraph(SUBGRAPHS);
const policyFile = readPolicyFile();
const policy = CompiledPolicy.compile(policyFile, apiSchema);

describe('a fact reachable by two fields', () => {
  it('names fields the composed schema has', () => {
    expect(missingCoordinates(apiSchema, SAME_FACT.flat())).toEqual([]);
  });

  for (const [one, other] of SAME_FACT) {
    it(`${one} and ${other} are granted alike by every grant that reaches both types: same tier and mask, or neither`, () => {
      const reaches = (grant: NonNullable<ReturnType<typeof policy.grant>>, coordinate: string) =>
        [...grant.tiers.keys()].some((granted) => granted.startsWith(`${coordinate.split('.')[0]}.`));
      let compared = 0;
      for (const { department, purpose } of policyFile.grants) {
        const grant = policy.grant(department, purpose)!;
        if (!reaches(grant, one) || !reaches(grant, other)) continue;
        compared += 1;
        const how = (coordinate: string) => ({ tier: grant.tiers.get(coordinate) ?? 'refused', masked: grant.masks.has(coordinate) });
        expect(how(other), `${department} / ${purpose}`).toEqual(how(one));
      }
      expect(compared).toBeGreaterThan(2);
    });
  }
});
