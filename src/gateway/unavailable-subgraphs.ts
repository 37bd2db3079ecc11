import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import type { FieldStep, ObjectStep } from '../policy/operation-plan.js';

/**
 * The code of the error the gateway puts at the fields of a subgraph's slice it could not fetch (a
 * department's service that was down); the other slices are still answered.
 */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/**
 * The subgraphs whose slice of an answer could not be fetched, distinct and sorted, for the audit
 * record: read from the executed result's errors, before the error formatter strips `serviceName`
 * from what the caller sees (src/gateway/errors.ts). `serviceName` is the gateway's own name for
 * the subgraph (@apollo/gateway sets it on every error a subgraph returns, over whatever the
 * subgraph put there), never caller text. An error with another code, or without a string
 * `serviceName`, names nobody.
 */
export function unavailableSubgraphs(errors: readonly { extensions?: Readonly<Record<string, unknown>> }[] | undefined): string[] {
  const names = new Set<string>();
  for (const error of errors ?? []) {
    const serviceName = error.extensions?.serviceName;
    if (error.extensions?.code === SUBGRAPH_UNAVAILABLE && typeof serviceName === 'string') names.add(serviceName);
  }
  return [...names].sort();
}

/**
 * A slice that could not be fetched is reported at the paths of the fields the query planner
 * asked of its subgraph, which include fields the caller never wrote: the gateway's own audit
 * alias, and the internal answers an assessment requires from each department. Each such error is
 * moved up to the nearest path the caller's operation has, and reported once there, so the
 * caller learns which of its fields are missing and nothing of the plan behind them.
 */
export function unavailableAtCallerPaths(errors: readonly GraphQLError[], root: ObjectStep): GraphQLError[] {
  const seen = new Set<string>();
  const out: GraphQLError[] = [];
  for (const error of errors) {
    if (error.extensions?.code !== SUBGRAPH_UNAVAILABLE || !error.path) {
      out.push(error);
      continue;
    }
    const path = callerPath(error.path, root);
    const key = `${String(error.extensions.serviceName)} ${JSON.stringify(path)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(path.length === error.path.length ? error : new GraphQLError(error.message, { path, extensions: error.extensions }));
  }
  return out;
}

/** The longest beginning of `path` that names fields of the caller's operation (list indexes pass through). */
function callerPath(path: readonly (string | number)[], root: ObjectStep): (string | number)[] {
  let step: ObjectStep | undefined = root;
  for (let index = 0; index < path.length; index++) {
    const segment = path[index]!;
    if (typeof segment === 'number') continue;
    const field: FieldStep | undefined = step?.fields.find((candidate) => candidate.key === segment && !candidate.meta);
    if (!field) return path.slice(0, index);
    step = field.child;
  }
  return [...path];
}

/**
 * Which subgraphs resolve each field (`Type.field` → subgraph names), read from each module's own
 * schema: a field a subgraph declares `@external` is only referenced there, not resolved.
 */
export function fieldOwners(modules: readonly { name: string; typeDefs: DocumentNode }[]): ReadonlyMap<string, readonly string[]> {
  const owners = new Map<string, string[]>();
  for (const module of modules) {
    for (const definition of module.typeDefs.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      for (const field of definition.fields ?? []) {
        if (field.directives?.some((directive) => directive.name.value === 'external')) continue;
        const coordinate = `${definition.name.value}.${field.name.value}`;
        const list = owners.get(coordinate) ?? [];
        if (!list.includes(module.name)) list.push(module.name);
        owners.set(coordinate, list);
      }
    }
  }
  return owners;
}

/**
 * The fields an answer really returned, for its audit record: the plan's, less those only
 * subgraphs that answered nothing in this request resolve (DESIGN.md: what the audit records comes
 * from what was answered). A subgraph that answered any fetch of the request keeps its fields:
 * the record may then name a field that came back for some people and not others, never miss one
 * that came back.
 */
export function fieldsAnswered(planned: readonly string[], owners: ReadonlyMap<string, readonly string[]>, silent: ReadonlySet<string>): readonly string[] {
  if (silent.size === 0) return planned;
  return planned.filter((coordinate) => {
    const resolvedBy = owners.get(coordinate);
    return !resolvedBy || resolvedBy.some((name) => !silent.has(name));
  });
}
