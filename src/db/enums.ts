import * as tables from './tables/index.js';

/** A drizzle `pgEnum`, as found among the exports of a tables module. */
interface PgEnumLike {
  enumName: string;
  enumValues: readonly string[];
}

const pascalCase = (snake: string) => snake.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/**
 * The stored labels of every database enum, keyed by the GraphQL enum that exposes them.
 * Convention: GraphQL enum `FamilyPlanningServiceKind` ↔ Postgres enum `family_planning_service_kind`,
 * value `PRENATAL_CARE` ↔ label `prenatal_care`. Codegen and the subgraphs both read this map, so a
 * label added to a table shows up in the generated types and the resolvers together.
 */
export const ENUM_LABELS: Record<string, Record<string, string>> = Object.fromEntries(
  Object.values(tables)
    .flatMap((module) => Object.values(module as Record<string, unknown>))
    .filter((value): value is PgEnumLike => typeof value === 'function' && 'enumValues' in value && 'enumName' in value)
    .map((pgEnum) => [
      pascalCase(pgEnum.enumName),
      Object.fromEntries(pgEnum.enumValues.map((label) => [label.toUpperCase(), label])),
    ]),
);
