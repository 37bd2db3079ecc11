import { mapSchema, MapperKind, pruneSchema } from '@graphql-tools/utils';
import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import type { Grant } from './compile.js';

const TIER_NOTE: Record<string, string> = {
  masked: 'Your grant: masked (de-identified display, see the sharing policy).',
  derived: 'Your grant: derived (the computed answer only).',
};

/**
 * The API schema as one grant sees it: only the fields it may read (and the types they lead to),
 * masked fields saying so in their description. A field that leads only to types the grant
 * cannot read anything of is left out too, so a caller never sees a path to nothing.
 * Null when the grant covers no root field at all.
 */
export function schemaForGrant(schema: GraphQLSchema, grant: Grant): GraphQLSchema | null {
  const visible = new Set<string>();
  for (const [coordinate] of grant.tiers) visible.add(coordinate);
  // Drop fields whose object type has nothing visible left, until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const coordinate of visible) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      const type = schema.getType(typeName);
      const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
      const target = field ? getNamedType(field.type) : undefined;
      if (!target || (isObjectType(target) && !Object.keys(target.getFields()).some((f) => visible.has(`${target.name}.${f}`)))) {
        visible.delete(coordinate);
        changed = true;
      }
    }
  }
  const queryType = schema.getQueryType()!;
  if (!Object.keys(queryType.getFields()).some((f) => visible.has(`${queryType.name}.${f}`))) return null;
  return pruneSchema(
    mapSchema(schema, {
      [MapperKind.OBJECT_FIELD]: (config, fieldName, typeName) => {
        const coordinate = `${typeName}.${fieldName}`;
        if (!visible.has(coordinate)) return null;
        const note = TIER_NOTE[grant.tiers.get(coordinate)!];
        return note ? { ...config, description: `${config.description ?? ''}\n\n${note}`.trim() } : config;
      },
    }),
  );
}
