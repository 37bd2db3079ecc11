import { createHash } from 'node:crypto';
import {
  getNamedType,
  isAbstractType,
  isObjectType,
  isScalarType,
  Kind,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Grant } from './compile.js';
import type { Mask } from './masks.js';
import { CITIZEN_ID_SCALAR } from '../subgraphs/person-types.js';

/**
 * Stands in for the selections of an object whose every selected field was denied, so the
 * operation stays valid; never shown to the caller.
 */
export const PLACEHOLDER = 'policyPlaceholder__';
/**
 * Every object the answer carries that stands for a person (a Person, a household member, a
 * spouse's marriage: PlanInput.personIdFields) brings that person's citizen ID under this alias when
 * the caller did not select it plainly itself: the audit records everyone whose data the answer
 * carries, whatever form the operation takes (fragments, variables, defaults, aliases) and whether
 * or not the caller asked for their ID. Never shown to the caller.
 */
export const AUDIT_CITIZEN_ID = 'auditCitizenId__';


/** Explains one denied field to the caller: why, and under which of its purposes it is readable. */
export type DenialExplainer = (coordinate: string) => { message: string; extensions: Record<string, unknown> };

/** What to do with one response key of an object in the answer. */
export interface FieldStep {
  key: string;
  /** Introspection meta-fields and `__typename` pass as they are. */
  meta: boolean;
  /** For a denied field: its FORBIDDEN explanation, worked out once however many items carry it. */
  denial?: { message: string; extensions: Record<string, unknown> };
  mask?: Mask;
  /** A citizen ID the answer carries (a CitizenId field of a person's data): the audit records it. */
  recordsCitizenId?: boolean;
  child?: ObjectStep;
}

export interface ObjectStep {
  fields: FieldStep[];
  /** For an object standing for a person: the response key holding that person's citizen ID. */
  citizenIdKey?: string;
  /** True when something at or below must change in the answer: the object is copied. */
  reshape: boolean;
  /** True when something at or below is read for the audit (citizen IDs). */
  read: boolean;
}

/**
 * Everything the gateway needs to know about one operation for one grant, worked out in one walk
 * and cached (DESIGN.md, request step 3): what kind of request it is, the document to execute
 * (denied fields removed, the audit's citizen IDs added), how to put the answer back into the
 * caller's shape (denials, masks), and what the audit records (fields returned and denied, where
 * the citizen IDs are).
 */
export interface OperationPlan {
  kind: 'data' | 'introspection' | 'mixed';
  /** The document to execute and its query-plan cache key; null when the caller's own document runs unchanged. */
  execute: { document: DocumentNode; queryHash: string } | null;
  root: ObjectStep;
  /** What the audit records for every run of this plan: `Type.field` of fields returned and denied. */
  fields: { readonly returned: readonly string[]; readonly denied: readonly string[] };
}

export interface PlanInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  grant: Grant;
  /** The values of the variables that decide `@skip`/`@include`. */
  conditions: Readonly<Record<string, unknown>>;
  explain: DenialExplainer;
  /** The object types that stand for a person, each with the field holding their citizen ID (Person: citizenId). */
  personIdFields: ReadonlyMap<string, string>;
}

/**
 * Expands the operation as graphql-js executes it (aliases merged by response key, fragments
 * once per selection set, type conditions and `@skip`/`@include` evaluated) and decides every
 * field under the grant. Only called once the operation's measured cost (an upper bound on its
 * expanded size) is within the limits, so this walk is bounded too.
 */
export function planOperation(input: PlanInput): OperationPlan {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of input.document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const walk: Walk = { ...input, fragments, returned: new Set(), denied: new Set(), introspection: false, data: false };
  const rootType = input.schema.getRootType(input.operation.operation)!;
  const root = planObject(walk, rootType, [input.operation.selectionSet], false, true);
  return {
    kind: walk.introspection ? (walk.data ? 'mixed' : 'introspection') : 'data',
    execute: walk.introspection ? null : executedDocument(input),
    root,
    fields: { returned: [...walk.returned], denied: [...walk.denied] },
  };
}

interface Walk extends PlanInput {
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  returned: Set<string>;
  denied: Set<string>;
  introspection: boolean;
  data: boolean;
}

function planObject(walk: Walk, type: GraphQLObjectType, sets: readonly SelectionSetNode[], inPerson: boolean, isRoot = false): ObjectStep {
  const steps: FieldStep[] = [];
  const definitions = type.getFields();
  for (const [key, nodes] of collectFields(walk, type, sets)) {
    const name = nodes[0]!.name.value;
    if (name.startsWith('__')) {
      if (isRoot && name !== '__typename') walk.introspection = true;
      steps.push({ key, meta: true });
      continue;
    }
    if (isRoot) walk.data = true;
    const coordinate = `${type.name}.${name}`;
    const tier = walk.grant.tiers.get(coordinate);
    if (!tier) {
      walk.denied.add(coordinate);
      steps.push({ key, meta: false, denial: walk.explain(coordinate) });
      continue;
    }
    walk.returned.add(coordinate);
    const fieldType = getNamedType(definitions[name]!.type);
    const step: FieldStep = { key, meta: false };
    if (isObjectType(fieldType)) {
      const idField = walk.personIdFields.get(fieldType.name);
      const child = planObject(walk, fieldType, nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])), inPerson || idField !== undefined);
      if (idField) child.citizenIdKey = selectsPlainId(nodes, walk.grant, fieldType.name, idField) ? idField : AUDIT_CITIZEN_ID;
      step.child = settle(child);
    } else {
      if (tier === 'masked') step.mask = walk.grant.masks.get(coordinate);
      if (inPerson && isScalarType(fieldType) && fieldType.name === CITIZEN_ID_SCALAR) step.recordsCitizenId = true;
    }
    steps.push(step);
  }
  return settle({ fields: steps, reshape: false, read: false });
}

/** Works out whether the answer's object must be copied, read, or can pass untouched. */
function settle(step: ObjectStep): ObjectStep {
  step.reshape = step.citizenIdKey === AUDIT_CITIZEN_ID || step.fields.some((f) => f.denial || f.mask || f.child?.reshape);
  step.read = step.citizenIdKey !== undefined || step.fields.some((f) => f.recordsCitizenId || f.child?.read);
  return step;
}

/**
 * True when every one of these (merged) fields of a type standing for a person selects the
 * person's ID field (`Person.citizenId`, `Marriage.spouseCitizenId`, …) plainly (no alias but its own
 * name, no directive) and the grant covers it: the answer then carries the ID under that name.
 * Otherwise the executed document asks for it under AUDIT_CITIZEN_ID. The executed document is
 * rewritten by the same rule (`executedDocument`), so the two always agree.
 */
function selectsPlainId(nodes: readonly FieldNode[], grant: Grant, type: string, idField: string): boolean {
  return grant.tiers.has(`${type}.${idField}`) && nodes.every((node) => hasPlainField(node.selectionSet, idField));
}

function hasPlainField(set: SelectionSetNode | undefined, name: string): boolean {
  return !!set?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === name && (!s.alias || s.alias.value === name) && !s.directives?.length);
}

/** The response keys of a selection, in order, with the field nodes merged under each (as graphql-js does). */
function collectFields(walk: Walk, type: GraphQLObjectType, sets: readonly SelectionSetNode[]): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (!included(walk, selection.directives)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const merged = fields.get(key);
        if (merged) merged.push(selection);
        else fields.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(walk, selection.typeCondition?.name.value, type)) collect(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = walk.fragments.get(selection.name.value);
        if (fragment && applies(walk, fragment.typeCondition.name.value, type)) collect(fragment.selectionSet);
      }
    }
  };
  for (const set of sets) collect(set);
  return fields;
}

function included(walk: Walk, directives: readonly DirectiveNode[] | undefined): boolean {
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const condition = conditionValue(walk, directive.arguments);
    if (name === 'skip' && condition === true) return false;
    if (name === 'include' && condition !== true) return false;
  }
  return true;
}

/** The `if:` of a directive: a literal, or a variable whose (coerced, non-null) value the plan was made for. */
function conditionValue(walk: Walk, args: readonly ArgumentNode[] | undefined): unknown {
  const value = args?.find((a) => a.name.value === 'if')?.value;
  if (!value) return undefined;
  if (value.kind === Kind.BOOLEAN) return value.value;
  if (value.kind === Kind.VARIABLE) return walk.conditions[value.name.value];
  return undefined;
}

function applies(walk: Walk, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = walk.schema.getType(condition);
  return !!conditionType && isAbstractType(conditionType) && walk.schema.isSubType(conditionType, type);
}

const placeholder: FieldNode = {
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: PLACEHOLDER },
  name: { kind: Kind.NAME, value: '__typename' },
};
const auditCitizenId = (idField: string): FieldNode => ({
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: AUDIT_CITIZEN_ID },
  name: { kind: Kind.NAME, value: idField },
});

/**
 * The document as the grant lets it run: every field the grant does not cover removed wherever it
 * is written (fields, inline fragments, named fragments), and the audit's citizen ID added to each
 * object standing for a person the caller did not select it plainly for. Walks the document as
 * written, fragments once each: linear in its size. Null when nothing changes (the caller's
 * document runs as it is).
 */
function executedDocument({ schema, document, grant, personIdFields }: PlanInput): OperationPlan['execute'] {
  let changed = false;
  const typeInfo = new TypeInfo(schema);
  const rewritten = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          if (node.name.value.startsWith('__')) return undefined;
          if (grant.tiers.has(`${typeInfo.getParentType()?.name}.${node.name.value}`)) return undefined;
          changed = true;
          return null;
        },
        leave(node) {
          const type = getNamedType(typeInfo.getType())?.name;
          const idField = type ? personIdFields.get(type) : undefined;
          if (!type || !idField || !node.selectionSet || selectsPlainId([node], grant, type, idField)) return undefined;
          changed = true;
          return { ...node, selectionSet: { ...node.selectionSet, selections: [...node.selectionSet.selections, auditCitizenId(idField)] } };
        },
      },
      SelectionSet: {
        leave(node: SelectionSetNode) {
          return node.selections.length === 0 ? { ...node, selections: [placeholder] } : undefined;
        },
      },
    }),
  );
  if (!changed) return null;
  return { document: rewritten, queryHash: createHash('sha256').update(print(rewritten)).digest('hex') };
}
