import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

const known = new WeakMap<readonly FieldNode[], Selection>();

/**
 * The fields a caller selected under the field being resolved, by field name: aliases, inline
 * fragments and fragment spreads resolved. graphql-js resolves a tree one level per tick, so a
 * slice whose nested lists wait for the slice's own row costs one database round trip per level;
 * knowing what is selected lets a resolver start those reads together.
 *
 * It over-approximates on purpose: `@skip`/`@include` and type conditions are not evaluated, so a
 * prefetch may read a little more than asked, never less.
 */
export class Selection {
  private constructor(
    private readonly sets: readonly SelectionSetNode[],
    private readonly fragments: GraphQLResolveInfo['fragments'],
  ) {}

  /** graphql-js passes the same `fieldNodes` for every item of a list, so 1000 people share one. */
  static of(info: GraphQLResolveInfo): Selection {
    let selection = known.get(info.fieldNodes);
    if (!selection) {
      const sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
      selection = new Selection(sets, info.fragments);
      known.set(info.fieldNodes, selection);
    }
    return selection;
  }

  private readonly answers = new Map<string, boolean>();

  has(fieldName: string): boolean {
    let answer = this.answers.get(fieldName);
    if (answer === undefined) this.answers.set(fieldName, (answer = this.fields(fieldName).length > 0));
    return answer;
  }

  /** What is selected under `fieldName` (empty when it is not selected). */
  child(fieldName: string): Selection {
    const sets = this.fields(fieldName).flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
    return new Selection(sets, this.fragments);
  }

  private fields(fieldName: string): FieldNode[] {
    const found: FieldNode[] = [];
    const visit = (set: SelectionSetNode, seen: Set<string>) => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value === fieldName) found.push(selection);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          visit(selection.selectionSet, seen);
        } else if (!seen.has(selection.name.value)) {
          // A fragment spread; `seen` guards against cycles the validator would have refused anyway.
          seen.add(selection.name.value);
          const fragment = this.fragments[selection.name.value];
          if (fragment) visit(fragment.selectionSet, seen);
        }
      }
    };
    for (const set of this.sets) visit(set, new Set());
    return found;
  }
}

/**
 * Starts a DataLoader read whose result a nested resolver will ask for later; DataLoader's cache
 * hands that resolver the same promise. A failure is left for that resolver to report: if it never
 * runs (its parent turned out null), nothing is lost and no rejection goes unhandled.
 */
export function prefetch(load: () => Promise<unknown>): void {
  load().catch(() => {});
}
