import { BREAK, execute, visit, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { subgraphDocuments } from '../observability/metrics.js';

/**
 * A subgraph's execution, compiled: graphql-jit turns each document into a function that walks its
 * selection without graphql-js's per-field interpretation (field lookup, argument coercion, a
 * promise per object). The documents a subgraph sees are few and repeat (the query planner's
 * fetches, cached as document objects by the gateway and by the subgraph service), so each is
 * compiled once and kept for as long as its document is. A 1000-person full view spends about a
 * fifth less CPU in the gateway.
 *
 * Only a document graphql-js has validated against the schema may be given here: graphql-jit
 * assumes a valid document. These run through graphql-js instead (see `compilable`):
 * - one holding a string literal anywhere: graphql-jit writes literal arguments into the code it
 *   generates, and turns a string beginning with its (public) date marker into `new Date(…rest)`,
 *   the rest run as JavaScript: a caller's string argument must never become code. The planner's
 *   fetches of operations written with variables hold none;
 * - one whose variables have default values: graphql-jit 0.8 refuses a non-null variable left to
 *   its default ("was not provided"), where GraphQL lets the default stand in;
 * - one graphql-jit cannot compile.
 */
export interface SubgraphExecution {
  document: DocumentNode;
  operationName?: string | null | undefined;
  variableValues?: Record<string, unknown> | null | undefined;
  contextValue: unknown;
}

export type SubgraphExecutor = (execution: SubgraphExecution) => Promise<ExecutionResult>;

/** `subgraph` names it in the metric subgraph_documents_total. */
export function compiledExecutor(schema: GraphQLSchema, subgraph: string): SubgraphExecutor {
  // By document and operation name: one document may hold several operations.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  const compiledFor = (document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let query = byName.get(key);
    if (query === undefined) {
      const result = compilable(document) ? compileQuery(schema, document, operationName) : null;
      query = result && isCompiledQuery(result) ? result : null;
      byName.set(key, query);
      subgraphDocuments.inc({ subgraph, execution: query ? 'compiled' : 'interpreted' });
    }
    return query;
  };
  return async ({ document, operationName, variableValues, contextValue }) => {
    const query = compiledFor(document, operationName ?? undefined);
    if (!query) return execute({ schema, document, operationName, variableValues, contextValue });
    return query.query(undefined, contextValue, variableValues ?? {});
  };
}

/** Whether graphql-jit may compile `document`: no string literal and no variable default in it. */
export function compilable(document: DocumentNode): boolean {
  let safe = true;
  visit(document, {
    StringValue() {
      safe = false;
      return BREAK;
    },
    VariableDefinition(variable) {
      if (variable.defaultValue === undefined) return undefined;
      safe = false;
      return BREAK;
    },
  });
  return safe;
}
