import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseDurationMs } from '../domain/duration.js';

/**
 * Where each subgraph runs (TOPOLOGY_FILE): in the gateway's process on the gateway's database
 * (the embedded default), or as the department's own service at a URL. The file names every
 * department's subgraph, `in-process` included: one forgotten would otherwise be answered,
 * silently and wrongly, from the gateway's database, where its tables are empty. Only the audit
 * subgraph may be left out (it always runs in the gateway).
 *
 *   subgraphs:
 *     registry: http://registry.internal:4101/graphql
 *     education: { url: http://education.internal:4102/graphql, timeout: 3s }
 *     health: in-process
 */
export interface Topology {
  /** The subgraphs served over HTTP, by name; every other subgraph runs in-process. */
  remote: ReadonlyMap<string, RemoteSubgraphConfig>;
}

export interface RemoteSubgraphConfig {
  url: string;
  /** The longest one fetch may take before its slice is answered SUBGRAPH_UNAVAILABLE. */
  timeoutMs: number;
}

export const IN_PROCESS: Topology = { remote: new Map() };

/** Long enough for a thousand people's slice on a busy database, short enough that a hung service does not hold the answer. */
export const DEFAULT_FETCH_TIMEOUT_MS = 5000;

/** The subgraph that must stay with the gateway: it reads the audit log the gateway writes. */
const GATEWAY_OWN = 'audit';

/**
 * Reads and checks a topology file against the subgraphs the gateway composes. Returns every
 * problem found, so an operator fixes them in one go.
 */
export function readTopology(file: string, subgraphs: readonly string[], options: TopologyOptions = {}): { topology: Topology; problems: string[] } {
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    return { topology: IN_PROCESS, problems: [`TOPOLOGY_FILE ${file} could not be read as YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  return parseTopology(parsed, subgraphs, `TOPOLOGY_FILE ${file}`, options);
}

export interface TopologyOptions {
  /** NODE_ENV=production: a subgraph service is reached over https only (its slices and the assertions cross the network). */
  production?: boolean;
}

export function parseTopology(parsed: unknown, subgraphs: readonly string[], where: string, { production = false }: TopologyOptions = {}): { topology: Topology; problems: string[] } {
  const problems: string[] = [];
  const remote = new Map<string, RemoteSubgraphConfig>();
  const entries = (parsed as { subgraphs?: unknown } | null)?.subgraphs;
  if (typeof parsed !== 'object' || parsed === null || Object.keys(parsed).some((key) => key !== 'subgraphs') || typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    return { topology: IN_PROCESS, problems: [`${where} must hold one key, "subgraphs", mapping subgraph names to "in-process", a URL, or { url, timeout }`] };
  }
  for (const [name, value] of Object.entries(entries)) {
    const at = `${where}: subgraphs.${name}`;
    if (!subgraphs.includes(name)) {
      problems.push(`${at}: no such subgraph; the gateway composes ${subgraphs.join(', ')}`);
      continue;
    }
    if (value === 'in-process') continue;
    if (name === GATEWAY_OWN) {
      problems.push(`${at}: the audit subgraph reads the audit log the gateway writes and always runs in the gateway's process`);
      continue;
    }
    const { url, timeout, ...rest } = typeof value === 'string' ? { url: value } : ((value ?? {}) as { url?: unknown; timeout?: unknown });
    if (Object.keys(rest).length > 0) problems.push(`${at}: unknown key(s) ${Object.keys(rest).join(', ')}; an entry has url and timeout`);
    if (typeof url !== 'string' || !isHttpUrl(url)) {
      problems.push(`${at}: must be "in-process", an http(s):// URL of the subgraph's /graphql, or { url, timeout }; got ${JSON.stringify(value)}`);
      continue;
    }
    if (production && !url.startsWith('https://')) {
      problems.push(`${at}: NODE_ENV=production reaches a subgraph service over https:// only (put a TLS terminator in front of it): the slices and the caller assertions cross the network`);
    }
    let timeoutMs = DEFAULT_FETCH_TIMEOUT_MS;
    if (timeout !== undefined) {
      // A unit is required: a bare 30 would be read as milliseconds by some and seconds by others.
      const parsedTimeout = typeof timeout === 'string' && /[a-z]$/.test(timeout.trim()) ? parseDurationMs(timeout, 'ms') : null;
      if (parsedTimeout === null || !(parsedTimeout >= 10 && parsedTimeout <= 120_000)) problems.push(`${at}.timeout: must be a duration with its unit from 10ms to 2m (250ms, 5s); got ${JSON.stringify(timeout)}`);
      else timeoutMs = parsedTimeout;
    }
    remote.set(name, { url, timeoutMs });
  }
  const unnamed = subgraphs.filter((name) => name !== GATEWAY_OWN && !(name in entries));
  if (unnamed.length > 0) {
    problems.push(`${where}: says nothing of ${unnamed.join(', ')}; name every subgraph, with \`<name>: in-process\` for those that stay in the gateway (their tables are then in the gateway's database)`);
  }
  return { topology: { remote }, problems };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
