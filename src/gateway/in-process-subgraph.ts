import { parse, type GraphQLSchema } from 'graphql';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { compiledExecutor, type SubgraphExecutor } from '../subgraphs/compiled-execution.js';

/**
 * A department subgraph running in the gateway's process. It executes the query planner's own
 * document (`exposeDocumentNodeInFetchNode`) instead of re-parsing and re-validating the text of
 * every fetch as `LocalGraphQLDataSource` does: measured 2.5× faster for single look-ups. The
 * planner built that document from a validated operation against the composed schema, so skipping
 * validation here skips nothing a caller controls. The planner's documents are compiled
 * (compiled-execution.ts) the first time they run.
 */
export class InProcessSubgraph<GatewayContext extends object> implements GraphQLDataSource<Record<string, any>> {
  /** One context per (gateway request, subgraph), as the subgraph would have if it ran on its own. */
  private readonly contexts = new WeakMap<object, unknown>();
  private readonly execute: SubgraphExecutor;

  constructor(
    readonly name: string,
    schema: GraphQLSchema,
    private readonly createContext: (gatewayContext: GatewayContext) => unknown,
  ) {
    this.execute = compiledExecutor(schema, name);
  }

  async process(options: GraphQLDataSourceProcessOptions<Record<string, any>>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const document = ('document' in options && options.document) || parse(request.query ?? '');
    const result = await this.execute({
      document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: this.contextFor(options.context as GatewayContext),
    });
    return result as GatewayGraphQLResponse;
  }

  private contextFor(gatewayContext: GatewayContext): unknown {
    let context = this.contexts.get(gatewayContext);
    if (context === undefined) {
      context = this.createContext(gatewayContext);
      this.contexts.set(gatewayContext, context);
    }
    return context;
  }
}
