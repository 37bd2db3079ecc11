import { readdirSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { withUnavailableAnswered } from './unavailable.js';
import { commonResolvers } from './scalars.js';
import { withPerimeter } from './perimeter.js';
import { enumLabels } from '../db/enums.js';
import { assembled, type DepartmentModule } from './department-module.js';
import { PERSON, PERSON_KEY } from './person-types.js';

export type { DepartmentModule } from './department-module.js';
export { assembled } from './department-module.js';

/** Where department modules live: every folder here with a `manifest.ts` is one. */
export const DEPARTMENTS_FOLDER = fileURLToPath(new URL('../departments', import.meta.url));

/**
 * Loads every department module found in `folder`, in name order. The folder is the list: adding
 * a department adds a folder, and nothing here changes.
 */
export async function loadDepartmentModules(folder = DEPARTMENTS_FOLDER): Promise<DepartmentModule[]> {
  const names = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(folder, entry.name, 'manifest.ts')))
    .map((entry) => entry.name)
    .sort();
  const modules: DepartmentModule[] = [];
  for (const name of names) {
    const { default: module } = (await import(pathToFileURL(join(folder, name, 'manifest.ts')).href)) as { default: DepartmentModule };
    if (module.name !== name) throw new Error(`the module in src/departments/${name} calls itself "${module.name}": a module is named after its folder`);
    modules.push(module);
  }
  return modules;
}


const { default: audit } = (await import('../audit/manifest.js')) as { default: DepartmentModule };

/** The department modules, then the platform's own audit subgraph (owned by the compliance office). */
export const SUBGRAPHS: readonly DepartmentModule[] = assembled([...(await loadDepartmentModules()), audit]);

/** The audit log's subgraph: it runs in the gateway, beside the audit log it reads, never as a service of its own. */
export const AUDIT_SUBGRAPH = audit.name;

/** The departments' subgraphs: those a topology places, in the gateway or as their own services. */
export const DEPARTMENT_SUBGRAPHS: readonly DepartmentModule[] = SUBGRAPHS.filter((module) => module.name !== AUDIT_SUBGRAPH);

/** The modules that hold people's data: every subgraph with tables, except the audit log's (the assessments hold none). */
export const PERSON_SUBGRAPHS: readonly DepartmentModule[] = DEPARTMENT_SUBGRAPHS.filter((module) => module.migrationsFolder !== null);

/**
 * Every type that stands for a person in these modules, with the field holding that person's
 * citizen ID: Person by its key, then what each module declares (`standsForPerson`). The audit
 * records the person of every such object an answer carries.
 */
export function personIdFields(modules: readonly DepartmentModule[]): ReadonlyMap<string, string> {
  const fields = new Map<string, string>([[PERSON, PERSON_KEY]]);
  for (const module of modules) {
    for (const [type, field] of Object.entries(module.standsForPerson)) {
      if (field === null) continue;
      const known = fields.get(type);
      if (known !== undefined && known !== field) throw new Error(`${module.name} says ${type} stands for the person of ${type}.${field}; another module says ${type}.${known}`);
      fields.set(type, field);
    }
  }
  return fields;
}

/** The executable Federation 2 schema of one subgraph (with `_entities` and `_service`). */
export function buildSubgraph(definition: DepartmentModule, modules: readonly DepartmentModule[] = SUBGRAPHS): GraphQLSchema {
  return withPerimeter(withUnavailableAnswered(buildSubgraphSchemaOf(definition, modules)), definition.rootFields);
}

function buildSubgraphSchemaOf(definition: DepartmentModule, modules: readonly DepartmentModule[]): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs: definition.typeDefs,
    // Enum internal values: stored labels (`male`) ↔ GraphQL values (`MALE`); entries for enums
    // another department declares are ignored by the schema builder.
    resolvers: { ...enumLabels(modules), ...commonResolvers, ...definition.resolvers } as GraphQLResolverMap<unknown>,
  });
}
