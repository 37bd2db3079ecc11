import { ApolloGateway } from '@apollo/gateway';
import type {
  GatewayInterface,
  GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import { execute, GraphQLError, isScalarType, type GraphQLSchema } from 'graphql';
import { schemaForGrant } from '../policy/introspection.js';
import type { GatewayExecutionResult, GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { answerWithPlan } from '../policy/plan-answer.js';
import type { Grant } from '../policy/compile.js';
import type { AccessControl } from './access.js';
import type { PlannedContext } from './operation-planner.js';
import { CitizenIdScalar, DateScalar, MoneyScalar } from '../subgraphs/scalars.js';
import type { GraphQLDataSource } from '@apollo/gateway';
import { fieldsAnswered, unavailableAtCallerPaths, unavailableSubgraphs } from './unavailable-subgraphs.js';

/**
 * What the executor leaves on the context for the audit: the citizen IDs of the answer released,
 * and the subgraphs whose slice of it could not be fetched.
 */
export interface AnsweredContext {
  answered?: { citizenIds: readonly string[]; unavailableSubgraphs: readonly string[]; fieldsReturned: readonly string[] };
  /** Filled by the remote subgraphs' data sources: which of them answered a fetch of this request. */
  subgraphsAnswered?: Set<string>;
}

/**
 * The gateway Apollo Server talks to: Apollo's federated gateway, wrapped so that the request
 * pipeline (policy, masking, the audit's citizen IDs) has one place to sit around planning and
 * execution.
 */
export class PopulationGateway<GatewayContext extends PlannedContext & AnsweredContext> implements GatewayInterface {
  private readonly inner: ApolloGateway;
  private apiSchema: GraphQLSchema | undefined;
  /** The API schema as each grant sees it (null: the grant covers nothing). */
  private readonly grantSchemas = new WeakMap<Grant, GraphQLSchema | null>();

  /**
   * `accessControl` null runs every operation as written: only for measuring the policy's cost
   * and for tests of the federation itself; `createGatewayServer` never does it from configuration.
   */
  constructor(
    supergraphSdl: string,
    /** Each subgraph's data source: in this process (InProcessSubgraph) or its own service (RemoteSubgraph). */
    subgraphs: ReadonlyMap<string, GraphQLDataSource>,
    private readonly accessControl: AccessControl | null,
    /** Which subgraphs resolve each field (fieldOwners): the audit's fields answered when one is down. */
    private readonly fieldOwners: ReadonlyMap<string, readonly string[]> = new Map(),
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
        if (!subgraph) throw new Error(`the supergraph names a subgraph "${name}" that has no data source`);
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
   * Steps 4–7 of a request (DESIGN.md), by the operation's plan: the document cut down to what
   * the caller's grant covers (so no subgraph is asked for a denied field) is executed, then the
   * result is put back in the caller's shape (denied fields `null` with FORBIDDEN errors, masked
   * fields masked) and the citizen IDs it carries, and the subgraphs that could not answer their
   * slice, are read for the audit.
   */
  private async execute(requestContext: GatewayGraphQLRequestContext, inner: GatewayExecutor): Promise<GatewayExecutionResult> {
    if (!this.accessControl) return inner(requestContext);
    const context = requestContext.context as GatewayContext;
    const prepared = context.operation;
    // Fail closed: the planner prepares every operation of a verified caller; nothing else runs.
    if (!prepared || !context.access || !this.apiSchema) throw new Error('an operation reached the executor without a plan and a verified caller');
    if (prepared.plan.kind === 'introspection') return this.introspect(context.access.grant, requestContext);
    const run = prepared.plan.execute;
    const result = await inner(run ? { ...requestContext, document: run.document, queryHash: run.queryHash } : requestContext);
    const answer = answerWithPlan(prepared.plan, result.data);
    const errors = [...unavailableAtCallerPaths(result.errors ?? [], prepared.plan.root), ...answer.errors];
    const unavailable = unavailableSubgraphs(result.errors);
    const silent = new Set(unavailable.filter((name) => !context.subgraphsAnswered?.has(name)));
    context.answered = { citizenIds: answer.citizenIds, unavailableSubgraphs: unavailable, fieldsReturned: fieldsAnswered(prepared.plan.fields.returned, this.fieldOwners, silent) };
    return { ...result, data: answer.data, errors: errors.length > 0 ? errors : undefined };
  }

  /**
   * Introspection answered from the API schema cut down to the caller's grant: a developer's IDE
   * shows what the grant covers and nothing else (not even the names of the rest).
   */
  private async introspect(grant: Grant, requestContext: GatewayGraphQLRequestContext) {
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
