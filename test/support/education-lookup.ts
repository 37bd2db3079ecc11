import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { assertionChecker, grantHash, publishedKeys, signAssertion, type AssertionKey } from '../../src/auth/caller-assertion.js';
import type { CompiledPolicy } from '../../src/policy/compile.js';
import type { Database } from '../../src/db/client.js';
import { createSubgraphService, type SubgraphService } from '../../src/subgraphs/service.js';
import { buildSubgraph, SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { createLogger } from '../../src/observability/log.js';

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

/** The education subgraph as its own service on `database`, reading lookups from `replica`, answering assertions signed with `key`; listening on loopback. */
export async function startEducationService(database: Database, replica: Database, key: AssertionKey, policy: CompiledPolicy): Promise<{ service: SubgraphService; url: string }> {
  const education = SUBGRAPHS.find((module) => module.name === 'education')!;
  const service = createSubgraphService({
    name: 'education',
    schema: buildSubgraph(education, SUBGRAPHS),
    database,
    replica,
    check: assertionChecker(publishedKeys([key]), 'education', policy),
    logger: createLogger({ level: 'silent' }),
  });
  await new Promise<void>((resolve) => service.server.listen(0, '127.0.0.1', resolve));
  return { service, url: `http://127.0.0.1:${(service.server.address() as AddressInfo).port}/graphql` };
}
