import { describe, expect, it } from 'vitest';
import { isEnumType, isInputObjectType, isIntrospectionType, isObjectType, isScalarType, isSpecifiedScalarType } from 'graphql';
import { SUBGRAPHS, buildSubgraph } from '../../src/subgraphs/catalog.js';
import { readPolicyFile } from '../../src/policy/policy-file.js';

/** Every department the sharing policy defines: an "Owner:" must name one. */
const DEPARTMENTS = new Set(Object.keys(readPolicyFile().departments));
const FEDERATION_TYPES = /^(_Service|_Entity|_Any|FieldSet|link__\w+|federation__\w+|_FieldSet)$/;

describe.each(SUBGRAPHS.map((s) => [s.name, s] as const))('SDL of the %s subgraph documents itself', (_name, definition) => {
  const schema = buildSubgraph(definition);
  // A subgraph with no root fields of its own gets a Query holding only `_entities`/`_service`.
  const federationOnly = (t: unknown) => isObjectType(t) && Object.keys(t.getFields()).every((f) => f.startsWith('_'));
  const types = Object.values(schema.getTypeMap()).filter(
    (t) => !isIntrospectionType(t) && !isSpecifiedScalarType(t) && !FEDERATION_TYPES.test(t.name) && !federationOnly(t),
  );

  it('describes every type, enum value, field and argument', () => {
    const missing: string[] = [];
    for (const type of types) {
      if (!type.description) missing.push(type.name);
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (field.name.startsWith('_')) continue;
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('names the owning department and the sensitivity of every field', () => {
    const unlabelled: string[] = [];
    for (const type of types) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (field.name.startsWith('_')) continue;
        const match = /Owner: ([a-z-]+)\. Sensitivity: (public|personal|sensitive)\b/.exec(field.description?.replace(/\s+/g, ' ') ?? '');
        if (!match || !DEPARTMENTS.has(match[1]!)) unlabelled.push(`${type.name}.${field.name}`);
      }
    }
    expect(unlabelled).toEqual([]);
  });

  it('has no scalar without a description of its format', () => {
    for (const type of types.filter(isScalarType)) expect(type.description, type.name).toBeTruthy();
  });
});
