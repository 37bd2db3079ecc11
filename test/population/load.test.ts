import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { generatePopulation } from '../../src/population/generate.js';
import { copyBatchesHere, copyBatchesInWorker } from '../../src/population/copy-batches.js';
import { countPersons, PopulationExistsError, seedPopulation, type SeedProgress } from '../../src/population/load.js';
import { POPULATION_TABLE_NAMES, POPULATION_TABLES, rowsOf, type PopulationTable } from '../../src/population/population-tables.js';
import { person as personTable, registration } from '../../src/departments/registry/tables.js';
import { annualReturn } from '../../src/departments/tax/tables.js';
import { dwelling as dwellingTable } from '../../src/departments/housing/tables.js';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { openTestDatabase } from '../support/database.js';

type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;

const OPTIONS = { persons: 2_000, seed: 11, batchSize: 500 };

/** What the generator makes for OPTIONS, counted per table: the loader must write exactly this. */
function generatedCounts(): Record<PopulationTable, number> {
  const counts = Object.fromEntries(POPULATION_TABLE_NAMES.map((t) => [t, 0])) as Record<PopulationTable, number>;
  for (const batch of generatePopulation(OPTIONS)) {
    for (const table of POPULATION_TABLE_NAMES) counts[table] = (counts[table] ?? 0) + batch.rows[table]!.length;
  }
  return counts;
}

const qualified = (table: PopulationTable) => {
  const { schema, name } = getTableConfig(POPULATION_TABLES[table]!);
  return `"${schema}"."${name}"`;
};

async function tableCounts(database: TestDatabase): Promise<Record<PopulationTable, number>> {
  const counts = {} as Record<PopulationTable, number>;
  for (const table of POPULATION_TABLE_NAMES) {
    const [row] = await database.query<{ n: string | number }>(`select count(*) as n from ${qualified(table)}`);
    counts[table] = Number(row!.n);
  }
  return counts;
}

/**
 * Every index, key and constraint of the population's schemas, as the catalog defines them: a bulk
 * load drops and rebuilds them, and must leave exactly this behind.
 */
async function schemaObjects(database: TestDatabase): Promise<string[]> {
  const rows = await database.query<{ line: string }>(
    `select c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) as line
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where n.nspname not in ('pg_catalog', 'information_schema')
     union all
     select pg_get_indexdef(i.indexrelid) || case when i.indisvalid then '' else ' INVALID' end
       from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
      where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')`,
  );
  return rows.map((row) => row.line).sort();
}

// A bulk load (a worker thread makes the batches; indexes and keys are built once at the end) must
// write exactly what the ordinary one writes.
describe.each([
  { mode: 'batch by batch', bulk: false },
  { mode: 'in bulk', bulk: true },
])('seeding a database $mode', ({ bulk }) => {
  let database: TestDatabase;
  const progress: SeedProgress[] = [];
  let seeded: Awaited<ReturnType<typeof seedPopulation>>;
  let objectsBefore: string[];

  beforeAll(async () => {
    database = await openTestDatabase();
    objectsBefore = await schemaObjects(database);
    seeded = await seedPopulation(database, { ...OPTIONS, bulk, onProgress: (p) => progress.push(p) });
  });
  afterAll(() => database?.close());

  it('leaves every index, key and constraint as the migrations made it', async () => {
    expect(objectsBefore.length).toBeGreaterThan(100);
    expect(await schemaObjects(database)).toEqual(objectsBefore);
  });

  it('writes every row the generator makes, table by table', async () => {
    const expected = generatedCounts();
    expect(seeded.skipped).toBe(false);
    expect(seeded.persons).toBe(OPTIONS.persons);
    expect(seeded.rows).toEqual(expected);
    expect(await tableCounts(database)).toEqual(expected);
    expect(await countPersons(database)).toBe(OPTIONS.persons);
    for (const table of POPULATION_TABLE_NAMES) expect(expected[table], table).toBeGreaterThan(0);
  });

  it('reports progress after each batch, ending at the total', () => {
    expect(progress.map((p) => p.persons)).toEqual([500, 1_000, 1_500, 2_000]);
    expect(progress.every((p) => p.total === OPTIONS.persons)).toBe(true);
    expect(progress.at(-1)!.rows).toBe(Object.values(generatedCounts()).reduce((a, b) => a + b, 0));
  });

  it('stores dates, enums, money, decimals and nulls exactly as generated', async () => {
    const [first] = generatePopulation(OPTIONS);
    const person = rowsOf(first!.rows, personTable)[0]!;
    const [stored] = await database.query<Record<string, string>>(
      'select name, sex::text as sex, birth_date::text as birth_date, ethnicity from registry.person where citizen_id = $1',
      [person.citizenId],
    );
    expect(stored).toEqual({ name: person.name, sex: person.sex, birth_date: person.birthDate, ethnicity: person.ethnicity });

    const filed = rowsOf(first!.rows, annualReturn)[0]!;
    const [money] = await database.query<Record<string, string>>(
      'select taxable_income_fen::text as income, tax_paid_fen::text as tax from tax.annual_return where citizen_id = $1 and year = $2',
      [filed.citizenId, filed.year],
    );
    expect(money).toEqual({ income: String(filed.taxableIncomeFen), tax: String(filed.taxPaidFen) });

    const home = rowsOf(first!.rows, dwellingTable).find((d) => d.until === null && d.leaseRegistrationNo === null)!;
    const [dwelling] = await database.query<Record<string, string | null>>(
      `select tenure::text as tenure, floor_area_m2::text as area, address, lease_registration_no
         from housing.dwelling where citizen_id = $1 and until is null`,
      [home.citizenId],
    );
    expect(dwelling).toEqual({ tenure: home.tenure, area: home.floorAreaM2, address: home.address, lease_registration_no: null });

    const [{ n }] = (await database.query<{ n: string | number }>(
      "select count(*) as n from registry.household where kind = 'public_collective' and collective_level = 'district'",
    )) as [{ n: string | number }];
    // §5: one for each of the eleven districts, whoever is in it (streets keep some more).
    expect(Number(n)).toBe(11);
  });

  it('refuses to seed a database that already has people, and leaves it as it was', async () => {
    const before = await tableCounts(database);
    const attempt = seedPopulation(database, { persons: 10, seed: 12 });
    await expect(attempt).rejects.toBeInstanceOf(PopulationExistsError);
    await expect(attempt).rejects.toMatchObject({ existing: OPTIONS.persons });
    const skipped = await seedPopulation(database, { persons: 10, seed: 12, ifPopulated: 'skip' });
    expect(skipped).toMatchObject({ skipped: true, persons: 0 });
    expect(await tableCounts(database)).toEqual(before);
  });
});

describe('a seeding that fails part-way', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  it.each([
    { mode: 'batch by batch', bulk: false },
    { mode: 'in bulk', bulk: true },
  ])('writes nothing at all when loading $mode: earlier batches are rolled back with the failing one', async ({ bulk }) => {
    const objectsBefore = await schemaObjects(database);
    // A registration already holding an ID that the third batch will generate makes that batch fail.
    const third = [...generatePopulation(OPTIONS)][2]!;
    const clash = rowsOf(third.rows, registration)[0]!;
    await database.query(
      `insert into registry.registration (citizen_id, status, hukou_region_code, district_code, address, registered_since)
       values ($1, 'guangzhou_resident', '440106', '440106', 'test', '2020-01-01')`,
      [clash.citizenId],
    );
    // Batch by batch the key refuses the row; in bulk, building the key again refuses the table.
    await expect(seedPopulation(database, { ...OPTIONS, bulk })).rejects.toThrow(/duplicate key|unique/i);
    expect(await countPersons(database)).toBe(0);
    expect(await schemaObjects(database)).toEqual(objectsBefore);
    const counts = await tableCounts(database);
    expect(counts.registration).toBe(1);
    expect(counts.household).toBe(0);
    // The failure does not poison the database: once the clash is gone, seeding works.
    await database.query('delete from registry.registration');
    await expect(seedPopulation(database, { ...OPTIONS, bulk })).resolves.toMatchObject({ persons: OPTIONS.persons });
    await database.query(`truncate ${POPULATION_TABLE_NAMES.map(qualified).join(', ')} cascade`);
  });

  it('rejects impossible options before touching the database', async () => {
    await expect(seedPopulation(database, { persons: -3, seed: 1 })).rejects.toThrow(/persons/);
  });
});

describe('the worker thread making a bulk load', () => {
  it('makes the same COPY input as this thread, batch for batch', async () => {
    const here = [];
    for await (const batch of copyBatchesHere(OPTIONS)) here.push(batch);
    const there = [];
    for await (const batch of copyBatchesInWorker(OPTIONS)) there.push(batch);
    expect(there).toHaveLength(4);
    expect(there).toEqual(here);
  });

  it('passes its failure on instead of ending quietly', async () => {
    const batches = copyBatchesInWorker({ persons: 10, seed: 1, batchSize: 0 });
    await expect(batches.next()).rejects.toThrow(/population worker failed: batchSize must be a positive whole number/);
  });
});
