import { describe, expect, it } from 'vitest';
import { DEFAULT_FETCH_TIMEOUT_MS, parseTopology } from '../../src/gateway/topology.js';

/** TOPOLOGY_FILE: where each subgraph runs. Every mistake is named, all at once; none falls back quietly. */

const NAMES = ['registry', 'education', 'health', 'audit'];
const parse = (subgraphs: unknown, production = false) => parseTopology({ subgraphs }, NAMES, 'TOPOLOGY_FILE t.yaml', { production });

describe('a topology file', () => {
  it('names a URL (with an optional timeout) or in-process for every department; the audit subgraph may be left out', () => {
    const { topology, problems } = parse({ registry: 'http://registry.internal:4101/graphql', education: { url: 'https://education.internal/graphql', timeout: '3s' }, health: 'in-process' });
    expect(problems).toEqual([]);
    expect(Object.fromEntries(topology.remote)).toEqual({
      registry: { url: 'http://registry.internal:4101/graphql', timeoutMs: DEFAULT_FETCH_TIMEOUT_MS },
      education: { url: 'https://education.internal/graphql', timeoutMs: 3000 },
    });
  });

  it('refuses to leave a department unnamed: it would be answered from the gateway database, where its tables are empty', () => {
    expect(parse({ registry: 'in-process' }).problems).toEqual([
      'TOPOLOGY_FILE t.yaml: says nothing of education, health; name every subgraph, with `<name>: in-process` for those that stay in the gateway (their tables are then in the gateway\'s database)',
    ]);
  });

  it('names every mistake at once: unknown subgraph, the audit subgraph sent away, a URL that is not one, a timeout without its unit', () => {
    const { problems, topology } = parse({
      registry: 'ftp://registry.internal/graphql',
      education: { url: 'http://education.internal/graphql', timeout: 30 },
      health: { url: 'http://user:secret@health.internal/graphql', retries: 3 },
      audit: 'http://audit.internal/graphql',
      library: 'in-process',
    });
    expect(problems).toEqual([
      expect.stringMatching(/subgraphs\.registry: must be "in-process", an http\(s\):\/\/ URL/),
      expect.stringMatching(/subgraphs\.education\.timeout: must be a duration with its unit from 10ms to 2m \(250ms, 5s\); got 30/),
      expect.stringMatching(/subgraphs\.health: unknown key\(s\) retries/),
      expect.stringMatching(/subgraphs\.health: must be "in-process", an http\(s\):\/\/ URL/),
      expect.stringMatching(/subgraphs\.audit: the audit subgraph reads the audit log the gateway writes and always runs in the gateway's process/),
      expect.stringMatching(/subgraphs\.library: no such subgraph; the gateway composes registry, education, health, audit/),
    ]);
    expect(topology.remote.has('registry')).toBe(false);
  });

  it('in production, reaches subgraph services over https only', () => {
    const { problems } = parse({ registry: 'http://registry.internal/graphql', education: 'https://education.internal/graphql', health: 'in-process' }, true);
    expect(problems).toEqual([expect.stringMatching(/subgraphs\.registry: NODE_ENV=production reaches a subgraph service over https:\/\/ only/)]);
  });

  it('is one mapping under "subgraphs", nothing else', () => {
    expect(parseTopology(['registry'], NAMES, 'T', {}).problems).toEqual(['T must hold one key, "subgraphs", mapping subgraph names to "in-process", a URL, or { url, timeout }']);
    expect(parseTopology({ subgraphs: {}, extra: 1 }, NAMES, 'T', {}).problems).toHaveLength(1);
  });
});
