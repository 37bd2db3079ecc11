import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { grantedPersonsQuery } from '../../src/bench/full-view.js';
import { MAX_PERSONS_PER_QUERY } from '../../src/departments/registry/resolvers/Query.js';
import { composeSupergraph } from '../../src/gateway/compose.js';
import { CompiledPolicy } from '../../src/policy/compile.js';
import { DEFAULT_LIMITS, type OperationLimits } from '../../src/policy/limits.js';
import { evaluateCost, measureOperation } from '../../src/policy/operation-facts.js';
import { readPolicyFile } from '../../src/policy/policy-file.js';
import { REFERENCE_DATE } from '../../src/population/dates.js';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';

/**
 * A department may ask `persons` for up to 1000 people at once. Whatever its grant covers, it must
 * be able to ask for all of it for a full batch within its limits (the deployment's defaults, or
 * the higher ones its grant states): otherwise a grant added to the policy would quietly turn into
 * COST_LIMIT_EXCEEDED for the batch the department actually runs.
 */
const { apiSchema } = composeSupergraph(SUBGRAPHS);
const policyFile = readPolicyFile();
const policy = CompiledPolicy.compile(policyFile, apiSchema);
const batch = { citizenIds: Array.from({ length: MAX_PERSONS_PER_QUERY }, (_, i) => `${i}`) };

function measure(query: string) {
  const document = parse(query);
  const facts = measureOperation(apiSchema, document, document.definitions[0] as OperationDefinitionNode);
  return { depth: facts.depth, fields: facts.fields, cost: evaluateCost(facts.cost, batch), bytes: evaluateCost(facts.bytes, batch) };
}

describe('every grant, asked for all it covers for a full batch of people', () => {
  const readers = policyFile.grants.map(({ department, purpose }) => policy.grant(department, purpose)!).filter((grant) => grant.tiers.has('Query.persons'));

  it("include the grants of most purposes (the audit's readers ask for no person)", () => {
    expect(readers.length).toBeGreaterThan(policyFile.grants.length / 2);
  });

  for (const grant of readers) {
    const limits: OperationLimits = { ...DEFAULT_LIMITS, ...grant.limits };
    it(`${grant.department} / ${grant.purpose} stays within its limits`, () => {
      // The date-bound answers (points, settlement) are asked too: they are the largest.
      const found = measure(grantedPersonsQuery(apiSchema, (coordinate) => grant.tiers.has(coordinate), { asOf: REFERENCE_DATE }));
      expect(found.cost).toBeGreaterThan(MAX_PERSONS_PER_QUERY);
      expect(found.cost, `cost of ${MAX_PERSONS_PER_QUERY} people`).toBeLessThanOrEqual(limits.cost);
      expect(found.fields).toBeLessThanOrEqual(limits.fields);
      expect(found.depth).toBeLessThanOrEqual(limits.depth);
      expect(found.bytes).toBeLessThanOrEqual(limits.responseBytes);
    });
  }
});

describe('the limits themselves', () => {
  it('refuse the full view of a batch, which no grant covers: a default that lets everything through would limit nothing', () => {
    const everything = grantedPersonsQuery(apiSchema, () => true, { asOf: REFERENCE_DATE });
    expect(measure(everything).cost).toBeGreaterThan(DEFAULT_LIMITS.cost);
  });
});
