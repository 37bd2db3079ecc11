import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { copyText } from '../db/copy-text.js';
import { quoteIdentifier } from '../db/deferred-indexes.js';
import { populationSteps, type PopulationOptions } from './generate.js';
import { populationModel, type PopulationModel, type PopulationTable } from './population-tables.js';

/**
 * The synthetic population as COPY input: batch after batch, each table's rows in COPY's text
 * format. Made in this thread (small seeds, tests, modules that are not the catalog's) or in a
 * worker thread, so that on a large load generating people and writing them to Postgres use both
 * cores: the generator's running state (issued ID numbers, household serials) makes it one
 * sequence, so a second generator cannot share the work, but the thread sending COPYs can be
 * another.
 */

export interface TablePlan {
  table: PopulationTable;
  /** `"schema"."table"` */
  target: string;
  /** The insert objects' keys, in column order. */
  keys: string[];
  /** The columns' quoted names, comma-separated, in the same order. */
  names: string;
}

export interface CopyBatch {
  persons: number;
  /** Rows per written table. */
  rows: Record<PopulationTable, number>;
  /** COPY input per non-empty written table, in the model's order. */
  copies: Array<{ table: PopulationTable; data: string }>;
}

/**
 * Column lists come from the drizzle tables, so they cannot drift from the schema. Serial keys are
 * left to their sequences.
 */
function planTable(model: PopulationModel, table: PopulationTable): TablePlan {
  const definition = model.tables[table] as PgTable;
  const { name, schema } = getTableConfig(definition);
  const columns = Object.entries(getTableColumns(definition)).filter(([, column]) => column.columnType !== 'PgSerial');
  return {
    table,
    target: `${schema ? `${quoteIdentifier(schema)}.` : ''}${quoteIdentifier(name)}`,
    keys: columns.map(([key]) => key),
    names: columns.map(([, column]) => quoteIdentifier(column.name)).join(', '),
  };
}

const plans = new WeakMap<PopulationModel, TablePlan[]>();
function tablePlans(model: PopulationModel): TablePlan[] {
  let planned = plans.get(model);
  if (!planned) plans.set(model, (planned = model.names.map((table) => planTable(model, table))));
  return planned;
}

/** The tables of `modules` (all of the model's when not given). */
export function writtenPlans(model: PopulationModel, modules?: readonly string[]): TablePlan[] {
  if (!modules) return tablePlans(model);
  const tables = new Set(model.demo.filter(({ name }) => modules.includes(name)).flatMap(({ demoData }) => Object.keys(demoData.tables)));
  return tablePlans(model).filter((plan) => tables.has(plan.table));
}

export interface CopyBatchOptions extends PopulationOptions {
  /** Module names whose tables are written (all of the model's when not given). */
  writeOnly?: readonly string[];
}

/**
 * The batches, made in this thread. Every few milliseconds of building it lets the event loop run,
 * so the batch the caller is writing reaches Postgres while the next one is built.
 */
export async function* copyBatchesHere(options: CopyBatchOptions): AsyncGenerator<CopyBatch> {
  const written = writtenPlans(populationModel(options.modules), options.writeOnly);
  let lastPause = performance.now();
  for (const step of populationSteps(options)) {
    if (step === null) {
      if (performance.now() - lastPause > 4) {
        await new Promise((resolve) => setImmediate(resolve));
        lastPause = performance.now();
      }
      continue;
    }
    const batch: CopyBatch = { persons: step.persons, rows: {}, copies: [] };
    for (const plan of written) {
      const rows = step.rows[plan.table] ?? [];
      batch.rows[plan.table] = rows.length;
      if (rows.length > 0) batch.copies.push({ table: plan.table, data: copyText(rows, plan.keys) });
    }
    yield batch;
    lastPause = performance.now();
  }
}

/** What the worker is told: everything but the modules, which it takes from the catalog. */
export type WorkerCopyBatchOptions = Omit<CopyBatchOptions, 'modules'>;

/** Messages from the worker. */
export type WorkerMessage = { batch: CopyBatch } | { done: true } | { error: string };

/** Batches the worker may have made that the caller has not yet taken: enough to keep both sides busy. */
const AHEAD = 2;

/**
 * The batches of every module in the catalog, made in a worker thread. The worker makes at most
 * AHEAD batches the caller has not taken; a caller that stops early (its write failed) stops it.
 */
export async function* copyBatchesInWorker(options: WorkerCopyBatchOptions): AsyncGenerator<CopyBatch> {
  const worker = startWorker(options);
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    failure = error;
    wake?.();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the population worker stopped (exit code ${code}) before it finished`);
    wake?.();
  });
  try {
    worker.postMessage({ more: AHEAD });
    for (;;) {
      while (queue.length === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      const message = queue.shift()!;
      if ('error' in message) throw new Error(`the population worker failed: ${message.error}`);
      if ('done' in message) return;
      worker.postMessage({ more: 1 });
      yield message.batch;
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}

/**
 * tsx's loader API as an ES module, from its package's exports map (require.resolve would give the
 * CommonJS build, whose register() cannot find its ES half from a worker).
 */
const TSX_API = (createRequire(import.meta.url)('tsx/package.json') as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default;

/**
 * The worker runs our TypeScript as the main thread does: tsx's loader, registered in the worker
 * before its module is imported (a worker does not inherit the loader the main thread registered).
 */
function startWorker(options: WorkerCopyBatchOptions): Worker {
  const tsx = new URL(TSX_API, pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))).href;
  const entry = new URL('./copy-batches-worker.ts', import.meta.url).href;
  const source = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(source, { eval: true, workerData: options });
}
