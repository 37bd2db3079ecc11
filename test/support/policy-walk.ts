import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

type Path = (string | number)[];

/**
 * Every field of a full-view response (no aliases: keys are field names), with its `Type.field`
 * coordinate, its path, and its value; `visit` returns false to stop below an object field.
 */
export function walkResponse(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  value: Record<string, unknown>,
  path: Path,
  visit: (coordinate: string, path: Path, value: unknown, isObject: boolean) => boolean,
): void {
  for (const [key, fieldValue] of Object.entries(value)) {
    const field = type.getFields()[key];
    if (!field) throw new Error(`response has ${type.name}.${key}, which the schema does not`);
    const named = getNamedType(field.type);
    const coordinate = `${type.name}.${key}`;
    const descend = visit(coordinate, [...path, key], fieldValue, isObjectType(named));
    if (!descend || !isObjectType(named) || fieldValue === null || fieldValue === undefined) continue;
    const items: [unknown, Path][] = Array.isArray(fieldValue)
      ? fieldValue.map((v, i) => [v, [...path, key, i]])
      : [[fieldValue, [...path, key]]];
    for (const [item, itemPath] of items) {
      if (item !== null) walkResponse(schema, named, item as Record<string, unknown>, itemPath, visit);
    }
  }
}

/** Every `Type.field` reachable from `Person`, split into object-valued fields and leaves. */
export function personCoordinates(schema: GraphQLSchema): { objects: string[]; leaves: string[] } {
  const objects: string[] = [];
  const leaves: string[] = [];
  const seen = new Set<string>();
  const visitType = (type: GraphQLObjectType) => {
    if (seen.has(type.name)) return;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (isObjectType(named)) {
        objects.push(`${type.name}.${field.name}`);
        visitType(named);
      } else leaves.push(`${type.name}.${field.name}`);
    }
  };
  visitType(schema.getType('Person') as GraphQLObjectType);
  return { objects, leaves };
}

/** The `Type.field` coordinates the schema does not have: a check's list of fields must not go stale. */
export function missingCoordinates(schema: GraphQLSchema, coordinates: Iterable<string>): string[] {
  return [...coordinates].filter((coordinate) => {
    const [type, field] = coordinate.split('.') as [string, string];
    const named = schema.getType(type);
    return !(named && 'getFields' in named && field in named.getFields());
  });
}
