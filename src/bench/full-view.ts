import {
  getNamedType,
  isObjectType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * The selection of every field reachable from a type, built from the schema itself so "the full
 * view" used by the benchmark and the tests cannot drift from what the departments publish.
 * Fields with arguments are skipped (none on Person's slices today); cycles are cut.
 */
export function fullSelection(schema: GraphQLSchema, typeName: string, seen: ReadonlySet<string> = new Set()): string {
  const type = schema.getType(typeName) as GraphQLObjectType;
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.length > 0) continue;
    const named = getNamedType(field.type);
    if (isObjectType(named)) {
      if (seen.has(named.name)) continue;
      parts.push(`${field.name} ${fullSelection(schema, named.name, new Set([...seen, typeName]))}`);
    } else {
      parts.push(field.name);
    }
  }
  return `{ ${parts.join(' ')} }`;
}

export const fullPersonQuery = (schema: GraphQLSchema) =>
  `query FullPerson($citizenId: CitizenId!) { person(citizenId: $citizenId) ${fullSelection(schema, 'Person')} }`;

export const fullPersonsQuery = (schema: GraphQLSchema) =>
  `query FullPersons($citizenIds: [CitizenId!]!) { persons(citizenIds: $citizenIds) ${fullSelection(schema, 'Person')} }`;
