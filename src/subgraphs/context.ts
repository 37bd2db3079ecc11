import type { Database, Db, QueryFn } from '../db/client.js';
import { RowLoaders } from './row-loaders.js';
import type { CheckpointSource } from '../audit/verify-log.js';

/** What a subgraph knows of a person it does not own: the key the gateway sends in `_entities`. */
export interface PersonReference {
  citizenId: string;
}

/**
 * The caller as the gateway verified it. In-process the gateway hands it over with the request;
 * when subgraphs run as their own services it will arrive as a header signed by the gateway.
 */
export interface VerifiedCaller {
  /** Department and purpose the gateway checked; null when the gateway runs with access control off. */
  department: string | null;
  purpose: string | null;
  /** Set when the grant reaches only some people: the registry reads no one outside it (in SQL). */
  rowScope?: RowScope;
}

/** Only people whose registration is in this district (GB/T 2260 code). */
export interface RowScope {
  registrationDistrict: string;
}

/** Per-request context of one department subgraph. */
export interface SubgraphContext {
  rows: RowLoaders;
  /** For the few reads that are not batched look-ups by key (the audit log's searches). */
  db: Db;
  /** Raw SQL, for reads that walk a table in order (the audit chain's verification). */
  query: QueryFn;
  /** Null when the request did not come through the gateway: the perimeter refuses it. */
  caller: VerifiedCaller | null;
  /** The signed audit checkpoints the chain verification checks against; absent when the gateway keeps none. */
  auditCheckpoints?: CheckpointSource;
}

export function createSubgraphContext(
  database: Pick<Database, 'db' | 'query'>,
  caller: VerifiedCaller | null,
  services: { auditCheckpoints?: CheckpointSource } = {},
): SubgraphContext {
  return { rows: new RowLoaders(database.db), db: database.db, query: database.query, caller, ...services };
}
