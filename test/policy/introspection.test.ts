import { buildClientSchema, getIntrospectionQuery, isObjectType, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledPolicy } from '../../src/policy/compile.js';
import { readPolicyFile } from '../../src/policy/policy-file.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let policy: CompiledPolicy;

beforeAll(async () => {
  gw = await startTestGateway({ persons: 0 });
  policy = CompiledPolicy.compile(readPolicyFile(), gw.gateway.schema);
});
afterAll(() => gw?.close());

describe('introspection shows each caller only its grant', () => {
  it.each(readPolicyFile().grants.map((g) => [`${g.department} / ${g.purpose}`, g.department, g.purpose] as const))(
    '%s: every field it can see is one it may read',
    async (_label, department, purpose) => {
      const { status, body } = await gw.query(getIntrospectionQuery(), {}, await gw.headersFor(department, purpose, { district: '440106' }));
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const schema = buildClientSchema(body.data as IntrospectionQuery);
      const grant = policy.grant(department, purpose)!;
      const visible: string[] = [];
      for (const type of Object.values(schema.getTypeMap())) {
        if (!isObjectType(type) || type.name.startsWith('__')) continue;
        for (const field of Object.keys(type.getFields())) visible.push(`${type.name}.${field}`);
      }
      expect(visible.filter((c) => !grant.tiers.has(c))).toEqual([]);
      expect(visible.length).toBeGreaterThan(0);
    },
  );

  it('education enrolling a child sees no tax or health type at all, and its masked field says so', async () => {
    const headers = await gw.headersFor('education', 'school-enrolment');
    const { body } = await gw.query(
      `{ person: __type(name: "Person") { fields { name } }
         tax: __type(name: "TaxSlice") { name }
         health: __type(name: "HealthSlice") { name }
         registration: __type(name: "HouseholdRegistration") { fields { name description } } }`,
      {},
      headers,
    );
    expect(body.data.person.fields.map((f: { name: string }) => f.name).sort()).toEqual(
      ['birthDate', 'citizenId', 'education', 'guardians', 'holdsValidResidencePermit', 'name', 'registration', 'sex'].sort(),
    );
    expect(body.data.tax).toBeNull();
    expect(body.data.health).toBeNull();
    const address = body.data.registration.fields.find((f: { name: string }) => f.name === 'address');
    expect(address.description).toMatch(/Owner: public-security/);
    expect(address.description).toMatch(/Your grant: masked/);
  });

  it('refuses introspection mixed with data, which would otherwise need two answers', async () => {
    const { body } = await gw.query('{ __schema { queryType { name } } persons(citizenIds: []) { name } }');
    expect(body.errors![0]!.extensions!.code).toBe('BAD_REQUEST');
    expect(body.data ?? null).toBeNull();
  });
});
