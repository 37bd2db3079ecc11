import { Kind, type DocumentNode, type FieldDefinitionNode, type TypeNode } from 'graphql';

/** The entity every department adds its slice to: it stands for a person by its key. */
export const PERSON = 'Person';
export const PERSON_KEY = 'citizenId';
export const CITIZEN_ID_SCALAR = 'CitizenId';

/**
 * A module's object types that hold a citizen ID, other than Person, and whom each stands for: the
 * field holding the ID of the one person whose data the type is (a household member, a spouse), or
 * null for a type that stands for no one person (a household, whose address is every member's).
 */
export type PersonTypes = Readonly<Record<string, string | null>>;

/**
 * Fails when the module holds a citizen ID on a type it has not declared, or declares what its
 * schema does not hold: a new type that stands for someone else cannot be forgotten, or the audit
 * would miss the people it carries whenever their ID is not selected (red-team finding 5).
 */
export function checkPersonTypes(moduleName: string, typeDefs: DocumentNode, declared: PersonTypes): void {
  const problems: string[] = [];
  const holding = citizenIdFields(typeDefs);
  for (const [type, fields] of holding) {
    if (type !== PERSON && !(type in declared)) {
      problems.push(`${type} holds a citizen ID (${fields.map((f) => f.name.value).join(', ')}) but is not in \`standsForPerson\`: name the field of the person it stands for, or null if it stands for no one person`);
    }
  }
  for (const [type, field] of Object.entries(declared)) {
    if (type === PERSON) problems.push(`${PERSON} stands for its person by its key; it is not declared`);
    else if (!holding.has(type)) problems.push(`${type} is declared in \`standsForPerson\` but the module's schema gives it no CitizenId field`);
    else if (field !== null && !holding.get(type)!.some((f) => f.name.value === field && isSingleCitizenId(f.type))) {
      problems.push(`${type}.${field} is declared as the ID of the person ${type} stands for, but it is not a (single) CitizenId field of ${type}`);
    }
  }
  if (problems.length > 0) throw new Error(`${moduleName}: ${problems.join('; ')}`);
}

/** Object types (definitions and extensions) with their CitizenId-typed fields, lists included. */
function citizenIdFields(typeDefs: DocumentNode): Map<string, FieldDefinitionNode[]> {
  const holding = new Map<string, FieldDefinitionNode[]>();
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const fields = (definition.fields ?? []).filter((f) => namedType(f.type) === CITIZEN_ID_SCALAR);
    if (fields.length > 0) holding.set(definition.name.value, [...(holding.get(definition.name.value) ?? []), ...fields]);
  }
  return holding;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** One ID, not a list: a type stands for one person. */
function isSingleCitizenId(type: TypeNode): boolean {
  if (type.kind === Kind.NON_NULL_TYPE) return isSingleCitizenId(type.type);
  return type.kind === Kind.NAMED_TYPE && type.name.value === CITIZEN_ID_SCALAR;
}
