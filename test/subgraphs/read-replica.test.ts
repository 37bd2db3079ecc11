import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphService } from '../../src/subgraphs/service.js';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { migrate } from '../../src/db/migrate.js';
import { seedPopulation } from '../../src/population/load.js';
import { composeSupergraph } from '../../src/gateway/compose.js';
import { CompiledPolicy } from '../../src/policy/compile.js';
import { readPolicyFile } from '../../src/policy/policy-file.js';
import { generateAssertionKey, type AssertionKey } from '../../src/auth/caller-assertion.js';
import type { Database } from '../../src/db/client.js';
import { openTestDatabase } from '../support/database.js';
import { highestLevel as lookUp, startEducationService } from '../support/education-lookup.js';

/**
 * A subgraph service with a read replica (DATABASE_REPLICA_URL): its lookups are read from the
 * replica while it answers, and from the primary once it does not, the fetch that met the failure
 * included. The "replica" here is a second database loaded with the same rows and one of them
 * changed, so an answer shows where it was read.
 */

const education = SUBGRAPHS.find((module) => module.name === 'education')!;
const policy = CompiledPolicy.compile(readPolicyFile(), composeSupergraph(SUBGRAPHS).apiSchema);
let primary: Database;
let replica: Database;
let service: SubgraphService;
let url: string;
let key: AssertionKey;
let pupil: string;
let replicaClosed = false;

async function educationDatabase(): Promise<Database> {
  const database = await openTestDatabase({ migrated: false });
  await migrate(database, [education]);
  await seedPopulation(database, { persons: 60, seed: 3, writeOnly: ['education'] });
  return database;
}

beforeAll(async () => {
  [primary, replica, key] = await Promise.all([educationDatabase(), educationDatabase(), generateAssertionKey()]);
  [{ citizen_id: pupil }] = (await primary.query<{ citizen_id: string }>("select citizen_id from education.learner where highest_level <> 'doctorate' order by citizen_id limit 1")) as [{ citizen_id: string }];
  await replica.query("update education.learner set highest_level = 'doctorate' where citizen_id = $1", [pupil]);
  ({ service, url } = await startEducationService(primary, replica, key, policy));
}, 120_000);
afterAll(async () => {
  if (service) await new Promise((resolve) => service.server.close(resolve));
  await primary?.close();
  if (!replicaClosed) await replica?.close();
});

const highestLevel = () => lookUp(url, key, policy, pupil);

describe('a subgraph service with a read replica', () => {
  it('reads its lookups from the replica while it answers', async () => {
    expect(await highestLevel()).toBe('DOCTORATE');
    expect(await (await fetch(url.replace('/graphql', '/readyz'))).json()).toMatchObject({ status: 'ready', checks: { database: 'ok', replica: 'ok' } });
  });

  it('answers from the primary once the replica fails, the fetch that met the failure included, and stays ready', async () => {
    await replica.close();
    replicaClosed = true;
    expect(await highestLevel()).not.toBe('DOCTORATE');
    expect(await highestLevel()).not.toBe('DOCTORATE');
    const readiness = (await (await fetch(url.replace('/graphql', '/readyz'))).json()) as { status: string; checks: { replica: string } };
    expect(readiness.status).toBe('ready');
    expect(readiness.checks.replica).not.toBe('ok');
  });
});
