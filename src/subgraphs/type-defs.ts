import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';

const COMMON_SDL = readFileSync(new URL('./common.graphql', import.meta.url), 'utf8');

/** A subgraph's SDL: the shared scalars, enums and points value types, then the module's own. */
export function subgraphTypeDefs(ownSdl: string): DocumentNode {
  return parse(`${COMMON_SDL}\n${ownSdl}`);
}
