import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphService } from '../../src/subgraphs/service.js';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { migrate } from '../../src/db/migrate.js';
import { seedPopulation } from '../../src/population/load.js';
import { composeSupergraph } from '../../src/gateway/compose.js';
import { CompiledPolicy } from '../../src/policy/compile.js';
import { readPolicyFile } from '../../src/policy/policy-file.js';
import { generateAssertionKey, type AssertionKey } from '../../src/auth/caller-assertion.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { openTestDatabase } from '../support/database.js';
import { highestLevel as lookUp, startEducationService } from '../support/education-lookup.js';

/**
 * A subgraph service on a real PostgreSQL streaming replica (DATABASE_REPLICA_URL): the replica is
 * a hot standby of the test server, made by .ci/run with pg_basebackup, and TEST_STREAMING_REPLICA_URL
 * names it (vitest.config.ts runs this file only then, on the PostgreSQL run). With the replica's
 * replay paused, a row changed on the primary still reads as it was: the service reads its lookups
 * from the standby. Once replay resumes, the change arrives by streaming and the service shows it.
 */

const standbyServer = process.env.TEST_STREAMING_REPLICA_URL;
const education = SUBGRAPHS.find((module) => module.name === 'education')!;
const policy = CompiledPolicy.compile(readPolicyFile(), composeSupergraph(SUBGRAPHS).apiSchema);
let primary: Database;
let standby: Database;
let service: SubgraphService;
let url: string;
let key: AssertionKey;
let pupil: string;

const highestLevel = () => lookUp(url, key, policy, pupil);

/** Waits until the standby has replayed everything the primary had written when this was called. */
async function caughtUp(): Promise<void> {
  const [{ lsn }] = (await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')) as [{ lsn: string }];
  for (let waited = 0; waited < 30_000; waited += 100) {
    const [row] = await standby.query<{ replayed: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as replayed', [lsn]);
    if (row?.replayed) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the standby did not replay the primary's WAL up to ${lsn} within 30 s`);
}

beforeAll(async () => {
  if (!standbyServer) throw new Error('TEST_STREAMING_REPLICA_URL must name the standby server (.ci/run starts one)');
  [primary, key] = await Promise.all([openTestDatabase({ migrated: false }), generateAssertionKey()]);
  await migrate(primary, [education]);
  await seedPopulation(primary, { persons: 60, seed: 3, writeOnly: ['education'] });
  [{ citizen_id: pupil }] = (await primary.query<{ citizen_id: string }>("select citizen_id from education.learner where highest_level <> 'doctorate' order by citizen_id limit 1")) as [{ citizen_id: string }];
  // The test's database, created on the primary, reaches the standby by streaming like everything else.
  const [{ name }] = (await primary.query<{ name: string }>('select current_database() as name')) as [{ name: string }];
  const standbyUrl = new URL(standbyServer);
  standbyUrl.pathname = `/${name}`;
  for (let tries = 0; ; tries++) {
    try {
      standby = await openDatabase({ kind: 'postgres', url: standbyUrl.toString(), poolSize: 4 });
      break;
    } catch (error) {
      if (tries >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await caughtUp();
  ({ service, url } = await startEducationService(primary, standby, key, policy));
}, 120_000);

afterAll(async () => {
  if (service) await new Promise((resolve) => service.server.close(resolve));
  // Replay must never stay paused: every later test database on the server streams through it.
  await standby?.query('select pg_wal_replay_resume()').catch(() => {});
  await standby?.close();
  await primary?.close();
});

describe('a subgraph service on a PostgreSQL streaming replica', () => {
  it('has a hot standby that refuses writes', async () => {
    expect(await standby.query('select pg_is_in_recovery() as standby')).toEqual([{ standby: true }]);
    await expect(standby.query("update education.learner set highest_level = 'doctorate'")).rejects.toThrow(/read-only transaction/);
  });

  it('reads its lookups from the standby: a change the standby has not replayed is not seen yet', async () => {
    const before = await highestLevel();
    expect(before).not.toBe('DOCTORATE');
    await standby.query('select pg_wal_replay_pause()');
    await primary.query("update education.learner set highest_level = 'doctorate' where citizen_id = $1", [pupil]);
    const [onPrimary] = await primary.query<{ level: string }>('select highest_level as level from education.learner where citizen_id = $1', [pupil]);
    expect(onPrimary?.level).toBe('doctorate');
    expect(await highestLevel()).toBe(before);
  });

  it('shows the change once the standby has replayed it', async () => {
    await standby.query('select pg_wal_replay_resume()');
    await caughtUp();
    expect(await highestLevel()).toBe('DOCTORATE');
    expect(await (await fetch(url.replace('/graphql', '/readyz'))).json()).toMatchObject({ status: 'ready', checks: { database: 'ok', replica: 'ok' } });
  });
});
