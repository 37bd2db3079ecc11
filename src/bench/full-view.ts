import {
  getNamedType,
  isObjectType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/** How fields with arguments are asked for: only those taking an `asOf` date, and only when one is given. */
export interface ViewOptions {
  /** Ask the date-bound answers (points, settlement) as of this date; without it they are left out. */
  asOf?: string;
}

/**
 * The selection of every field reachable from a type that `include` accepts (by `Type.field`),
 * built from the schema itself so "the full view" used by the benchmark and the tests cannot drift
 * from what the departments publish. Fields with arguments are skipped, except an answer as of a
 * date when `options.asOf` is given; cycles are cut; an object field with nothing included below it
 * is left out.
 */
export function selectionFor(
  schema: GraphQLSchema,
  typeName: string,
  include: (coordinate: string) => boolean = () => true,
  options: ViewOptions = {},
  seen: ReadonlySet<string> = new Set(),
): string | null {
  const type = schema.getType(typeName) as GraphQLObjectType;
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (!include(`${typeName}.${field.name}`)) continue;
    const asOfOnly = field.args.length === 1 && field.args[0]!.name === 'asOf';
    if (field.args.length > 0 && !(asOfOnly && options.asOf)) continue;
    const call = field.args.length > 0 ? `${field.name}(asOf: ${JSON.stringify(options.asOf)})` : field.name;
    const named = getNamedType(field.type);
    if (isObjectType(named)) {
      // A field of the type's own type (Person.parents) is a cycle too: the people it leads to have views of their own.
      if (seen.has(named.name) || named.name === typeName) continue;
      const below = selectionFor(schema, named.name, include, options, new Set([...seen, typeName]));
      if (below) parts.push(`${call} ${below}`);
    } else {
      parts.push(call);
    }
  }
  return parts.length > 0 ? `{ ${parts.join(' ')} }` : null;
}

export const fullSelection = (schema: GraphQLSchema, typeName: string, options: ViewOptions = {}) => selectionFor(schema, typeName, undefined, options)!;

export const fullPersonQuery = (schema: GraphQLSchema, options: ViewOptions = {}) =>
  `query FullPerson($citizenId: CitizenId!) { person(citizenId: $citizenId) ${fullSelection(schema, 'Person', options)} }`;

export const fullPersonsQuery = (schema: GraphQLSchema, options: ViewOptions = {}) =>
  `query FullPersons($citizenIds: [CitizenId!]!) { persons(citizenIds: $citizenIds) ${fullSelection(schema, 'Person', options)} }`;

/** The view of 1000 people a grant can read whole: every field it covers, nothing it would be denied. */
export const grantedPersonsQuery = (schema: GraphQLSchema, include: (coordinate: string) => boolean, options: ViewOptions = {}) =>
  `query GrantedPersons($citizenIds: [CitizenId!]!) { persons(citizenIds: $citizenIds) ${selectionFor(schema, 'Person', include, options)} }`;

export const grantedPersonQuery = (schema: GraphQLSchema, include: (coordinate: string) => boolean, options: ViewOptions = {}) =>
  `query GrantedPerson($citizenId: CitizenId!) { person(citizenId: $citizenId) ${selectionFor(schema, 'Person', include, options)} }`;
