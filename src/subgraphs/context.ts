import type { Db } from '../db/client.js';
import { RowLoaders } from './row-loaders.js';

/** What a subgraph knows of a person it does not own: the key the gateway sends in `_entities`. */
export interface PersonReference {
  citizenId: string;
}

/** Per-request context of one department subgraph. */
export interface SubgraphContext {
  rows: RowLoaders;
}

export function createSubgraphContext(db: Db): SubgraphContext {
  return { rows: new RowLoaders(db) };
}
