import { ApolloGateway } from '@apollo/gateway';
import type {
  GatewayInterface,
  GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import { isScalarType, type GraphQLSchema } from 'graphql';
import { CitizenIdScalar, DateScalar, MoneyScalar } from '../subgraphs/scalars.js';
import { InProcessSubgraph } from './in-process-subgraph.js';

/**
 * The gateway Apollo Server talks to: Apollo's federated gateway, wrapped so that the request
 * pipeline (policy, masking — later issues) has one place to sit around planning and execution.
 */
export class PopulationGateway<GatewayContext extends object> implements GatewayInterface {
  private readonly inner: ApolloGateway;

  constructor(supergraphSdl: string, subgraphs: ReadonlyMap<string, InProcessSubgraph<GatewayContext>>) {
    // @apollo/gateway ≥ 2.10 sends usage metrics to Apollo and probes cloud metadata hosts
    // (169.254.169.254, metadata.google.internal, …) from its constructor unless this variable is
    // set; it has no constructor option. A city gateway must make no outside calls, so we set it
    // here rather than trusting every deployment to.
    process.env.APOLLO_TELEMETRY_DISABLED = 'true';
    this.inner = new ApolloGateway({
      supergraphSdl,
      buildService: ({ name }) => {
        const subgraph = subgraphs.get(name);
        if (!subgraph) throw new Error(`the supergraph names a subgraph "${name}" that is not running in this process`);
        return subgraph;
      },
      queryPlannerConfig: { exposeDocumentNodeInFetchNode: true },
    });
    this.inner.onSchemaLoadOrUpdate(({ apiSchema }) => bindInputScalars(apiSchema));
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback) {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  load(options: Parameters<GatewayInterface['load']>[0]): Promise<GatewayLoadResult> {
    return this.inner.load(options);
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }
}

/**
 * The composed API schema knows the custom scalars only by name. Giving it the subgraphs' parsing
 * makes the gateway reject a malformed citizen ID (literal or variable) while validating the
 * operation, before any query plan runs, with the same message the subgraph would give.
 */
function bindInputScalars(schema: GraphQLSchema): void {
  for (const scalar of [CitizenIdScalar, DateScalar, MoneyScalar]) {
    const target = schema.getType(scalar.name);
    if (!isScalarType(target)) continue;
    target.parseValue = scalar.parseValue;
    target.parseLiteral = scalar.parseLiteral;
  }
}
