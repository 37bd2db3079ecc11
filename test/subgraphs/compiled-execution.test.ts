import { describe, expect, it } from 'vitest';
import { execute, GraphQLError, parse } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { compilable, compiledExecutor } from '../../src/subgraphs/compiled-execution.js';

/**
 * Compiled execution must answer exactly as graphql-js does: the same data, the same errors with
 * the same codes and paths (the gateway and the audit read both), for the shapes subgraph fetches
 * take, and fall back to graphql-js where graphql-jit would differ.
 */
const schema = makeExecutableSchema({
  typeDefs: /* GraphQL */ `
    type Query { people(ids: [ID!]!): [Person!]! secret: String echo(text: String): String }
    type Person { id: ID! name: String records(limit: Int = 2): [Int!]! sealed: String }
  `,
  resolvers: {
    Query: {
      people: (_: unknown, { ids }: { ids: string[] }) => ids.map((id) => ({ id })),
      echo: (_: unknown, { text }: { text: string }) => text,
      secret: () => {
        throw new GraphQLError('not for you', { extensions: { code: 'FORBIDDEN' } });
      },
    },
    Person: {
      name: async ({ id }: { id: string }) => `person ${id}`,
      records: (_: unknown, { limit }: { limit: number }) => Array.from({ length: limit }, (__, i) => i),
      sealed: ({ id }: { id: string }) => {
        if (id === '2') throw new GraphQLError('sealed', { extensions: { code: 'FORBIDDEN' } });
        return 'open';
      },
    },
  },
});

const run = compiledExecutor(schema, 'test');

async function both(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const compiled = await run({ document, variableValues: variables, contextValue: {} });
  const interpreted = await execute({ schema, document, variableValues: variables, contextValue: {} });
  return { compiled: JSON.parse(JSON.stringify(compiled)), interpreted: JSON.parse(JSON.stringify(interpreted)) };
}

describe('compiled subgraph execution', () => {
  it('answers a selection with lists, async fields and arguments as graphql-js does', async () => {
    const { compiled, interpreted } = await both('query($ids: [ID!]!) { people(ids: $ids) { id name records(limit: 3) } }', { ids: ['1', '7'] });
    expect(compiled).toEqual(interpreted);
    expect(compiled.data.people[1]).toEqual({ id: '7', name: 'person 7', records: [0, 1, 2] });
  });

  it('reports a refused field with its code and path, nulling only that field', async () => {
    const { compiled, interpreted } = await both('query($ids: [ID!]!) { people(ids: $ids) { id sealed } secret }', { ids: ['1', '2'] });
    expect(compiled.data).toEqual(interpreted.data);
    expect(compiled.data).toEqual({ people: [{ id: '1', sealed: 'open' }, { id: '2', sealed: null }], secret: null });
    const shape = (errors: Array<{ message: string; path: unknown; extensions: unknown }>) =>
      errors.map(({ message, path, extensions }) => ({ message, path, extensions })).sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
    expect(shape(compiled.errors)).toEqual(shape(interpreted.errors));
    expect(shape(compiled.errors)).toEqual([
      { message: 'sealed', path: ['people', 1, 'sealed'], extensions: { code: 'FORBIDDEN' } },
      { message: 'not for you', path: ['secret'], extensions: { code: 'FORBIDDEN' } },
    ]);
  });

  it('lets a variable’s default stand in for a value not given, as GraphQL says (graphql-jit would refuse it)', async () => {
    const { compiled, interpreted } = await both('query($ids: [ID!]! = ["3"], $on: Boolean! = true) { people(ids: $ids) { id name @include(if: $on) } }');
    expect(compiled).toEqual(interpreted);
    expect(compiled).toEqual({ data: { people: [{ id: '3', name: 'person 3' }] } });
  });

  it('refuses bad variables with graphql-js’s errors and runs no resolver', async () => {
    const { compiled, interpreted } = await both('query($ids: [ID!]!) { people(ids: $ids) { id } }', { ids: null });
    expect(compiled.data).toBeUndefined();
    expect(compiled.errors.map((e: { message: string }) => e.message)).toEqual(interpreted.errors.map((e: { message: string }) => e.message));
  });

  it('never lets a string argument become code: a document with a string literal runs through graphql-js', async () => {
    // graphql-jit turns a literal beginning with its date marker into `new Date(rest)`, rest run as code.
    const payload = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d0+(globalThis.__jitInjected = 1)';
    const { compiled, interpreted } = await both(`{ echo(text: ${JSON.stringify(payload)}) }`);
    expect((globalThis as Record<string, unknown>).__jitInjected).toBeUndefined();
    expect(compiled).toEqual({ data: { echo: payload } });
    expect(compiled).toEqual(interpreted);
  });

  it('compiles the query planner’s fetches, which carry their values as variables', () => {
    expect(compilable(parse('query($representations:[_Any!]!){_entities(representations:$representations){...on Person{education{highestLevel}}}}'))).toBe(true);
    expect(compilable(parse('query FullPersons($citizenIds:[CitizenId!]!){persons(citizenIds:$citizenIds){citizenId}}'))).toBe(true);
    expect(compilable(parse('{ people(ids: [1, 2]) { id records(limit: 3) } }'))).toBe(true);
    expect(compilable(parse('{ echo(text: "x") }'))).toBe(false);
    expect(compilable(parse('{ people(ids: ["1"]) { id } }'))).toBe(false);
    expect(compilable(parse('query($on: Boolean = true) { secret @include(if: $on) }'))).toBe(false);
  });
});
