import { expect } from 'vitest';
import { grantHash, signAssertion, type AssertionKey } from '../../src/auth/caller-assertion.js';
import type { CompiledPolicy } from '../../src/policy/compile.js';

/**
 * A pupil's highest level of education as an education subgraph service answers a signed
 * `_entities` fetch for it (as the gateway would send, for education / school-enrolment): the
 * read-replica tests tell by it which database a lookup was read from.
 */
export async function highestLevel(url: string, key: AssertionKey, policy: CompiledPolicy, pupil: string): Promise<string> {
  const body = JSON.stringify({
    query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Person{education{highestLevel}}}}',
    variables: { representations: [{ __typename: 'Person', citizenId: pupil }] },
  });
  const caller = { department: 'education', purpose: 'school-enrolment', requestId: 'replica-test', grantHash: grantHash(policy.grant('education', 'school-enrolment')!), caseId: null, rowScope: null };
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await signAssertion(key, 'education', caller, body)}` }, body });
  const answer = (await response.json()) as { data: { _entities: { education: { highestLevel: string } }[] }; errors?: unknown[] };
  expect(answer.errors).toBeUndefined();
  return answer.data._entities[0]!.education.highestLevel;
}
