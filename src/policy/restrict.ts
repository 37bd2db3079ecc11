import { createHash } from 'node:crypto';
import {
  Kind,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Grant } from './compile.js';

/**
 * Stands in for the selections of an object whose every selected field was denied, so the
 * operation stays valid; removed again from the result.
 */
export const PLACEHOLDER = 'policyPlaceholder__';
const placeholder: FieldNode = {
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: PLACEHOLDER },
  name: { kind: Kind.NAME, value: '__typename' },
};

/** The operation as the grant allows it to run. */
export interface RestrictedOperation {
  document: DocumentNode;
  /** Hash of the restricted text: the query-plan cache key, so no plan is shared across grants. */
  queryHash: string;
  /** `Type.field` of every selected field the grant does not cover. */
  denied: ReadonlySet<string>;
  /** `Type.field` of every selected field the grant covers only as `masked`. */
  masked: ReadonlySet<string>;
  /** What the audit records for every run of this operation under this grant: fields returned and denied. */
  fields: { readonly returned: readonly string[]; readonly denied: readonly string[] };
}

/**
 * Removes from the operation every field the grant does not cover, wherever it is written (fields,
 * inline fragments, named fragments; aliases change nothing), before anything is planned or read.
 * Meta-fields (`__typename`, introspection) are left to the introspection filter.
 */
export function restrictOperation(schema: GraphQLSchema, document: DocumentNode, grant: Grant): RestrictedOperation {
  const denied = new Set<string>();
  const masked = new Set<string>();
  const granted = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const restricted = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value.startsWith('__')) return undefined;
        const parent = typeInfo.getParentType();
        const coordinate = `${parent?.name}.${node.name.value}`;
        const tier = grant.tiers.get(coordinate);
        if (!tier) {
          denied.add(coordinate);
          return null;
        }
        granted.add(coordinate);
        if (tier === 'masked') masked.add(coordinate);
        return undefined;
      },
      SelectionSet: {
        leave(node: SelectionSetNode) {
          return node.selections.length === 0 ? { ...node, selections: [placeholder] } : undefined;
        },
      },
    }),
  );
  const queryHash = denied.size === 0 ? '' : createHash('sha256').update(print(restricted)).digest('hex');
  return { document: restricted, queryHash, denied, masked, fields: { returned: [...granted], denied: [...denied] } };
}
