import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  valueFromASTUntyped,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { LIST_SIZE_ESTIMATE } from './limits.js';

/**
 * A cost that may depend on the request's variables (`persons(citizenIds: $ids)` costs
 * `len($ids)` times one person). Sums refer to their parts instead of copying them, so a fragment
 * spread many times is one shared part: the expression stays the size of the document, and
 * evaluating it (memoised) takes time linear in that size whatever the fragments expand to.
 */
export type Cost = number | CostSum;

export interface CostSum {
  constant: number;
  parts: CostSum[];
  /** `factor × cost`: the factor is a number or the name of a variable whose value sets it. */
  scaled: { factor: number | string; cost: Cost; fallback?: number }[];
}

/** What the operation is, measured without expanding its fragments (grant-independent). */
export interface OperationFacts {
  operation: OperationDefinitionNode;
  aliases: number;
  /** The longest alias: every answer and every error path repeats it. */
  aliasLength: number;
  directives: number;
  /** The deepest nesting of fields once fragments are expanded. */
  depth: number;
  /** Root fields once fragments are expanded, counting each spread (an upper bound). */
  rootFields: number;
  /** Fields once fragments are expanded, counting each spread, lists not multiplied: the size of the plan. */
  fields: number;
  cost: Cost;
  /**
   * The least the answer's JSON takes when every person asked for is found: each response key
   * and a minimal value, times the list sizes the arguments state (unsized lists count once).
   */
  bytes: Cost;
  /** Variables that decide `@skip`/`@include`: their values are part of the plan's key. */
  conditionVariables: readonly string[];
  /** Aliases the gateway reserves for itself, if the caller used any (refused). */
  reservedAliases: readonly string[];
  /**
   * The `asOf` argument of every field that takes one (the date-bound answers: points, settlement),
   * as written: a literal, a variable, or null where it is left to its default (today).
   */
  asOfArguments: readonly (ValueNode | null)[];
}

/** Aliases ending in `__` are the gateway's own (placeholders, the audit's citizen ID). */
export const RESERVED_ALIAS = /__$/;

interface Measure {
  depth: number;
  /** Fields at this level, fragments spread (each spread counted). */
  width: number;
  fields: number;
  cost: Cost;
  bytes: Cost;
}

/** A response key's quotes, colon and comma, and the shortest value (`null`, a number) beside it. */
const BYTES_PER_KEY = 8;

/**
 * Measures an operation in one pass over the document: each fragment is measured once, for the
 * type it is written on, and every spread of it reuses that measure. A 1 KB document whose
 * fragments expand a million times is measured in microseconds and refused by its numbers.
 * Type conditions and `@skip`/`@include` are not evaluated: the measure is an upper bound.
 */
export function measureOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationFacts {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let aliases = 0;
  let aliasLength = 0;
  let directives = 0;
  const conditionVariables = new Set<string>();
  const reservedAliases = new Set<string>();
  visit(document, {
    Field(node) {
      if (!node.alias) return;
      aliases += 1;
      aliasLength = Math.max(aliasLength, node.alias.value.length);
      if (RESERVED_ALIAS.test(node.alias.value)) reservedAliases.add(node.alias.value);
    },
    Directive(node) {
      directives += 1;
      if (node.name.value !== 'skip' && node.name.value !== 'include') return;
      for (const argument of node.arguments ?? []) {
        if (argument.value.kind === Kind.VARIABLE) conditionVariables.add(argument.value.name.value);
      }
    },
  });

  const asOfArguments: (ValueNode | null)[] = [];
  const measured = new Map<string, Measure | null>();
  const measureSet = (set: SelectionSetNode, parent: GraphQLCompositeType | undefined): Measure => {
    let depth = 0;
    let width = 0;
    let fields = 0;
    const cost = newSum();
    const bytes = newSum();
    for (const selection of set.selections) {
      let inner: Measure;
      if (selection.kind === Kind.FIELD) {
        const definition = parent ? fieldDefinition(schema, parent, selection.name.value) : undefined;
        const named = definition ? getNamedType(definition.type) : undefined;
        if (definition?.args.some((argument) => argument.name === AS_OF)) {
          asOfArguments.push(selection.arguments?.find((argument) => argument.name.value === AS_OF)?.value ?? null);
        }
        const child = selection.selectionSet
          ? measureSet(selection.selectionSet, named && isCompositeType(named) ? named : undefined)
          : { depth: 0, width: 0, fields: 0, cost: 0, bytes: 0 };
        const key = (selection.alias ?? selection.name).value;
        inner = {
          depth: child.depth + 1,
          width: 1,
          fields: child.fields + 1,
          cost: fieldCost(definition, selection, 1, child.cost, LIST_SIZE_ESTIMATE),
          bytes: fieldCost(definition, selection, key.length + BYTES_PER_KEY, child.bytes, 1),
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        inner = measureSet(selection.selectionSet, condition && isCompositeType(condition) ? condition : parent);
      } else {
        const name = selection.name.value;
        const known = measured.get(name);
        if (known === null) continue; // a cycle: the validator refuses it; never loop here
        if (known) inner = known;
        else {
          const fragment = fragments.get(name);
          if (!fragment) continue;
          measured.set(name, null);
          const condition = schema.getType(fragment.typeCondition.name.value);
          inner = measureSet(fragment.selectionSet, condition && isCompositeType(condition) ? condition : undefined);
          measured.set(name, inner);
        }
      }
      depth = Math.max(depth, inner.depth);
      width += inner.width;
      fields += inner.fields;
      addCost(cost, inner.cost);
      addCost(bytes, inner.bytes);
    }
    return { depth, width, fields, cost: settle(cost), bytes: settle(bytes) };
  };

  const root = schema.getRootType(operation.operation) ?? undefined;
  const measure = measureSet(operation.selectionSet, root);
  return {
    operation,
    aliases,
    aliasLength,
    directives,
    depth: measure.depth,
    rootFields: measure.width,
    fields: measure.fields,
    cost: measure.cost,
    bytes: measure.bytes,
    // Only this operation's: another operation of the document may decide with variables of its own.
    conditionVariables: [...conditionVariables].filter((name) => operation.variableDefinitions?.some((d) => d.variable.name.value === name)),
    reservedAliases: [...reservedAliases],
    asOfArguments,
  };
}

/** The argument of the answers given as of a date. */
const AS_OF = 'asOf';

/**
 * The distinct dates an operation asks its date-bound answers for, with these variables: each
 * `asOf` literal or variable value; `null` for an answer left to its default date (today).
 */
export function datesAsked(facts: OperationFacts, variables: Readonly<Record<string, unknown>>): (string | null)[] {
  const dates = new Set<string | null>();
  for (const value of facts.asOfArguments) {
    if (value === null) dates.add(null);
    else if (value.kind === Kind.VARIABLE) dates.add(dateValue(variables[value.name.value] ?? variableDefault(facts.operation, value.name.value)));
    else dates.add(dateValue(valueFromASTUntyped(value)));
  }
  return [...dates];
}

const dateValue = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function variableDefault(operation: OperationDefinitionNode, name: string): unknown {
  const definition = operation.variableDefinitions?.find((d) => d.variable.name.value === name);
  return definition?.defaultValue ? valueFromASTUntyped(definition.defaultValue) : undefined;
}

/** The cost's value for these variables; an empty or absent list still costs as one item. */
export function evaluateCost(cost: Cost, variables: Readonly<Record<string, unknown>>): number {
  const memo = new Map<CostSum, number>();
  const evaluate = (c: Cost): number => {
    if (typeof c === 'number') return c;
    const known = memo.get(c);
    if (known !== undefined) return known;
    let total = c.constant;
    for (const part of c.parts) total += evaluate(part);
    for (const { factor, cost, fallback = 1 } of c.scaled) {
      total += (typeof factor === 'number' ? factor : factorValue(variables[factor], fallback)) * evaluate(cost);
    }
    memo.set(c, total);
    return total;
  };
  return evaluate(cost);
}

/** A variable's size: a list's length, a number's value, or `fallback` when it is not given. */
function factorValue(value: unknown, fallback: number): number {
  if (Array.isArray(value)) return Math.max(1, value.length);
  if (typeof value === 'number' && Number.isFinite(value)) return Math.max(1, value);
  return fallback;
}

function fieldDefinition(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === '__typename') return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === '__schema') return SchemaMetaFieldDef;
    if (name === '__type') return TypeMetaFieldDef;
  }
  return 'getFields' in parent ? parent.getFields()[name] : undefined;
}

/**
 * One field's cost: its own weight, plus what is selected under it, times its list's size. A
 * list's size is the length of its list argument (`persons(citizenIds:)`) or a `first`/`limit`
 * argument where it has one, otherwise `unsized`.
 */
function fieldCost(definition: GraphQLField<unknown, unknown> | undefined, node: FieldNode, weight: number, child: Cost, unsized: number): Cost {
  const own = typeof child === 'number' ? weight + child : { constant: weight, parts: [child], scaled: [] };
  if (!definition) return own;
  const size = listSize(definition, node, unsized);
  if (size === undefined) return own;
  if (typeof size === 'number' && typeof own === 'number') return size * own;
  return { constant: 0, parts: [], scaled: [typeof size === 'number' ? { factor: size, cost: own } : { factor: size.variable, fallback: size.fallback, cost: own }] };
}

/**
 * How many items a field answers: a `first`/`limit` argument (a page, list-typed or not; its
 * default when not given), a list argument's length, or `unsized` for another list. Undefined for
 * a field that answers one thing.
 */
function listSize(definition: GraphQLField<unknown, unknown>, node: FieldNode, unsized: number): number | { variable: string; fallback: number } | undefined {
  const argument = (name: string): ValueNode | undefined => node.arguments?.find((a) => a.name.value === name)?.value;
  for (const arg of definition.args) {
    if (arg.name !== 'first' && arg.name !== 'limit') continue;
    const value = argument(arg.name);
    const byDefault = typeof arg.defaultValue === 'number' ? Math.max(1, arg.defaultValue) : unsized;
    if (value?.kind === Kind.INT) return Math.max(1, Number(value.value));
    if (value?.kind === Kind.VARIABLE) return { variable: value.name.value, fallback: byDefault };
    if (!value) return byDefault;
  }
  if (!isListType(getNullableType(definition.type))) return undefined;
  for (const arg of definition.args) {
    const value = argument(arg.name);
    if (!value || !isListType(getNullableType(arg.type))) continue;
    if (value.kind === Kind.LIST) return Math.max(1, value.values.length);
    if (value.kind === Kind.VARIABLE) return { variable: value.name.value, fallback: 1 };
  }
  return unsized;
}

function newSum(): CostSum {
  return { constant: 0, parts: [], scaled: [] };
}

function addCost(sum: CostSum, cost: Cost): void {
  if (typeof cost === 'number') sum.constant += cost;
  else sum.parts.push(cost);
}

/** A sum without variables is just its number, so most operations cost a constant. */
function settle(sum: CostSum): Cost {
  return sum.parts.length === 0 && sum.scaled.length === 0 ? sum.constant : sum;
}
