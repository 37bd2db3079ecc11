import { composeServices } from '@apollo/composition';
import type { GraphQLSchema } from 'graphql';
import type { DepartmentModule } from '../subgraphs/catalog.js';

export class CompositionError extends Error {
  constructor(readonly messages: string[]) {
    super(`The department subgraphs do not compose into one supergraph:\n${messages.map((m) => `  - ${m}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/**
 * Composes the subgraphs' SDL into the supergraph at start-up. A composition error stops the
 * start with the composer's own messages: serving a partial schema would silently drop a department.
 */
export function composeSupergraph(subgraphs: ReadonlyArray<Pick<DepartmentModule, 'name' | 'typeDefs'>>): ComposedGraph {
  const result = composeServices(
    subgraphs.map(({ name, typeDefs }) => ({ name, typeDefs, url: `in-process://${name}` })),
  );
  if (result.errors) throw new CompositionError(result.errors.map((error) => error.message));
  return { supergraphSdl: result.supergraphSdl, apiSchema: result.schema.toAPISchema().toGraphQLJSSchema() };
}

export interface ComposedGraph {
  supergraphSdl: string;
  /** The schema callers see: what the sharing policy is checked against at start-up. */
  apiSchema: GraphQLSchema;
}
