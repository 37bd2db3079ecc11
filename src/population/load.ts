import { getTableColumns, is } from 'drizzle-orm';
import { getTableConfig, PgEnumColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Database, QueryFn } from '../db/client.js';
import { LOCKS } from '../db/migrate.js';
import { checkPopulationOptions, DEFAULT_SEED, populationSteps } from './generate.js';
import { populationModel, type PopulationModel, type PopulationRows, type PopulationTable } from './population-tables.js';
import type { DepartmentModule } from '../subgraphs/department-module.js';

/**
 * Bulk loading of the synthetic population. Each batch of people goes in as one statement: one
 * `insert … select * from unnest($1::type[], $2::type[], …)` per table, chained as data-modifying
 * CTEs, with one array parameter per column. That is a single round trip per batch, the same SQL
 * on PGlite and on pg, and while Postgres works on one batch Node builds the next.
 */

export interface SeedOptions {
  persons: number;
  seed?: number;
  batchSize?: number;
  /** Called once the database is found empty, before the first person is generated. */
  onStart?: () => void;
  /** Called after each batch is written (not yet committed): how far the seeding has got. */
  onProgress?: (progress: SeedProgress) => void;
  /**
   * What to do when the database already has people: `fail` (the default) throws
   * `PopulationExistsError`; `skip` leaves it alone and reports `skipped`. Decided under the seed
   * lock, so replicas starting together seed once.
   */
  ifPopulated?: 'fail' | 'skip';
  /** Whose demo data to write: by default every module in src/departments. */
  modules?: readonly DepartmentModule[];
  /**
   * Of those, the modules whose tables this database holds (a department's own service, or a
   * gateway whose other subgraphs run elsewhere). Everyone is still generated, so each database
   * gets exactly its share of the same population.
   */
  writeOnly?: readonly string[];
}

export interface SeedProgress {
  persons: number;
  total: number;
  rows: number;
}

export interface SeedResult {
  /** People written; 0 when skipped. */
  persons: number;
  rows: Record<PopulationTable, number>;
  skipped: boolean;
}

export class PopulationExistsError extends Error {
  override name = 'PopulationExistsError';
  constructor(readonly existing: number) {
    super(
      `the database already holds ${existing} people; the generator only seeds an empty population ` +
        '(point PGLITE_DIR or DATABASE_URL at a fresh database)',
    );
  }
}

interface ColumnPlan {
  key: string;
  name: string;
  /** Array type the parameter is cast to, e.g. `char(18)[]` or `"registry"."sex"[]`. */
  arrayType: string;
}

interface TablePlan {
  table: PopulationTable;
  target: string;
  columns: ColumnPlan[];
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Column lists come from the drizzle tables, so they cannot drift from the schema. Serial keys are
 * left to their sequences.
 */
function planTable(model: PopulationModel, table: PopulationTable): TablePlan {
  const definition = model.tables[table] as PgTable;
  const { name, schema } = getTableConfig(definition);
  const columns = Object.entries(getTableColumns(definition))
    .filter(([, column]) => column.columnType !== 'PgSerial')
    .map(([key, column]) => {
      // Drizzle names an enum without its schema; the cast needs both.
      const type =
        is(column, PgEnumColumn) && column.enum.schema
          ? `${quote(column.enum.schema)}.${quote(column.enum.enumName)}`
          : column.getSQLType();
      return { key, name: column.name, arrayType: `${type}[]` };
    });
  return { table, target: `${schema ? `${quote(schema)}.` : ''}${quote(name)}`, columns };
}

const plans = new WeakMap<PopulationModel, TablePlan[]>();
function tablePlans(model: PopulationModel): TablePlan[] {
  let planned = plans.get(model);
  if (!planned) plans.set(model, (planned = model.names.map((table) => planTable(model, table))));
  return planned;
}

/**
 * A column as a Postgres array literal (`{"a","b",NULL}`). Sent as text and parsed by the server,
 * it works for every column type on both drivers: PGlite cannot serialise a JS array for an enum
 * array parameter. Building it is a measurable share of seeding (100 MB of literals per 100,000
 * people), hence the fast path for the common column of plain strings with no nulls.
 */
function arrayLiteral(rows: ReadonlyArray<Record<string, unknown>>, key: string): string {
  const values = new Array<unknown>(rows.length);
  let plainStrings = true;
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i]![key];
    values[i] = value;
    if (typeof value !== 'string') plainStrings = false;
  }
  if (plainStrings) return `{"${(values as string[]).map(escapeElement).join('","')}"}`;
  return `{${values.map(element).join(',')}}`;
}

const escapeElement = (text: string): string =>
  text.includes('"') || text.includes('\\') ? text.replace(/[\\"]/g, '\\$&') : text;

function element(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return `"${escapeElement(String(value))}"`;
}

/** The tables of `modules` (all of the model's when not given). */
function writtenPlans(model: PopulationModel, modules?: readonly string[]): TablePlan[] {
  if (!modules) return tablePlans(model);
  const tables = new Set(model.demo.filter(({ name }) => modules.includes(name)).flatMap(({ demoData }) => Object.keys(demoData.tables)));
  return tablePlans(model).filter((plan) => tables.has(plan.table));
}

/** The statement writing one batch: every non-empty table (of `plans`), in one round trip. */
export function batchStatement(rows: PopulationRows, model: PopulationModel = populationModel(), plans: readonly TablePlan[] = tablePlans(model)): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const inserts: string[] = [];
  for (const plan of plans) {
    const tableRows = rows[plan.table] ?? [];
    if (tableRows.length === 0) continue;
    const casts = plan.columns.map((column) => {
      params.push(arrayLiteral(tableRows, column.key));
      return `$${params.length}::${column.arrayType}`;
    });
    const names = plan.columns.map((column) => quote(column.name)).join(', ');
    inserts.push(`${plan.table} as (insert into ${plan.target} (${names}) select * from unnest(${casts.join(', ')}))`);
  }
  return { text: inserts.length > 0 ? `with ${inserts.join(',\n')}\nselect 1` : 'select 1', params };
}

export async function countPersons(database: Pick<Database, 'query'>): Promise<number> {
  const [row] = await database.query<{ count: string | number }>('select count(*) as count from registry.person');
  return Number(row?.count ?? 0);
}

/**
 * Whether the tables to be written already hold people: the registry's count when it is among
 * them, otherwise 1 when the first of them has any row (a department without the registry has no
 * list of people of its own).
 */
async function existingPeople(query: QueryFn, plans: readonly TablePlan[]): Promise<number> {
  if (plans.some((plan) => plan.target === '"registry"."person"')) return countPersons({ query });
  if (plans.length === 0) return 0;
  const [row] = await query<{ present: boolean }>(`select exists (select 1 from ${plans[0]!.target}) as present`);
  return row?.present ? 1 : 0;
}

const zeroCounts = (model: PopulationModel) => Object.fromEntries(model.names.map((t) => [t, 0])) as Record<PopulationTable, number>;

/**
 * Generates and writes `persons` people in one transaction: a failure leaves the database as it
 * was, so a half-seeded population never has to be told apart from a whole one.
 */
export async function seedPopulation(database: Database, options: SeedOptions): Promise<SeedResult> {
  const { persons, seed = DEFAULT_SEED, batchSize, onStart, onProgress, ifPopulated = 'fail', modules, writeOnly } = options;
  const model = populationModel(modules);
  const plans = writtenPlans(model, writeOnly);
  checkPopulationOptions({ persons, seed, batchSize });
  return database.withLock(LOCKS.seed, async (query) => {
    const existing = await existingPeople(query, plans);
    if (existing > 0) {
      if (ifPopulated === 'skip') return { persons: 0, rows: zeroCounts(model), skipped: true };
      throw new PopulationExistsError(existing);
    }
    onStart?.();
    const counts = zeroCounts(model);
    let written = 0;
    let rowsWritten = 0;
    // The batch in flight; its promise settles to its error, so a failure is never left unhandled
    // while the next batch is being built.
    let inFlight: { settled: Promise<unknown>; persons: number; rows: Record<PopulationTable, number> } | null = null;
    const settle = async () => {
      if (!inFlight) return;
      const { settled, persons: batchPersons, rows } = inFlight;
      inFlight = null;
      const error = await settled;
      if (error) throw error;
      for (const table of model.names) {
        counts[table] = (counts[table] ?? 0) + (rows[table] ?? 0);
        rowsWritten += rows[table] ?? 0;
      }
      written += batchPersons;
      onProgress?.({ persons: written, total: persons, rows: rowsWritten });
    };
    let lastPause = performance.now();
    await query('begin');
    try {
      for (const step of populationSteps({ persons, seed, batchSize, ...(modules ? { modules } : {}) })) {
        if (step === null) {
          // Every few milliseconds of building, let the event loop push the batch in flight to Postgres.
          if (inFlight && performance.now() - lastPause > 4) {
            await new Promise((resolve) => setImmediate(resolve));
            lastPause = performance.now();
          }
          continue;
        }
        // Built while the previous batch is still being written: Postgres is the slower side.
        const { text, params } = batchStatement(step.rows, model, plans);
        await settle();
        inFlight = {
          settled: query(text, params).then(
            () => null,
            (error: unknown) => error,
          ),
          persons: step.persons,
          rows: Object.fromEntries(plans.map(({ table }) => [table, step.rows[table]?.length ?? 0])) as Record<PopulationTable, number>,
        };
      }
      await settle();
      await query('commit');
    } catch (error) {
      await inFlight?.settled;
      await query('rollback').catch(() => {});
      throw error;
    }
    await analyse(query, plans);
    return { persons: written, rows: counts, skipped: false };
  });
}

/** Fresh statistics, so the first queries after a bulk load are planned on real row counts. */
async function analyse(query: QueryFn, plans: readonly TablePlan[]): Promise<void> {
  for (const plan of plans) await query(`analyze ${plan.target}`);
}
