import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DocumentNode } from 'graphql';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { subgraphTypeDefs } from './type-defs.js';
import type { DemoData } from '../population/demo-data.js';
import { RULE_SET_KINDS, type RuleSetKind } from '../domain/points/index.js';
import { assessedPerson, contributionResolvers, contributionSdl, type PointsSource } from './points/contribution.js';
import { checkPersonTypes, type PersonTypes } from './person-types.js';
import { assessmentSubgraph } from './points/assessment.js';

/**
 * One department's module: everything the product needs to know about a department, in the
 * department's own folder (`src/departments/<name>/`). Composition, codegen, migrations, the demo
 * population, the bench and the test matrices all read these manifests; no other list of
 * departments exists (DESIGN.md "Departments are modules").
 */
export interface DepartmentModule {
  /** Subgraph name in the supergraph; also the folder's name and the department's Postgres schema. */
  name: string;
  /** Department code (DOMAIN.md) of the owner. */
  department: string;
  /** The shared scalars and enums followed by the module's own `schema.graphql`. */
  typeDefs: DocumentNode;
  resolvers: object;
  /** The subgraph's own root fields, each let through its perimeter (see perimeter.ts). */
  rootFields: readonly string[];
  /** The module's `tables.ts` exports: drizzle tables and enums, all in its own Postgres schema. */
  tables: Readonly<Record<string, unknown>>;
  /** drizzle-kit's output for the module's tables: migrations of its own schema only; null for a module with no tables. */
  migrationsFolder: string | null;
  /**
   * GraphQL type → what its resolvers receive as parent, for codegen: `./tables.js#SomeRow` or
   * PERSON_REFERENCE. Relative to the module's `generated.ts`.
   */
  mappers: Readonly<Record<string, string>>;
  /**
   * Its object types other than Person that hold a citizen ID, and whom each stands for (see
   * PersonTypes); checked against its schema when the module is defined. The audit records the
   * person of every such object an answer carries, their ID selected or not.
   */
  standsForPerson: PersonTypes;
  /** Its share of the synthetic population; absent for modules that hold no person data. */
  demoData?: DemoData;
  /** Its answers to the points and settlement rule sets, computed from its own data (src/subgraphs/points). */
  points?: PointsSource;
  /**
   * For a module whose schema depends on the others (an assessment requires every department's
   * answers): the finished module, given every module the catalog found.
   */
  assemble?(modules: readonly DepartmentModule[]): DepartmentModule;
  /** The module's folder, absolute. */
  folder: string;
}

/** A slice resolved from the bare `_entities` reference (`{ citizenId }`) another subgraph sends. */
export const PERSON_REFERENCE = '../../subgraphs/context.js#PersonReference';

export interface DepartmentManifest {
  /** `import.meta.url` of the manifest: the module's files are found beside it. */
  manifestUrl: string;
  name: string;
  department: string;
  resolvers: object;
  rootFields?: readonly string[];
  tables: Readonly<Record<string, unknown>>;
  mappers: Readonly<Record<string, string>>;
  /** Required when its schema holds a citizen ID on a type other than Person (the assessments' are declared for it). */
  standsForPerson?: PersonTypes;
  demoData?: DemoData;
  points?: PointsSource;
}

/** Reads a manifest's neighbours (`schema.graphql`, `migrations/`) into a module. */
export function defineDepartment(manifest: DepartmentManifest): DepartmentModule {
  const folder = fileURLToPath(new URL('.', manifest.manifestUrl));
  const ownSdl = readFileSync(new URL('./schema.graphql', manifest.manifestUrl), 'utf8');
  const { points } = manifest;
  if (points && points.department !== manifest.department) {
    throw new Error(`${manifest.name}: its points answers are computed as ${points.department}, but the module belongs to ${manifest.department}`);
  }
  const standsForPerson = { ...manifest.standsForPerson, ...(points ? assessedPerson(RULE_SET_KINDS) : {}) };
  const typeDefs = departmentTypeDefs(manifest.name, ownSdl, points, standsForPerson);
  return {
    name: manifest.name,
    department: manifest.department,
    typeDefs,
    resolvers: points ? mergeResolvers(manifest.resolvers, contributionResolvers(points)) : manifest.resolvers,
    rootFields: manifest.rootFields ?? [],
    tables: manifest.tables,
    migrationsFolder: migrationsBeside(manifest),
    mappers: manifest.mappers,
    standsForPerson,
    ...(manifest.demoData ? { demoData: manifest.demoData } : {}),
    ...(points ? { points } : {}),
    folder,
  };
}

/** Modules whose schema depends on the others (the assessments) made from the full list. */
export const assembled = (modules: readonly DepartmentModule[]): DepartmentModule[] => modules.map((module) => (module.assemble ? module.assemble(modules) : module));

/** A department's schema: the shared types, its own SDL and the fields its points answers add; checked for people's IDs. */
function departmentTypeDefs(name: string, ownSdl: string, points: PointsSource | undefined, standsForPerson: PersonTypes): DocumentNode {
  const typeDefs = subgraphTypeDefs(points ? `${ownSdl}\n${contributionSdl(points)}` : ownSdl);
  checkPersonTypes(name, typeDefs, standsForPerson);
  return typeDefs;
}

/**
 * The module as it would be with `ownSdl` as its `schema.graphql`: how a department checks a
 * change of its schema against the city's before deploying it (`compose --check`). Throws when
 * the SDL does not parse or holds a citizen ID on a type its manifest does not declare.
 */
export function withOwnSchema(module: DepartmentModule, ownSdl: string): DepartmentModule {
  if (module.assemble) throw new Error(`${module.name}'s schema is made from the departments' answers: change theirs, not its`);
  return { ...module, typeDefs: departmentTypeDefs(module.name, ownSdl, module.points, module.standsForPerson) };
}

/** The module's migrations folder; a module with tables must have one, or its tables would silently never exist. */
function migrationsBeside(manifest: DepartmentManifest): string | null {
  const folder = fileURLToPath(new URL('./migrations', manifest.manifestUrl));
  if (existsSync(folder)) return folder;
  if (Object.values(manifest.tables).some((value) => is(value, PgTable))) {
    throw new Error(`${manifest.name} has tables but no migrations: run \`npm run db:generate -- ${manifest.name} --name initial\``);
  }
  return null;
}

/** Resolver maps merged type by type (a module's own resolvers and its points answers). */
function mergeResolvers(...maps: object[]): object {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map as Record<string, Record<string, unknown>>)) merged[type] = { ...merged[type], ...fields };
  }
  return merged;
}

/**
 * A module that owns an assessment (residence-permit points; settlement eligibility): no tables and
 * no demo data of its own, its schema and resolvers made from the departments that answer.
 */
export function defineAssessment(manifest: { manifestUrl: string; name: string; department: string; kind: RuleSetKind }): DepartmentModule {
  const folder = fileURLToPath(new URL('.', manifest.manifestUrl));
  // Every version can be assembled again, from another list of modules (a city without one department, say).
  const build = (sources: readonly PointsSource[]): DepartmentModule => {
    const subgraph = assessmentSubgraph(manifest.kind, manifest.department, sources);
    const standsForPerson = assessedPerson([manifest.kind]);
    checkPersonTypes(manifest.name, subgraph.typeDefs, standsForPerson);
    return {
      name: manifest.name,
      department: manifest.department,
      ...subgraph,
      rootFields: [],
      tables: {},
      migrationsFolder: null,
      mappers: {},
      standsForPerson,
      folder,
      assemble: (modules) => build(modules.flatMap((module) => (module.points ? [module.points] : []))),
    };
  };
  return build([]);
}
