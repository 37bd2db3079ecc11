import type { PgTable } from 'drizzle-orm/pg-core';
import { SUBGRAPHS, type DepartmentModule } from '../subgraphs/catalog.js';
import type { DemoData } from './demo-data.js';

/**
 * The departments' demo data, in an order where each runs after the modules it reads facts from,
 * and the tables they fill, keyed by the names their batches use. Both come from the manifests.
 */
export function demoDataInOrder(modules: readonly DepartmentModule[]): Array<{ name: string; demoData: DemoData }> {
  const withData = new Map(modules.filter((m) => m.demoData).map((m) => [m.name, m.demoData!]));
  const ordered: Array<{ name: string; demoData: DemoData }> = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`demo data of ${[...path, name].join(' → ')} wait for each other`);
    const demoData = withData.get(name);
    if (!demoData) throw new Error(`demo data of ${path.at(-1)} comes after "${name}", which has none`);
    state.set(name, 'visiting');
    for (const before of demoData.after ?? []) visit(before, [...path, name]);
    state.set(name, 'done');
    ordered.push({ name, demoData });
  };
  for (const name of withData.keys()) visit(name, []);
  return ordered;
}

function tablesOf(demo: ReadonlyArray<{ name: string; demoData: DemoData }>): Record<string, PgTable> {
  const tables: Record<string, PgTable> = {};
  for (const { name, demoData } of demo) {
    for (const [key, table] of Object.entries(demoData.tables)) {
      if (key in tables) throw new Error(`demo table name "${key}" of ${name} is used by another department too`);
      tables[key] = table;
    }
  }
  return tables;
}

export type PopulationTable = string;
/** One batch's rows: drizzle insert objects per table name. */
export type PopulationRows = Record<PopulationTable, Array<Record<string, unknown>>>;

/** What the generator and the loader make of a set of modules: who fills what, in which order. */
export interface PopulationModel {
  demo: ReadonlyArray<{ name: string; demoData: DemoData }>;
  /** Every table the generator fills, by the name batches use for it. */
  tables: Readonly<Record<PopulationTable, PgTable>>;
  names: readonly PopulationTable[];
  emptyRows(): PopulationRows;
}

const models = new WeakMap<readonly DepartmentModule[], PopulationModel>();

/** The population model of `modules` (by default every module in src/departments), made once per list. */
export function populationModel(modules: readonly DepartmentModule[] = SUBGRAPHS): PopulationModel {
  let model = models.get(modules);
  if (!model) {
    const demo = demoDataInOrder(modules);
    const tables = tablesOf(demo);
    const names = Object.keys(tables);
    model = { demo, tables, names, emptyRows: () => Object.fromEntries(names.map((name) => [name, []])) };
    models.set(modules, model);
  }
  return model;
}

export const POPULATION_TABLES = populationModel().tables;
export const POPULATION_TABLE_NAMES = populationModel().names;
export const emptyRows = (): PopulationRows => populationModel().emptyRows();

const NAME_OF = new Map<PgTable, string>(Object.entries(POPULATION_TABLES).map(([name, table]) => [table, name]));

/** A batch's rows for one table, typed by the table (for readers outside the department, such as tests). */
export function rowsOf<T extends PgTable>(rows: PopulationRows, table: T): Array<T['$inferInsert']> {
  const name = NAME_OF.get(table);
  if (name === undefined) throw new Error('the generator fills no such table');
  return (rows[name] ?? []) as Array<T['$inferInsert']>;
}
