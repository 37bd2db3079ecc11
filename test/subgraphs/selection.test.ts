import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { prefetch, Selection } from '../../src/subgraphs/selection.js';

const schema = buildSchema(`
  type Query { people: [Person!]! }
  type Person { tax: Tax }
  type Tax { status: String returns: [Return!]! }
  type Return { year: Int household: Household }
  type Household { id: String }
`);

/** Runs `query` and reports what `Selection` saw under `Person.tax` for each of two people. */
async function seenUnderTax(query: string): Promise<{ has: Record<string, boolean>; returnsHasHousehold: boolean; sameObject: boolean }> {
  const seen: Selection[] = [];
  const rootValue = {
    people: () => [
      { tax: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => (seen.push(Selection.of(info)), null) },
      { tax: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => (seen.push(Selection.of(info)), null) },
    ],
  };
  const result = await execute({ schema, document: parse(query), rootValue });
  expect(result.errors).toBeUndefined();
  const [first, second] = seen as [Selection, Selection];
  return {
    has: Object.fromEntries(['status', 'returns', 'year'].map((f) => [f, first.has(f)])),
    returnsHasHousehold: first.child('returns').has('household'),
    sameObject: first === second,
  };
}

describe('Selection: what a caller asked for under a field', () => {
  it('sees plain fields and nested ones, not fields of other levels', async () => {
    const seen = await seenUnderTax('{ people { tax { status returns { year household { id } } } } }');
    expect(seen.has).toEqual({ status: true, returns: true, year: false });
    expect(seen.returnsHasHousehold).toBe(true);
  });

  it('sees through aliases, inline fragments and named fragments', async () => {
    const seen = await seenUnderTax(`
      { people { tax { ... on Tax { s: status } ...R } } }
      fragment R on Tax { rs: returns { ...H } }
      fragment H on Return { household { id } }`);
    expect(seen.has).toEqual({ status: true, returns: true, year: false });
    expect(seen.returnsHasHousehold).toBe(true);
  });

  it('reports what is not selected, so nothing is read for it', async () => {
    const seen = await seenUnderTax('{ people { tax { status } } }');
    expect(seen.has).toEqual({ status: true, returns: false, year: false });
    expect(seen.returnsHasHousehold).toBe(false);
  });

  it('is worked out once for all items of a list', async () => {
    expect((await seenUnderTax('{ people { tax { status } } }')).sameObject).toBe(true);
  });
});

describe('prefetch', () => {
  it('leaves no unhandled rejection when the prefetched read fails and nobody asks for it', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    prefetch(() => Promise.reject(new Error('database gone')));
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
});
