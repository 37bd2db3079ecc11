import type { Database, QueryFn } from '../db/client.js';
import { withIndexesDeferred } from '../db/deferred-indexes.js';
import { LOCKS } from '../db/migrate.js';
import { copyBatchesHere, copyBatchesInWorker, writtenPlans, type CopyBatch, type TablePlan } from './copy-batches.js';
import { checkPopulationOptions, DEFAULT_SEED } from './generate.js';
import { populationModel, type PopulationModel, type PopulationTable } from './population-tables.js';
import type { DepartmentModule } from '../subgraphs/department-module.js';

/**
 * Bulk loading of the synthetic population. Each batch of people goes in as one COPY per table
 * (text format), on PGlite and on pg alike, and while Postgres works on one batch the next is
 * built. A bulk load (BULK_FROM people on) builds the batches in a worker thread and sets the
 * tables' indexes and keys aside, building them once at the end (deferred-indexes.ts). All of it
 * is one transaction.
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
  /**
   * Load in bulk: people made in a worker thread (when the modules are the catalog's), indexes
   * and keys built once at the end. By default from BULK_FROM people on: below that, starting a
   * worker and dropping and building ~130 indexes costs more than it saves.
   */
  bulk?: boolean;
}

/** From this many people on, a seed loads in bulk (see `SeedOptions.bulk`). */
export const BULK_FROM = 20_000;

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
  const bulk = options.bulk ?? persons >= BULK_FROM;
  const model = populationModel(modules);
  const plans = writtenPlans(model, writeOnly);
  checkPopulationOptions({ persons, seed, batchSize });
  return database.withLock(LOCKS.seed, async (query, copy) => {
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
    let inFlight = null as { settled: Promise<unknown>; persons: number; rows: Record<PopulationTable, number> } | null;
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
    const byTable = new Map(plans.map((plan) => [plan.table, plan]));
    const write = async (batch: CopyBatch) => {
      for (const { table, data } of batch.copies) {
        const { target, names } = byTable.get(table)!;
        await copy(target, names, data);
      }
    };
    const generation = { persons, seed, ...(batchSize ? { batchSize } : {}), ...(writeOnly ? { writeOnly } : {}) };
    const load = async () => {
      // The worker knows the catalog's modules only; other modules are generated here.
      const batches = bulk && !modules ? copyBatchesInWorker(generation) : copyBatchesHere({ ...generation, ...(modules ? { modules } : {}) });
      for await (const batch of batches) {
        await settle();
        inFlight = {
          settled: write(batch).then(
            () => null,
            (error: unknown) => error,
          ),
          persons: batch.persons,
          rows: batch.rows,
        };
      }
      await settle();
    };
    await query('begin');
    try {
      await (bulk ? withIndexesDeferred(query, plans.map((plan) => plan.target), load) : load());
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
