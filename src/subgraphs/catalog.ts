import { readFileSync } from 'node:fs';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { withUnavailableAnswered } from './unavailable.js';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { commonResolvers } from './scalars.js';
import { withPerimeter } from './perimeter.js';
import { ENUM_LABELS } from '../db/enums.js';
import { resolvers as registry } from '../../resolvers/registry/index.js';
import { resolvers as education } from '../../resolvers/education/index.js';
import { resolvers as health } from '../../resolvers/health/index.js';
import { resolvers as tax } from '../../resolvers/tax/index.js';
import { resolvers as housing } from '../../resolvers/housing/index.js';
import { resolvers as hrss } from '../../resolvers/hrss/index.js';
import { resolvers as audit } from '../../resolvers/audit/index.js';

/** One department's subgraph: its name in the supergraph, the department that owns it, SDL and resolvers. */
export interface SubgraphDefinition {
  name: string;
  /** Department code (DOMAIN.md) of the owner. */
  department: string;
  typeDefs: DocumentNode;
  resolvers: object;
  /** The subgraph's own root fields, each let through its perimeter (see perimeter.ts). */
  rootFields: readonly string[];
}

const readSdl = (file: string) => readFileSync(new URL(`../../schema/${file}`, import.meta.url), 'utf8');
const COMMON_SDL = readSdl('common.graphql');

/** A subgraph's SDL is the shared scalars and enums followed by the department's own file. */
export function subgraphTypeDefs(name: string): DocumentNode {
  return parse(`${COMMON_SDL}\n${readSdl(`${name}.graphql`)}`);
}

const define = (name: string, department: string, resolvers: object, rootFields: readonly string[] = []): SubgraphDefinition => ({
  name,
  department,
  typeDefs: subgraphTypeDefs(name),
  resolvers,
  rootFields,
});

/** Every department subgraph. Adding a department: an SDL file, a resolvers folder, a tables file, and a line here. */
export const SUBGRAPHS: readonly SubgraphDefinition[] = [
  define('registry', 'public-security', registry, ['person', 'persons']),
  define('education', 'education', education),
  define('health', 'health', health),
  define('tax', 'tax', tax),
  define('housing', 'housing', housing),
  define('hrss', 'hrss', hrss),
  // Not a department's slice: the access audit log, readable only through compliance purposes.
  define('audit', 'compliance', audit, ['auditEvents', 'auditTotals', 'citizenAccessHistory', 'auditUnusualVolumes', 'auditChainVerification']),
];

/** The executable Federation 2 schema of one subgraph (with `_entities` and `_service`). */
export function buildSubgraph(definition: SubgraphDefinition): GraphQLSchema {
  return withPerimeter(withUnavailableAnswered(buildSubgraphSchemaOf(definition)), definition.rootFields);
}

function buildSubgraphSchemaOf(definition: SubgraphDefinition): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs: definition.typeDefs,
    // Enum internal values: stored labels (`male`) ↔ GraphQL values (`MALE`); entries for enums
    // another department declares are ignored by the schema builder.
    resolvers: { ...ENUM_LABELS, ...commonResolvers, ...definition.resolvers } as GraphQLResolverMap<unknown>,
  });
}
