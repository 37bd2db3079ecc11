import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICTS } from '../../../src/domain/districts.js';
import { FAMILY_RELATIONS } from '../../../src/departments/registry/family-relations.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

let gw: TestGateway;
const one = async <T = Record<string, any>>(sql: string, params: unknown[] = []) => (await gw.database.query<T>(sql, params))[0]!;

beforeAll(async () => {
  gw = await startTestGateway({ persons: 3000, seed: 23 });
}, 240_000);
afterAll(() => gw?.close());

const HOUSEHOLD = `query($id: CitizenId!) { person(citizenId: $id) { citizenId registration { relationToHead relation { code label englishLabel }
  household { householdId kind district establishedOn headCitizenId
    members { memberNo citizenId relation { code label englishLabel } person { citizenId name sex birthDate } }
    manager { level managingOffice } holdingUnit { kind name unifiedSocialCreditCode } } } } }`;

describe('households list their members with GB/T 4761 relations to the head', () => {
  it('a three-generation household of more than five: head, spouse, child, child-in-law and grandchildren, in register order', async () => {
    const { household_id: householdId, head } = await one<{ household_id: string; head: string }>(
      `select h.household_id, h.head_citizen_id as head from registry.household h join registry.registration r on r.household_id = h.household_id
       where h.kind = 'family' group by h.household_id, h.head_citizen_id
       having count(*) > 5 and bool_or(r.relation_code in ('41', '42', '43', '44')) and bool_or(r.relation_code in ('28', '38'))
       order by h.household_id limit 1`,
    );
    const { status, body } = await gw.query(HOUSEHOLD, { id: head });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const registration = body.data.person.registration;
    expect(registration.relation).toEqual({ code: '02', label: '户主', englishLabel: 'head of household' });
    expect(registration.relationToHead).toBe('户主');
    const household = registration.household;
    expect(household).toMatchObject({ householdId, kind: 'FAMILY', headCitizenId: head, manager: null, holdingUnit: null });
    const stored = await gw.database.query<{ citizen_id: string; relation_code: string; household_member_no: number }>(
      'select citizen_id, relation_code, household_member_no from registry.registration where household_id = $1 order by household_member_no',
      [householdId],
    );
    expect(household.members.length).toBeGreaterThan(5);
    expect(household.members.map((m: any) => [m.memberNo, m.citizenId, m.relation.code])).toEqual(stored.map((r) => [r.household_member_no, r.citizen_id, r.relation_code]));
    for (const member of household.members) {
      const entry = FAMILY_RELATIONS[member.relation.code as keyof typeof FAMILY_RELATIONS];
      expect(member.relation).toEqual({ code: member.relation.code, label: entry.label, englishLabel: entry.english });
      expect(member.person.citizenId).toBe(member.citizenId);
    }
    const codes = household.members.map((m: any) => m.relation.code);
    expect(codes[0]).toBe('02');
    expect(codes.some((c: string) => ['41', '42', '43', '44'].includes(c))).toBe(true);
    const grandchild = household.members.find((m: any) => ['41', '42', '43', '44'].includes(m.relation.code));
    expect(['孙子', '孙女', '外孙子', '外孙女']).toContain(grandchild.relation.label);
    expect(grandchild.person.sex).toBe(['41', '43'].includes(grandchild.relation.code) ? 'MALE' : 'FEMALE');
    // A member reads their own relation the same way through their registration.
    const other = await gw.query(HOUSEHOLD, { id: grandchild.citizenId });
    expect(other.body.data.person.registration.relation).toEqual(grandchild.relation);
    expect(other.body.data.person.registration.relationToHead).toBe(grandchild.relation.label);
  });

  it("a district's public collective household names its managing office, and lists no relation for its members", async () => {
    const member = await one<{ citizen_id: string; district_code: string }>(
      `select r.citizen_id, r.district_code from registry.registration r join registry.household h on h.household_id = r.household_id
       where h.kind = 'public_collective' and h.collective_level = 'district' order by r.citizen_id limit 1`,
    );
    const { body } = await gw.query(HOUSEHOLD, { id: member.citizen_id });
    expect(body.errors).toBeUndefined();
    const { relation, relationToHead, household } = body.data.person.registration;
    expect(relation).toBeNull();
    expect(relationToHead).toBeNull();
    const district = Object.values(DISTRICTS).find((d) => d.code === member.district_code)!;
    expect(household).toMatchObject({ kind: 'PUBLIC_COLLECTIVE', headCitizenId: null, holdingUnit: null, manager: { level: 'DISTRICT', managingOffice: `广州市${district.name}人民政府` } });
    expect(household.members.length).toBeGreaterThan(1);
    expect(household.members.every((m: any) => m.relation === null)).toBe(true);
    expect(household.members.map((m: any) => m.citizenId)).toContain(member.citizen_id);
  });

  it("a street's public collective household is managed by the street office", async () => {
    const member = await one<{ citizen_id: string; managing_office: string }>(
      `select r.citizen_id, h.managing_office from registry.registration r join registry.household h on h.household_id = r.household_id
       where h.collective_level = 'street' order by r.citizen_id limit 1`,
    );
    const { body } = await gw.query(HOUSEHOLD, { id: member.citizen_id });
    expect(body.data.person.registration.household.manager).toEqual({ level: 'STREET', managingOffice: member.managing_office });
    expect(member.managing_office).toMatch(/(街道办事处|镇人民政府)$/);
  });

  it('a unit collective household names its holder: an employer with its credit code, a school or a talent centre without one', async () => {
    for (const [kind, hasCode] of [['employer', true], ['school', false], ['talent_market', false]] as const) {
      const member = await one<{ citizen_id: string; holding_unit_name: string; holding_unit_credit_code: string | null }>(
        `select r.citizen_id, h.holding_unit_name, h.holding_unit_credit_code from registry.registration r join registry.household h on h.household_id = r.household_id
         where h.kind = 'collective' and h.holding_unit_kind = $1 order by r.citizen_id limit 1`,
        [kind],
      );
      const { body } = await gw.query(HOUSEHOLD, { id: member.citizen_id });
      expect(body.errors).toBeUndefined();
      const household = body.data.person.registration.household;
      expect(household).toMatchObject({ kind: 'COLLECTIVE', headCitizenId: null, manager: null });
      expect(household.holdingUnit).toEqual({ kind: kind.toUpperCase(), name: member.holding_unit_name, unifiedSocialCreditCode: member.holding_unit_credit_code });
      expect(household.holdingUnit.unifiedSocialCreditCode !== null).toBe(hasCode);
    }
  });
});

const FAMILY = `query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId birthDate
  parents { citizenId sex registration { status } } guardians { citizenId } children { citizenId birthDate }
  parentLinks { kind since parentCitizenId parent { citizenId } } } }`;

describe('family links, for everyone the registry knows', () => {
  it('a migrant family: the children hold no Guangzhou hukou, and still have their father and mother, who have them as children', async () => {
    const child = await one<{ child: string; father: string; mother: string }>(
      `select f.child_citizen_id as child, f.parent_citizen_id as father, m.parent_citizen_id as mother
       from registry.family_link f join registry.family_link m on m.child_citizen_id = f.child_citizen_id and m.kind = 'mother'
       join registry.registration r on r.citizen_id = f.child_citizen_id join registry.person p on p.citizen_id = f.child_citizen_id
       where f.kind = 'father' and r.status = 'non_local' and p.birth_date > '2012-01-01' order by 1 limit 1`,
    );
    const { body } = await gw.query(FAMILY, { ids: [child.child, child.father, child.mother] });
    expect(body.errors).toBeUndefined();
    const [kid, father, mother] = body.data.persons;
    expect(kid.parents).toEqual([
      { citizenId: child.father, sex: 'MALE', registration: { status: 'NON_LOCAL' } },
      { citizenId: child.mother, sex: 'FEMALE', registration: { status: 'NON_LOCAL' } },
    ]);
    // A child's guardians are its parents (Civil Code Art. 27).
    expect(kid.guardians.map((g: any) => g.citizenId)).toEqual([child.father, child.mother]);
    expect(kid.parentLinks).toEqual([
      { kind: 'FATHER', since: kid.birthDate, parentCitizenId: child.father, parent: { citizenId: child.father } },
      { kind: 'MOTHER', since: kid.birthDate, parentCitizenId: child.mother, parent: { citizenId: child.mother } },
    ]);
    for (const parent of [father, mother]) {
      expect(parent.children.map((c: any) => c.citizenId)).toContain(child.child);
      // Children oldest first.
      expect(parent.children.map((c: any) => c.birthDate)).toEqual([...parent.children.map((c: any) => c.birthDate)].sort());
      // An adult has no guardian on record.
      expect(parent.guardians).toEqual([]);
    }
  });

  it('a child registered with a grandparent, parents elsewhere: the grandparent is the guardian, and the child has no parents on record', async () => {
    const link = await one<{ child: string; guardian: string }>(
      "select child_citizen_id as child, parent_citizen_id as guardian from registry.family_link where kind = 'guardian' order by 1 limit 1",
    );
    const { body } = await gw.query(FAMILY, { ids: [link.child, link.guardian] });
    const [kid, guardian] = body.data.persons;
    expect(kid.parents).toEqual([]);
    expect(kid.guardians).toEqual([{ citizenId: link.guardian }]);
    expect(kid.parentLinks.map((l: any) => [l.kind, l.parentCitizenId])).toEqual([['GUARDIAN', link.guardian]]);
    // Wards are not children.
    expect(guardian.children.map((c: any) => c.citizenId)).not.toContain(link.child);
  });

  it('a school reads a child’s guardians for admission, through the same fields it may read of the child', async () => {
    const child = await one<{ child: string }>(
      "select f.child_citizen_id as child from registry.family_link f join registry.person p on p.citizen_id = f.child_citizen_id where p.birth_date > '2016-01-01' order by 1 limit 1",
    );
    const headers = await gw.headersFor('education', 'school-enrolment');
    const { body } = await gw.query(
      'query($id: CitizenId!) { person(citizenId: $id) { guardians { citizenId name registration { status district registeredSince address } } } }',
      { id: child.child },
      headers,
    );
    expect(body.errors).toBeUndefined();
    const guardians = body.data.person.guardians;
    expect(guardians.length).toBeGreaterThan(0);
    for (const guardian of guardians) {
      expect(guardian.name).toEqual(expect.any(String));
      expect(guardian.registration.district).toEqual(expect.any(String));
      // Masked as the child's: to the district.
      expect(guardian.registration.address).toMatch(/\*\*\*\*$/);
    }
  });
});
