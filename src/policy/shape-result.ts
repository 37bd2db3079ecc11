import {
  getDirectiveValues,
  getOperationAST,
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
 *
 * The operation is planned first (its size, not the data's); the data is then walked only where
 * the plan has work to do, and every other subtree is passed on as it is, not copied.
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
  const operation = getOperationAST(document, operationName);
  if (!operation || !data) return { data, errors: [] };
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const walk: Walk = { schema, grant, fragments, variables: variables ?? {}, explain, errors: [] };
  const plan = planObject(walk, schema.getRootType(operation.operation)!, [operation.selectionSet]);
  const shaped = applyObject(walk, plan, data, []);
  return { data: shaped, errors: walk.errors };
}

/** What to do with one response key of an object. */
interface FieldPlan {
  key: string;
  coordinate: string;
  /** Introspection meta-fields pass as they are. */
  meta: boolean;
  /** For a denied field: its FORBIDDEN explanation, worked out once however many items carry it. */
  denial?: { message: string; extensions: Record<string, unknown> };
  mask?: (value: string) => string;
  /** For object-valued fields: the plan below. */
  child?: ObjectPlan;
}

interface ObjectPlan {
  fields: FieldPlan[];
  /** False when nothing at or below this object is denied or masked: it is passed on untouched. */
  needsWork: boolean;
}

function planObject(walk: Walk, type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[]): ObjectPlan {
  const plans: FieldPlan[] = [];
  const fields = type.getFields();
  for (const [key, nodes] of collectFields(walk, type, selectionSets)) {
    const name = nodes[0]!.name.value;
    const coordinate = `${type.name}.${name}`;
    if (name.startsWith('__')) {
      plans.push({ key, coordinate, meta: true });
      continue;
    }
    const tier = walk.grant.tiers.get(coordinate);
    if (!tier) {
      plans.push({ key, coordinate, meta: false, denial: walk.explain(coordinate) });
      continue;
    }
    const fieldType = getNamedType(fields[name]!.type);
    const plan: FieldPlan = { key, coordinate, meta: false };
    if (isObjectType(fieldType)) plan.child = planObject(walk, fieldType, nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])));
    else if (tier === 'masked') plan.mask = walk.grant.masks.get(coordinate);
    plans.push(plan);
  }
  return { fields: plans, needsWork: plans.some((f) => f.denial || f.mask || f.child?.needsWork) };
}

function applyObject(walk: Walk, plan: ObjectPlan, value: Record<string, unknown>, path: (string | number)[]): Record<string, unknown> {
  if (!plan.needsWork) return value;
  const out: Record<string, unknown> = {};
  for (const field of plan.fields) {
    if (field.denial) {
      out[field.key] = null;
      const { message, extensions } = field.denial;
      walk.errors.push(new GraphQLError(message, { path: [...path, field.key], extensions: { code: 'FORBIDDEN', ...extensions } }));
      continue;
    }
    if (!(field.key in value)) continue;
    const fieldValue = value[field.key];
    if (field.child?.needsWork) {
      path.push(field.key);
      out[field.key] = applyValue(fieldValue, path, (item) => applyObject(walk, field.child!, item as Record<string, unknown>, path));
      path.pop();
    } else if (field.mask) {
      const mask = field.mask;
      out[field.key] = applyValue(fieldValue, path, (item) => (typeof item === 'string' ? mask(item) : item));
    } else {
      out[field.key] = fieldValue;
    }
  }
  return out;
}

/** Applies `shapeItem` to a value or to each item of a (nested) list, keeping `path` current. */
function applyValue(value: unknown, path: (string | number)[], shapeItem: (item: unknown) => unknown): unknown {
  if (value === null || value === undefined) return value;
  if (!Array.isArray(value)) return shapeItem(value);
  return value.map((item, i) => {
    path.push(i);
    const shaped = applyValue(item, path, shapeItem);
    path.pop();
    return shaped;
  });
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
