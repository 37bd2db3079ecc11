import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertionKeySource, developmentKeyring, developmentKeyringFile } from '../../src/auth/assertion-keys.js';
import { ConfigError, loadConfig, loadSubgraphConfig } from '../../src/config.js';

/** Where a subgraph service finds the gateway's public keys, and what its configuration refuses. */

const dir = mkdtempSync(join(tmpdir(), 'assertion-key-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problems = (load: () => unknown) => {
  try {
    load();
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
};

describe('the key source of a subgraph service', () => {
  it('reads the public key set, and refuses the gateway\'s private keyring: signing keys never leave the gateway', async () => {
    const ring = await developmentKeyring(dir);
    const publicFile = join(dir, 'public.json');
    writeFileSync(publicFile, JSON.stringify(ring.published));
    expect(typeof assertionKeySource({ kind: 'file', file: publicFile })).toBe('function');
    expect(() => assertionKeySource({ kind: 'file', file: developmentKeyringFile(dir) })).toThrow(/must be the gateway's public key set .* never its private keyring/);
  });

  it('made by a gateway and its subgraphs starting together is one keyring: the first one made', async () => {
    const fresh = join(dir, 'together');
    const rings = await Promise.all(Array.from({ length: 4 }, () => developmentKeyring(fresh)));
    expect(new Set(rings.map((ring) => ring.signing.kid)).size).toBe(1);
  });
});

describe('the configuration of a subgraph service', () => {
  it('in production, needs the gateway\'s key set over https or as a file, never the development keyring', () => {
    expect(problems(() => loadSubgraphConfig('education', { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/education' }))).toEqual([expect.stringMatching(/needs ASSERTION_KEYS_URL .* or ASSERTION_PUBLIC_KEYS_FILE/)]);
    expect(problems(() => loadSubgraphConfig('education', { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/education', ASSERTION_KEYS_URL: 'http://gateway/.well-known/caller-assertion-keys' }))).toEqual([
      expect.stringMatching(/fetches the gateway's keys over https:\/\/ only/),
    ]);
    expect(loadSubgraphConfig('education', { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/education', ASSERTION_KEYS_URL: 'https://gateway/.well-known/caller-assertion-keys' }).assertionKeys).toEqual({ kind: 'url', url: 'https://gateway/.well-known/caller-assertion-keys' });
  });

  it('takes a read replica only beside a PostgreSQL primary, and defaults to a database of its own', () => {
    expect(problems(() => loadSubgraphConfig('education', { DATABASE_REPLICA_URL: 'postgres://replica/education' }))).toEqual([expect.stringMatching(/DATABASE_REPLICA_URL needs DATABASE_URL/)]);
    expect(loadSubgraphConfig('education', { DATABASE_URL: 'postgres://db/education', DATABASE_REPLICA_URL: 'postgres://replica/education' }).replica).toMatchObject({ kind: 'postgres', url: 'postgres://replica/education' });
    expect(loadSubgraphConfig('education', {}).database).toEqual({ kind: 'pglite', dataDir: '.data/subgraphs/education' });
  });

  it('a production gateway with a topology needs its assertion keyring', () => {
    const topology = join(dir, 'topology.yaml');
    writeFileSync(topology, 'subgraphs: {}\n');
    expect(problems(() => loadConfig({ NODE_ENV: 'production', AUTH_HS256_SECRET: 'x'.repeat(32), AUDIT_CHECKPOINT_KEY_FILE: topology, TOPOLOGY_FILE: topology }))).toEqual([expect.stringMatching(/NODE_ENV=production with TOPOLOGY_FILE needs ASSERTION_KEYS_FILE/)]);
  });
});
