import fc from 'fast-check';
import { getNamedType, isLeafType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCitizenId } from '../../src/domain/citizen-id.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let ids: string[];
let callers: Record<string, string>[];

beforeAll(async () => {
  gw = await startTestGateway({ persons: 80, seed: 41 });
  ids = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id')).map((r) => r.citizen_id);
  // A grant that covers everything it asks for, one that is denied much of it, one with masks.
  callers = [
    await gw.headersFor('public-security', 'household-registration'),
    await gw.headersFor('education', 'school-enrolment'),
    await gw.headersFor('housing', 'public-housing-eligibility'),
  ];
}, 120_000);
afterAll(() => gw?.close());

/** What an answer must never show a caller: internal failures and the internals behind them. */
const INTERNAL_DETAIL = /SQLSTATE|relation "|syntax error at or near|node_modules|\bat [\w.<>]+ \(|TypeError|ReferenceError|Cannot read prop|undefined is not|Unexpected error/;

async function expectClean(query: string, variables: unknown, headers: Record<string, string>, operationName?: string) {
  const response = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables, ...(operationName === undefined ? {} : { operationName }) }),
  });
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
  for (const error of body.errors ?? []) {
    expect(error.extensions?.code, text).toEqual(expect.any(String));
    expect(error.extensions?.code, text).not.toBe('INTERNAL_SERVER_ERROR');
  }
  expect(text).not.toMatch(INTERNAL_DETAIL);
}

/** Citizen IDs: real ones, valid but unknown ones, and near misses of every kind. */
const citizenIdLike = () =>
  fc.oneof(
    fc.constantFrom(...ids),
    fc.date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).chain((birth) =>
      fc.integer({ min: 0, max: 999 }).map((sequence) => makeCitizenId('440106', birth.toISOString().slice(0, 10), sequence)),
    ),
    fc.stringMatching(/^[0-9]{17}[0-9Xx]$/),
    fc.stringMatching(/^[0-9X]{0,20}$/),
    fc.string({ maxLength: 40 }),
    fc.constantFrom(...ids).chain((id) => fc.integer({ min: 0, max: 17 }).map((i) => `${id.slice(0, i)}${String((Number(id[i]) + 1) % 10)}${id.slice(i + 1)}`)),
  );

/** A selection over `type` built from the schema: real fields, aliases, directives, typos and fragments. */
function selection(schema: GraphQLSchema, type: GraphQLObjectType, depth: number): fc.Arbitrary<string> {
  const fields = Object.values(type.getFields()).filter((f) => f.args.length === 0);
  const field = fc.constantFrom(...fields).chain((f) => {
    const named = getNamedType(f.type);
    const below = isObjectType(named) && depth > 0 ? selection(schema, named, depth - 1).map((s) => ` { ${s} }`) : fc.constant(isLeafType(named) ? '' : ' { __typename }');
    return fc
      .tuple(
        fc.option(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,6}$/), { nil: undefined }),
        fc.constantFrom('', ' @skip(if: true)', ' @include(if: false)', ' @include(if: $flag)', ' @skip(if: $flag)'),
        below,
      )
      .map(([alias, directive, sub]) => `${alias ? `${alias}: ` : ''}${f.name}${directive}${sub}`);
  });
  const item = fc.oneof(
    { weight: 8, arbitrary: field },
    { weight: 1, arbitrary: fc.constant('__typename') },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{1,8}$/) },
    { weight: 1, arbitrary: fc.constant(`... on ${type.name} { __typename }`) },
  );
  return fc.array(item, { minLength: 1, maxLength: 6 }).map((items) => items.join(' '));
}

describe('fuzzing with documents built from the schema: no 500, no INTERNAL_SERVER_ERROR, no internal detail', () => {
  it('citizen IDs as literals and as variables', async () => {
    await fc.assert(
      fc.asyncProperty(citizenIdLike(), fc.constantFrom(0, 1, 2), fc.boolean(), async (id, who, asVariable) => {
        const query = asVariable
          ? 'query($id: CitizenId!) { person(citizenId: $id) { citizenId name registration { district } } }'
          : `query { person(citizenId: ${JSON.stringify(id)}) { citizenId name registration { district } } }`;
        await expectClean(query, asVariable ? { id } : undefined, callers[who]!);
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  it('operations over the person view', async () => {
    const schema = gw.gateway.schema;
    const person = schema.getType('Person') as GraphQLObjectType;
    const operation = fc
      .tuple(
        selection(schema, person, 3),
        fc.array(citizenIdLike(), { minLength: 0, maxLength: 4 }),
        fc.constantFrom('person', 'persons', 'fragment'),
        fc.option(fc.oneof(fc.boolean(), fc.constant(null), fc.string({ maxLength: 3 })), { nil: undefined }),
        fc.constantFrom(0, 1, 2),
        fc.option(fc.constantFrom('Look', 'Other', ''), { nil: undefined }),
      )
      .map(([fields, people, root, flag, who, operationName]) => {
        const head = 'query Look($ids: [CitizenId!]!, $flag: Boolean! = true)';
        const body =
          root === 'persons'
            ? `persons(citizenIds: $ids) { ${fields} }`
            : root === 'person'
              ? `person(citizenId: ${JSON.stringify(people[0] ?? ids[0])}) { ${fields} }`
              : `...P } fragment P on Query { persons(citizenIds: $ids) { ${fields} }`;
        return {
          query: `${head} { ${body} }`,
          variables: { ids: people, ...(flag === undefined ? {} : { flag }) },
          headers: callers[who]!,
          operationName,
        };
      });
    await fc.assert(
      fc.asyncProperty(operation, async ({ query, variables, headers, operationName }) => {
        await expectClean(query, variables, headers, operationName);
      }),
      { numRuns: 150 },
    );
  }, 180_000);

  it('documents cut or garbled anywhere', async () => {
    const base = `query Look($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId name registration { district household { address } } tax { incomeBracket } } }`;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: base.length }), fc.integer({ min: 0, max: 8 }), fc.string({ maxLength: 4 }), async (at, cut, insert) => {
        await expectClean(`${base.slice(0, at)}${insert}${base.slice(at + cut)}`, { ids: ids.slice(0, 3) }, callers[1]!);
      }),
      { numRuns: 120 },
    );
  }, 120_000);
});
