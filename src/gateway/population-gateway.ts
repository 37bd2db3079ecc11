import { ApolloGateway } from '@apollo/gateway';
import type {
  GatewayInterface,
  GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import { execute, GraphQLError, isScalarType, type GraphQLSchema } from 'graphql';
import { rootFieldKinds, schemaForGrant } from '../policy/introspection.js';
import type { GatewayExecutionResult, GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { restrictOperation, type RestrictedOperation } from '../policy/restrict.js';
import { shapeResult } from '../policy/shape-result.js';
import type { Grant } from '../policy/compile.js';
import type { Access, AccessControl } from './access.js';
import { CitizenIdScalar, DateScalar, MoneyScalar } from '../subgraphs/scalars.js';
import { InProcessSubgraph } from './in-process-subgraph.js';

/**
 * The gateway Apollo Server talks to: Apollo's federated gateway, wrapped so that the request
 * pipeline (policy, masking — later issues) has one place to sit around planning and execution.
 */
export class PopulationGateway<GatewayContext extends { access?: Access; fields?: RestrictedOperation['fields'] }>
  implements GatewayInterface
{
  private readonly inner: ApolloGateway;
  private apiSchema: GraphQLSchema | undefined;
  /** Restricted operations by grant and query: working one out walks the whole document. */
  private readonly restrictions = new WeakMap<Grant, Map<string, RestrictedOperation>>();
  /** The API schema as each grant sees it (null: the grant covers nothing). */
  private readonly grantSchemas = new WeakMap<Grant, GraphQLSchema | null>();

  /**
   * `accessControl` null runs every operation as written: only for measuring the policy's cost
   * and for tests of the federation itself; `createGatewayServer` never does it from configuration.
   */
  constructor(
    supergraphSdl: string,
    subgraphs: ReadonlyMap<string, InProcessSubgraph<GatewayContext>>,
    private readonly accessControl: AccessControl | null,
  ) {
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
    this.inner.onSchemaLoadOrUpdate(({ apiSchema }) => {
      bindInputScalars(apiSchema);
      this.apiSchema = apiSchema;
    });
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback) {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  async load(options: Parameters<GatewayInterface['load']>[0]): Promise<GatewayLoadResult> {
    const { executor } = await this.inner.load(options);
    return { executor: (requestContext) => this.execute(requestContext, executor) };
  }

  /**
   * Step 4–6 of a request (DESIGN.md): the operation is cut down to what the caller's grant covers
   * before it is planned, so no subgraph is asked for a denied field, then the result is put back
   * in the caller's shape with denied fields `null` (FORBIDDEN errors) and masked fields masked.
   */
  private async execute(requestContext: GatewayGraphQLRequestContext, inner: GatewayExecutor) {
    if (!this.accessControl) return inner(requestContext);
    const access = (requestContext.context as GatewayContext).access;
    // Fail closed: the HTTP layer attaches access to every request; a request without it reads nothing.
    if (!access || !this.apiSchema) throw new Error('an operation reached the executor without a verified caller');
    const kinds = rootFieldKinds(requestContext.document, requestContext.operationName);
    if (kinds.introspection) return this.introspect(access.grant, requestContext, kinds.data);
    const restriction = this.restrict(access.grant, requestContext);
    (requestContext.context as GatewayContext).fields = restriction.fields;
    if (restriction.denied.size === 0 && restriction.masked.size === 0) return inner(requestContext);
    const result =
      restriction.denied.size === 0
        ? await inner(requestContext)
        : await inner({ ...requestContext, document: restriction.document, queryHash: restriction.queryHash });
    const shaped = shapeResult(
      this.apiSchema,
      requestContext.document,
      requestContext.operationName,
      requestContext.request.variables,
      access.grant,
      result.data,
      (coordinate) => this.accessControl!.explain(access, coordinate),
    );
    const errors = [...(result.errors ?? []), ...shaped.errors];
    return { ...result, data: shaped.data, errors: errors.length > 0 ? errors : undefined };
  }

  /**
   * Introspection answered from the API schema cut down to the caller's grant: a developer's IDE
   * shows what the grant covers and nothing else (not even the names of the rest).
   */
  private async introspect(grant: Grant, requestContext: GatewayGraphQLRequestContext, mixedWithData: boolean) {
    if (mixedWithData) {
      return {
        errors: [
          new GraphQLError('Ask for the schema (__schema, __type) in an operation of its own, not together with data.', {
            extensions: { code: 'BAD_REQUEST' },
          }),
        ],
      };
    }
    if (!this.grantSchemas.has(grant)) this.grantSchemas.set(grant, schemaForGrant(this.apiSchema!, grant));
    const schema = this.grantSchemas.get(grant);
    if (!schema) {
      return { errors: [new GraphQLError('Your grant covers no field of the schema.', { extensions: { code: 'FORBIDDEN' } })] };
    }
    return execute({
      schema,
      document: requestContext.document,
      variableValues: requestContext.request.variables,
      operationName: requestContext.operationName,
    }) as Promise<GatewayExecutionResult>;
  }

  private restrict(grant: Grant, requestContext: GatewayGraphQLRequestContext): RestrictedOperation {
    let byQuery = this.restrictions.get(grant);
    if (!byQuery) this.restrictions.set(grant, (byQuery = new Map()));
    const key = `${requestContext.queryHash}/${requestContext.operationName ?? ''}`;
    let restriction = byQuery.get(key);
    if (!restriction) {
      restriction = restrictOperation(this.apiSchema!, requestContext.document, grant);
      if (byQuery.size >= MAX_CACHED_RESTRICTIONS) byQuery.delete(byQuery.keys().next().value!);
      byQuery.set(key, restriction);
    }
    return restriction;
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }
}

/** Per grant; the oldest is dropped first. Distinct operations per department are few in practice. */
const MAX_CACHED_RESTRICTIONS = 1000;

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
