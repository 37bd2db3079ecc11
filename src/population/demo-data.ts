import type { PgTable } from 'drizzle-orm/pg-core';
import type { Day } from './dates.js';
import type { EmployerPool } from './employers.js';
import type { UnitKind, UnitPlan } from './households.js';
import type { Individual } from './model.js';
import type { District } from './places.js';
import type { Random } from './random.js';

/**
 * A department's share of the synthetic population (its manifest's `demoData`). The generator
 * decides who lives in the city and in which unit (a family, a collective household, a migrant
 * worker); each department then writes its own tables for the unit, from the facts on the people
 * and its own draws, and may record facts on them that departments after it read (schooling
 * decides when work can start, work what tax is due). Nothing outside the department's folder
 * names its tables.
 */
export interface DemoData {
  /** The tables it fills, by a name unique among all departments (the loader's batch keys). */
  tables: Readonly<Record<string, PgTable>>;
  /** Modules (by name) whose facts it reads: their `fill` runs first for every unit. */
  after?: readonly string[];
  /** Writes the unit's rows (pushed onto `rows`, keyed like `tables`). */
  fill(unit: DemoUnit, rows: Record<string, unknown[]>): void;
}

/** One household-like unit of people, with the running state of the whole population. */
export interface DemoUnit {
  plan: UnitPlan;
  kind: UnitKind;
  district: District;
  /** When the hukou household was set up (for migrants: when the unit came). */
  establishedOn: Day;
  /** The unit's hukou household: null for migrants, whose hukou household is at home. */
  household: { id: string | null; address: string; memberNo: (who: Individual) => number | null };
  people: Individual[];
  /** The unit's own random stream: a unit's rows depend on (seed, batch) and the units before it. */
  random: Random;
  /** What the whole city shares, carried from batch to batch. */
  city: DemoCity;
  /** Whether the unit's members had an agricultural hukou before the reform (drawn once per family). */
  agricultural: boolean;
  childrenOf(mother: Individual): Individual[];
  /** The population's first unit: rows that exist once (each district's public collective household) go with it. */
  firstOfPopulation: boolean;
}

export interface DemoCity {
  employers: EmployerPool;
  /** §5: each district's public collective household, by district code. */
  publicCollectives: ReadonlyMap<string, { householdId: string; address: string }>;
}

type Insert<T extends PgTable> = T['$inferInsert'];
export type DemoRows<T extends Record<string, PgTable>> = { [K in keyof T]: Array<Insert<T[K]>> };

/** Types a department's demo data against its own tables. */
export function defineDemoData<T extends Record<string, PgTable>>(spec: {
  tables: T;
  after?: readonly string[];
  fill(unit: DemoUnit, rows: DemoRows<T>): void;
}): DemoData {
  return spec as unknown as DemoData;
}
