import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, parse } from 'graphql';
import { SUBGRAPHS, buildSubgraph } from '../../src/subgraphs/catalog.js';
import { createSubgraphContext } from '../../src/subgraphs/context.js';
import { fullSelection } from '../../src/bench/full-view.js';
import { makeCitizenId } from '../../src/domain/citizen-id.js';
import { seedPopulation } from '../../src/population/load.js';
import { openTestDatabase } from '../support/database.js';

type Db = Awaited<ReturnType<typeof openTestDatabase>>;
let database: Db;
let known: string[];

beforeAll(async () => {
  database = await openTestDatabase();
  await seedPopulation(database, { persons: 300, seed: 11 });
  known = (await database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id limit 40')).map((r) => r.citizen_id);
});
afterAll(() => database?.close());

/** Which table's row decides whether a subgraph's slice is null for a person. */
const SLICE_ROW: Record<string, { field: string; table: string } | null> = {
  registry: { field: 'name', table: 'registry.person' },
  education: { field: 'education', table: 'education.learner' },
  health: { field: 'health', table: 'health.health_record' },
  tax: { field: 'tax', table: 'tax.taxpayer' },
  housing: null,
  hrss: null,
};

// Every department subgraph extends Person; the audit subgraph holds no entity.
const PERSON_SUBGRAPHS = SUBGRAPHS.filter((s) => s.name !== 'audit');

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
    const slice = SLICE_ROW[name];
    if (!slice) {
      for (const entity of entities) expect(Object.keys(entity).length).toBeGreaterThan(1);
      return;
    }
    const holders = new Set(
      (await database.query<{ citizen_id: string }>(`select citizen_id from ${slice.table} where citizen_id = any($1)`, [known])).map((r) => r.citizen_id),
    );
    expect(holders.size).toBeGreaterThan(0);
    for (const entity of entities) {
      expect(entity[slice.field] !== null).toBe(holders.has(entity.citizenId as string));
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
    else if (SLICE_ROW[name]) expect(entity).toEqual({ citizenId: stranger, [SLICE_ROW[name]!.field]: null });
    else expect(JSON.stringify(entity)).not.toMatch(/"(since|issuedOn|accountNo)"/);
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
