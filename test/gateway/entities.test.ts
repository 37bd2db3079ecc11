import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, parse, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { PERSON_SUBGRAPHS, SUBGRAPHS, buildSubgraph, type DepartmentModule } from '../../src/subgraphs/catalog.js';
import { createSubgraphContext } from '../../src/subgraphs/context.js';
import { fullSelection } from '../../src/bench/full-view.js';
import { makeCitizenId } from '../../src/domain/citizen-id.js';
import { seedPopulation } from '../../src/population/load.js';
import { openTestDatabase } from '../support/database.js';
import { witnesses } from '../support/witnesses.js';

type Db = Awaited<ReturnType<typeof openTestDatabase>>;
let database: Db;
let known: string[];

beforeAll(async () => {
  database = await openTestDatabase();
  await seedPopulation(database, { persons: 3000, seed: 11 });
  const first = (await database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id limit 40')).map((r) => r.citizen_id);
  // With whoever holds a rare fact, so every subgraph has someone to say something about.
  known = [...new Set([...first, ...(await witnesses(database))])];
});
afterAll(() => database?.close());

/** The module's tables keyed by citizen, from its manifest: whom it holds anything on. */
const citizenTables = (module: DepartmentModule) =>
  Object.values(module.tables)
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => getTableConfig(table))
    .filter(({ columns }) => columns.some((column) => column.name === 'citizen_id'))
    .map(({ schema, name }) => `${schema}.${name}`);

/** Every value in an entity below its key: what the subgraph said about the person. */
function leaves(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [value];
}
/**
 * An entity without its key and its derived answers: a derived yes/no ("Derived:" in its
 * description, e.g. Person.hasActivePoorCreditRecord) answers "no" for a person the department
 * holds nothing on, and that "no" is not a row.
 */
const withoutKey = (schema: GraphQLSchema, { citizenId: _key, ...rest }: Record<string, unknown>) => {
  const fields = (schema.getType('Person') as GraphQLObjectType).getFields();
  return Object.fromEntries(Object.entries(rest).filter(([name]) => !fields[name]?.description?.startsWith('Derived:')));
};

describe.each(PERSON_SUBGRAPHS.map((s) => [s.name, s] as const))('the %s subgraph answers _entities directly', (name, definition) => {
  const schema = buildSubgraph(definition);
  const document = parse(
    `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person ${fullSelection(schema, 'Person')} } }`,
  );
  // As the gateway would call it, vouching for a caller it verified.
  const verified = { department: 'public-security', purpose: 'household-registration' };
  const run = (citizenIds: string[], caller: typeof verified | null = verified) =>
    execute({
      schema,
      document,
      variableValues: { representations: citizenIds.map((citizenId) => ({ __typename: 'Person', citizenId })) },
      contextValue: createSubgraphContext(database, caller),
    });

  it('resolves each representation in order, with its own slice', async () => {
    const result = await run(known);
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities as Record<string, unknown>[];
    expect(entities.map((e) => e.citizenId)).toEqual(known);
    // Whoever the department holds a row on gets something from it; everyone else nothing at all.
    const holders = new Set(
      (
        await Promise.all(
          citizenTables(definition).map((table) => database.query<{ citizen_id: string }>(`select citizen_id from ${table} where citizen_id = any($1)`, [known])),
        )
      ).flatMap((rows) => rows.map((r) => r.citizen_id)),
    );
    expect(holders.size).toBeGreaterThan(0);
    for (const entity of entities) {
      // A holder may show itself only through a derived answer (a residence registration without a
      // permit: holdsValidResidencePermit false); someone the department holds nothing on may not show at all.
      const holder = holders.has(entity.citizenId as string);
      const { citizenId: _key, ...answered } = entity;
      const said = leaves(holder ? answered : withoutKey(schema, entity)).filter((leaf) => leaf !== null);
      expect(said.length > 0, entity.citizenId as string).toBe(holder);
    }
  });

  it('reads each of its tables once for the whole batch', async () => {
    const tables: string[] = [];
    const stop = database.onStatement((sql) => tables.push(/from "(\w+)"\."(\w+)"/.exec(sql)!.slice(1).join('.')));
    await run(known);
    stop();
    expect(tables.length).toBe(new Set(tables).size);
    expect(tables.every((t) => t.startsWith(`${name}.`))).toBe(true);
  });

  it(name === 'registry' ? 'answers null for a person the city does not know' : 'answers a person it holds nothing on without a slice', async () => {
    const stranger = makeCitizenId('110105', '1901-02-03', 5);
    const result = await run([stranger]);
    expect(result.errors).toBeUndefined();
    const [entity] = result.data!._entities as (Record<string, unknown> | null)[];
    if (name === 'registry') expect(entity).toBeNull();
    else expect(leaves(withoutKey(schema, entity!)).filter((leaf) => leaf !== null)).toEqual([]);
  });

  it('refuses _entities to anyone the gateway did not verify, reading nothing', async () => {
    const statements: string[] = [];
    const stop = database.onStatement((sql) => statements.push(sql));
    const result = await run(known, null);
    stop();
    expect(result.data?._entities ?? null).toBeNull();
    expect(result.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(statements).toEqual([]);
  });
});

describe('the subgraph perimeter', () => {
  it('refuses _service and the registry root fields without a verified caller, and root fields it has no rule for', async () => {
    const registry = buildSubgraph(SUBGRAPHS.find((s) => s.name === 'registry')!);
    const anonymous = createSubgraphContext(database, null);
    for (const query of ['{ _service { sdl } }', `{ person(citizenId: "${known[0]}") { name } }`, `{ persons(citizenIds: ["${known[0]}"]) { name } }`]) {
      const result = await execute({ schema: registry, document: parse(query), contextValue: anonymous });
      expect(result.errors?.[0]?.extensions.code, query).toBe('FORBIDDEN');
    }
    const verified = await execute({
      schema: registry,
      document: parse(`{ person(citizenId: "${known[0]}") { citizenId } }`),
      contextValue: createSubgraphContext(database, { department: null, purpose: null }),
    });
    expect(verified.errors).toBeUndefined();
    expect((verified.data!.person as { citizenId: string }).citizenId).toBe(known[0]);
  });

  it('denies by default a root field a department adds without a perimeter rule', async () => {
    const { buildSubgraphSchema } = await import('@apollo/subgraph');
    const { withPerimeter } = await import('../../src/subgraphs/perimeter.js');
    const schema = withPerimeter(
      buildSubgraphSchema({ typeDefs: parse('type Query { secret: String }'), resolvers: { Query: { secret: () => 'leaked' } } }),
      [],
    );
    const result = await execute({ schema, document: parse('{ secret }'), contextValue: createSubgraphContext(database, { department: null, purpose: null }) });
    expect(result.data?.secret ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
