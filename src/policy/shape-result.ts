import {
  getDirectiveValues,
  getNamedType,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Grant } from './compile.js';
import { PLACEHOLDER } from './restrict.js';

/** Explains one denied field to the caller: why, and under which of its purposes it is readable. */
export type DenialExplainer = (coordinate: string) => { message: string; extensions: Record<string, unknown> };

interface Walk {
  schema: GraphQLSchema;
  grant: Grant;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  explain: DenialExplainer;
  errors: GraphQLError[];
}

/**
 * Brings an executed result back to the shape of the operation the caller sent: every denied
 * field present as `null` in its place, with a FORBIDDEN error at its path; every `masked` field
 * masked; the placeholders of `restrictOperation` removed. Walks the original operation, so
 * aliases, fragments and `@skip`/`@include` land exactly where the caller wrote them.
 */
export function shapeResult(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined | null,
  variables: Record<string, unknown> | undefined,
  grant: Grant,
  data: Record<string, unknown> | null | undefined,
  explain: DenialExplainer,
): { data: Record<string, unknown> | null | undefined; errors: GraphQLError[] } {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (!operation || !data) return { data, errors: [] };
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const walk: Walk = { schema, grant, fragments, variables: variables ?? {}, explain, errors: [] };
  const root = schema.getRootType(operation.operation)!;
  const shaped = shapeObject(walk, root, [operation.selectionSet], data, []);
  return { data: shaped, errors: walk.errors };
}

function shapeObject(
  walk: Walk,
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
  value: Record<string, unknown>,
  path: (string | number)[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = type.getFields();
  for (const [key, nodes] of collectFields(walk, type, selectionSets)) {
    const name = nodes[0]!.name.value;
    if (name.startsWith('__')) {
      if (key in value) out[key] = value[key];
      continue;
    }
    const coordinate = `${type.name}.${name}`;
    const tier = walk.grant.tiers.get(coordinate);
    if (!tier) {
      out[key] = null;
      const { message, extensions } = walk.explain(coordinate);
      walk.errors.push(new GraphQLError(message, { path: [...path, key], extensions: { code: 'FORBIDDEN', ...extensions } }));
      continue;
    }
    if (!(key in value)) continue;
    const fieldType = getNamedType(fields[name]!.type);
    const subSets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
    out[key] = shapeValue(walk, value[key], [...path, key], (item, itemPath) => {
      if (isObjectType(fieldType)) return shapeObject(walk, fieldType, subSets, item as Record<string, unknown>, itemPath);
      if (tier === 'masked' && typeof item === 'string') return walk.grant.masks.get(coordinate)!(item);
      return item;
    });
  }
  return out;
}

function shapeValue(
  walk: Walk,
  value: unknown,
  path: (string | number)[],
  shapeItem: (item: unknown, path: (string | number)[]) => unknown,
): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((item, i) => shapeValue(walk, item, [...path, i], shapeItem));
  return shapeItem(value, path);
}

/** The response keys of a selection, in order, with the field nodes merged under each (as graphql-js does). */
function collectFields(walk: Walk, type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[]): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (!included(walk, selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (key === PLACEHOLDER) continue;
        fields.set(key, [...(fields.get(key) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(walk, selection.typeCondition?.name.value, type)) collect(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = walk.fragments[selection.name.value];
        if (fragment && applies(walk, fragment.typeCondition.name.value, type)) collect(fragment.selectionSet);
      }
    }
  };
  for (const set of selectionSets) collect(set);
  return fields;
}

function included(walk: Walk, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, walk.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, walk.variables)?.if !== false;
}

function applies(walk: Walk, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = walk.schema.getType(condition);
  return !!conditionType && isAbstractType(conditionType) && walk.schema.isSubType(conditionType, type);
}
