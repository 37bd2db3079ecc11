import {
  getNamedType,
  isObjectType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * The selection of every field reachable from a type that `include` accepts (by `Type.field`),
 * built from the schema itself so "the full view" used by the benchmark and the tests cannot drift
 * from what the departments publish. Fields with arguments are skipped (none on Person's slices
 * today); cycles are cut; an object field with nothing included below it is left out.
 */
export function selectionFor(
  schema: GraphQLSchema,
  typeName: string,
  include: (coordinate: string) => boolean = () => true,
  seen: ReadonlySet<string> = new Set(),
): string | null {
  const type = schema.getType(typeName) as GraphQLObjectType;
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.length > 0 || !include(`${typeName}.${field.name}`)) continue;
    const named = getNamedType(field.type);
    if (isObjectType(named)) {
      // A field of the type's own type (Person.parents) is a cycle too: the people it leads to have views of their own.
      if (seen.has(named.name) || named.name === typeName) continue;
      const below = selectionFor(schema, named.name, include, new Set([...seen, typeName]));
      if (below) parts.push(`${field.name} ${below}`);
    } else {
      parts.push(field.name);
    }
  }
  return parts.length > 0 ? `{ ${parts.join(' ')} }` : null;
}

export const fullSelection = (schema: GraphQLSchema, typeName: string) => selectionFor(schema, typeName)!;

export const fullPersonQuery = (schema: GraphQLSchema) =>
  `query FullPerson($citizenId: CitizenId!) { person(citizenId: $citizenId) ${fullSelection(schema, 'Person')} }`;

export const fullPersonsQuery = (schema: GraphQLSchema) =>
  `query FullPersons($citizenIds: [CitizenId!]!) { persons(citizenIds: $citizenIds) ${fullSelection(schema, 'Person')} }`;

/** The view of 1000 people a grant can read whole: every field it covers, nothing it would be denied. */
export const grantedPersonsQuery = (schema: GraphQLSchema, include: (coordinate: string) => boolean) =>
  `query GrantedPersons($citizenIds: [CitizenId!]!) { persons(citizenIds: $citizenIds) ${selectionFor(schema, 'Person', include)} }`;

export const grantedPersonQuery = (schema: GraphQLSchema, include: (coordinate: string) => boolean) =>
  `query GrantedPerson($citizenId: CitizenId!) { person(citizenId: $citizenId) ${selectionFor(schema, 'Person', include)} }`;
