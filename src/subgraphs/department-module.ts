import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, type DocumentNode } from 'graphql';
import type { DemoData } from '../population/demo-data.js';

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
  /** drizzle-kit's output for the module's tables: migrations of its own schema only. */
  migrationsFolder: string;
  /**
   * GraphQL type → what its resolvers receive as parent, for codegen: `./tables.js#SomeRow` or
   * PERSON_REFERENCE. Relative to the module's `generated.ts`.
   */
  mappers: Readonly<Record<string, string>>;
  /** Its share of the synthetic population; absent for modules that hold no person data. */
  demoData?: DemoData;
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
  demoData?: DemoData;
}

const COMMON_SDL = readFileSync(new URL('./common.graphql', import.meta.url), 'utf8');

/** A subgraph's SDL: the shared scalars and enums, then the module's own file. */
export function subgraphTypeDefs(ownSdl: string): DocumentNode {
  return parse(`${COMMON_SDL}\n${ownSdl}`);
}

/** Reads a manifest's neighbours (`schema.graphql`, `migrations/`) into a module. */
export function defineDepartment(manifest: DepartmentManifest): DepartmentModule {
  const folder = fileURLToPath(new URL('.', manifest.manifestUrl));
  return {
    name: manifest.name,
    department: manifest.department,
    typeDefs: subgraphTypeDefs(readFileSync(new URL('./schema.graphql', manifest.manifestUrl), 'utf8')),
    resolvers: manifest.resolvers,
    rootFields: manifest.rootFields ?? [],
    tables: manifest.tables,
    migrationsFolder: fileURLToPath(new URL('./migrations', manifest.manifestUrl)),
    mappers: manifest.mappers,
    ...(manifest.demoData ? { demoData: manifest.demoData } : {}),
    folder,
  };
}
