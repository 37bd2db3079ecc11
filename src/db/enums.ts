/** A drizzle `pgEnum`, as found among the exports of a tables module. */
interface PgEnumLike {
  enumName: string;
  enumValues: readonly string[];
}

const pascalCase = (snake: string) => snake.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/**
 * The stored labels of every database enum among the modules' tables, keyed by the GraphQL enum
 * that exposes them. Convention: GraphQL enum `FamilyPlanningServiceKind` ↔ Postgres enum
 * `family_planning_service_kind`, value `PRENATAL_CARE` ↔ label `prenatal_care`. The subgraphs
 * read this map, so a label added to a table shows up in the resolvers without a mapping by hand.
 */
type Modules = ReadonlyArray<{ tables: Readonly<Record<string, unknown>> }>;
const labelsOf = new WeakMap<Modules, Record<string, Record<string, string>>>();

/** Made once per list of modules: every subgraph of the list is built with the same map. */
export function enumLabels(modules: Modules): Record<string, Record<string, string>> {
  let labels = labelsOf.get(modules);
  if (!labels) labelsOf.set(modules, (labels = labelsFrom(modules)));
  return labels;
}

function labelsFrom(modules: Modules): Record<string, Record<string, string>> {
  return Object.fromEntries(
    modules
      .flatMap((module) => Object.values(module.tables))
      .filter((value): value is PgEnumLike => typeof value === 'function' && 'enumValues' in value && 'enumName' in value)
      .map((pgEnum) => [pascalCase(pgEnum.enumName), Object.fromEntries(pgEnum.enumValues.map((label) => [label.toUpperCase(), label]))]),
  );
}
