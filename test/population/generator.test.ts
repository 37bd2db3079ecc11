import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { makeCitizenId, parseCitizenId } from '../../src/domain/citizen-id.js';
import { addYears, ageOn, dayOf, REFERENCE_DATE, toDay } from '../../src/population/dates.js';
import { generatePopulation, type PopulationOptions } from '../../src/population/generate.js';
import { incomeTaxFen, taxOnTaxable } from '../../src/departments/tax/income-tax.js';
import { addressCodesOn, ALL_ADDRESS_CODES, DISTRICT_BY_CODE, DISTRICTS, FIRST_NUMBERING_DAY, GUANGZHOU_CODES, RETIRED_CODES } from '../../src/population/places.js';
import { FAMILY_RELATIONS, isFamilyRelationCode } from '../../src/departments/registry/family-relations.js';
import { emptyRows, POPULATION_TABLE_NAMES, POPULATION_TABLES, type PopulationRows } from '../../src/population/population-tables.js';
import type * as registry from '../../src/departments/registry/tables.js';
import type * as education from '../../src/departments/education/tables.js';
import type * as health from '../../src/departments/health/tables.js';
import type * as tax from '../../src/departments/tax/tables.js';
import type * as housing from '../../src/departments/housing/tables.js';
import type * as hrss from '../../src/departments/hrss/tables.js';

/** The generated rows, typed by the tables this test reads them from (looked up in the manifests' tables). */
type Rows = {
  [K in keyof TypedTables]: Array<TypedTables[K]['$inferInsert']>;
};
type TypedTables = {
  person: typeof registry.person;
  household: typeof registry.household;
  registration: typeof registry.registration;
  registrationEvent: typeof registry.registrationEvent;
  familyLink: typeof registry.familyLink;
  actualResidence: typeof registry.actualResidence;
  administrativePenalty: typeof registry.administrativePenalty;
  criminalPunishment: typeof registry.criminalPunishment;
  learner: typeof education.learner;
  enrolment: typeof education.enrolment;
  healthRecord: typeof health.healthRecord;
  condition: typeof health.condition;
  vaccination: typeof health.vaccination;
  familyPlanning: typeof health.familyPlanning;
  taxpayer: typeof tax.taxpayer;
  annualReturn: typeof tax.annualReturn;
  evasionFinding: typeof tax.evasionFinding;
  employment: typeof hrss.employment;
  contributionPeriod: typeof hrss.contributionPeriod;
  professionalTitle: typeof hrss.professionalTitle;
  skillCertificate: typeof hrss.skillCertificate;
  trainingVoucher: typeof hrss.trainingVoucher;
  dwelling: typeof housing.dwelling;
  publicHousing: typeof housing.publicHousing;
  providentFund: typeof housing.providentFund;
};

/** Every batch's rows, concatenated: the whole population of a small run. */
function collect(options: PopulationOptions): Rows & PopulationRows {
  const all = emptyRows();
  for (const batch of generatePopulation(options)) {
    for (const table of POPULATION_TABLE_NAMES) all[table]!.push(...batch.rows[table]!);
  }
  return typed(all);
}

const typed = (rows: PopulationRows) => rows as Rows & PopulationRows;

it('reads rows under the names the departments give their tables', () => {
  for (const name of ['person', 'registration', 'registrationEvent', 'familyLink', 'learner', 'taxpayer', 'employment', 'dwelling', 'healthRecord']) expect(POPULATION_TABLES).toHaveProperty(name);
});

const digest = (options: PopulationOptions) => {
  const hash = createHash('sha256');
  for (const batch of generatePopulation(options)) hash.update(JSON.stringify(batch.rows));
  return hash.digest('hex');
};

const REFERENCE = new Date(`${REFERENCE_DATE}T00:00:00Z`);
const REFERENCE_DAY = toDay(REFERENCE_DATE);
const SCHOOL_AGE_CUTOFF = dayOf(2026, 8, 31);

const rows = collect({ persons: 20_000, seed: 7 });
const persons = new Map(rows.person.map((p) => [p.citizenId, p]));
const registrations = new Map(rows.registration.map((r) => [r.citizenId, r]));
const birthOf = (id: string) => toDay(persons.get(id)!.birthDate);
const ageOf = (id: string) => ageOn(birthOf(id), REFERENCE_DAY);
const isMigrant = (id: string) => registrations.get(id)!.status === 'non_local';
const share = (part: number, whole: number) => part / whole;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('reproducibility', () => {
  it('gives byte-identical rows for the same seed and different rows for another seed', () => {
    const options = { persons: 3_000, seed: 42, batchSize: 1_000 };
    expect(digest(options)).toBe(digest(options));
    expect(digest({ ...options, seed: 43 })).not.toBe(digest(options));
  });

  it('streams batches of the requested size and the exact total', () => {
    const sizes = [...generatePopulation({ persons: 12_345, seed: 1, batchSize: 5_000 })].map((b) => [b.persons, typed(b.rows).person.length]);
    expect(sizes).toEqual([[5_000, 5_000], [5_000, 5_000], [2_345, 2_345]]);
  });

  it('keeps the first batches when the population is made larger', () => {
    const [small] = generatePopulation({ persons: 6_000, seed: 5, batchSize: 5_000 });
    const [large] = generatePopulation({ persons: 50_000, seed: 5, batchSize: 5_000 });
    expect(JSON.stringify(large!.rows)).toBe(JSON.stringify(small!.rows));
  });

  it('rejects impossible options before generating anything', () => {
    expect(() => generatePopulation({ persons: -1, seed: 1 }).next()).toThrow(/persons/);
    expect(() => generatePopulation({ persons: 10, seed: 1.5 }).next()).toThrow(/seed/);
  });
});

describe('citizen identity numbers', () => {
  it('are valid GB 11643 numbers, unique, and agree with sex and birth date', () => {
    expect(persons.size).toBe(rows.person.length);
    for (const person of rows.person) {
      const parsed = parseCitizenId(person.citizenId, REFERENCE);
      expect(parsed.ok, `${person.citizenId}: ${parsed.ok ? '' : parsed.message}`).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.sex).toBe(person.sex);
      expect(parsed.value.birthDate).toBe(person.birthDate);
    }
  });

  it('are made only under address codes whose first two digits are a province the gateway accepts', () => {
    // The allocator refuses any code outside this list, so a sample of people cannot miss one.
    for (const code of ALL_ADDRESS_CODES) {
      const parsed = parseCitizenId(makeCitizenId(code, '1990-01-01', 1), REFERENCE);
      expect(parsed.ok, `${code}: ${parsed.ok ? '' : parsed.message}`).toBe(true);
    }
  });

  it('stay unique across a population where many share a birth date and place', () => {
    const ids = new Set<string>();
    let total = 0;
    for (const batch of generatePopulation({ persons: 100_000, seed: 3, batchSize: 10_000 })) {
      for (const person of typed(batch.rows).person) ids.add(person.citizenId);
      total += typed(batch.rows).person.length;
    }
    expect(ids.size).toBe(total);
  });

  it('carry the home region for migrants and a Guangzhou code, some of them retired, for people born here', () => {
    const retired = new Set<string>(RETIRED_CODES);
    let retiredSeen = 0;
    for (const registration of rows.registration) {
      const code = registration.citizenId.slice(0, 6);
      if (registration.status === 'non_local') {
        expect(code).toBe(registration.hukouRegionCode);
        expect(GUANGZHOU_CODES.has(code)).toBe(false);
      } else {
        expect(registration.hukouRegionCode).toBe(registration.districtCode);
      }
      if (retired.has(code)) {
        retiredSeen += 1;
        // Retired codes were replaced by 2014: nobody born since carries one.
        expect(registration.citizenId.slice(6, 10) <= '2014').toBe(true);
      }
    }
    expect(retiredSeen).toBeGreaterThan(100);
  });
});

describe('who lives in the city', () => {
  it('has a Guangzhou-like age structure, mostly of working age', () => {
    const ages = rows.person.map((p) => ageOf(p.citizenId));
    expect(Math.min(...ages)).toBe(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(100);
    expect(ages.filter((a) => a >= 90).length).toBeGreaterThan(0);
    expect(share(ages.filter((a) => a >= 20 && a < 60).length, ages.length)).toBeGreaterThan(0.55);
    expect(share(ages.filter((a) => a < 15).length, ages.length)).toBeGreaterThan(0.08);
    expect(share(ages.filter((a) => a >= 60).length, ages.length)).toBeGreaterThan(0.07);
  });

  it('is about 40% migrants, who have no household here and no pre-reform hukou type', () => {
    const migrants = rows.registration.filter((r) => r.status === 'non_local');
    expect(share(migrants.length, rows.registration.length)).toBeGreaterThan(0.3);
    expect(share(migrants.length, rows.registration.length)).toBeLessThan(0.5);
    for (const migrant of migrants) {
      expect(migrant.householdId).toBeNull();
      expect(persons.get(migrant.citizenId)!.historicalHukouType).toBeNull();
    }
  });

  it('is mostly Han, with the minorities migrants bring', () => {
    const ethnicities = rows.person.map((p) => p.ethnicity);
    const han = share(ethnicities.filter((e) => e === '汉族').length, ethnicities.length);
    expect(han).toBeGreaterThan(0.95);
    expect(han).toBeLessThan(0.995);
    for (const minority of ['壮族', '瑶族', '土家族', '苗族']) expect(ethnicities).toContain(minority);
  });

  it('has Chinese names with the common family names most frequent', () => {
    const counts = new Map<string, number>();
    for (const person of rows.person) {
      expect(person.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      counts.set(person.name[0]!, (counts.get(person.name[0]!) ?? 0) + 1);
    }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([name]) => name);
    for (const common of ['陈', '黄', '李', '张']) expect(top).toContain(common);
  });

  it('registers nobody before birth or after the reference date', () => {
    for (const registration of rows.registration) {
      const since = toDay(registration.registeredSince);
      expect(since).toBeGreaterThanOrEqual(birthOf(registration.citizenId));
      expect(since).toBeLessThanOrEqual(REFERENCE_DAY);
    }
  });
});

describe('households', () => {
  const members = new Map<string, typeof rows.registration>();
  for (const registration of rows.registration) {
    if (registration.householdId == null) continue;
    members.set(registration.householdId, [...(members.get(registration.householdId) ?? []), registration]);
  }
  const residences = new Map(rows.actualResidence.map((r) => [r.citizenId, r]));

  it('include a public collective household in every district (§5) and in some streets, each managed by its office, holding people without an address', () => {
    const publicCollectives = rows.household.filter((h) => h.kind === 'public_collective');
    const districtLevel = publicCollectives.filter((h) => h.collectiveLevel === 'district');
    expect(new Set(districtLevel.map((h) => h.districtCode))).toEqual(new Set(DISTRICTS.map((d) => d.code)));
    expect(districtLevel).toHaveLength(DISTRICTS.length);
    const streetLevel = publicCollectives.filter((h) => h.collectiveLevel === 'street');
    expect(streetLevel.length).toBeGreaterThan(3);
    for (const household of publicCollectives) {
      const district = DISTRICT_BY_CODE.get(household.districtCode)!;
      expect(household.headCitizenId).toBeNull();
      if (household.collectiveLevel === 'district') expect(household.managingOffice).toBe(`广州市${district.name}人民政府`);
      else expect(household.managingOffice).toMatch(new RegExp(`^${district.name}.+(街道办事处|镇人民政府)$`));
      expect(household.holdingUnitName ?? null).toBeNull();
    }
    const held = publicCollectives.flatMap((h) => members.get(h.householdId) ?? []);
    expect(held.length).toBeGreaterThan(50);
    expect(streetLevel.some((h) => (members.get(h.householdId) ?? []).length > 1)).toBe(true);
    for (const member of held) {
      expect(member.relationCode).toBeNull();
      // §5: an address only; nobody lives there.
      expect(residences.has(member.citizenId), member.citizenId).toBe(true);
    }
  });

  const MALE = new Set(['11', '21', '22', '23', '24', '25', '26', '28', '29', '41', '43', '51', '53', '55', '71', '73', '93', '95']);
  const FEMALE = new Set(['12', '31', '32', '33', '34', '35', '36', '38', '39', '42', '44', '52', '54', '56', '75', '77', '94', '96']);

  it('are families of up to 10, some of more than 5, with one head and GB/T 4761 relations of plausible sex and age', () => {
    const families = rows.household.filter((h) => h.kind === 'family');
    expect(families.length).toBeGreaterThan(1_000);
    const sizes = families.map((f) => members.get(f.householdId)!.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    // Three-generation households: a few in a hundred family households have 6 or more members.
    expect(share(sizes.filter((n) => n > 5).length, families.length)).toBeGreaterThan(0.01);
    expect(share(sizes.filter((n) => n > 5).length, families.length)).toBeLessThan(0.08);
    const seen = new Set<string>();
    for (const family of families) {
      const people = members.get(family.householdId)!;
      expect(people.map((p) => p.householdMemberNo)).toEqual(people.map((_, i) => i + 1));
      const heads = people.filter((p) => p.relationCode === '02');
      expect(heads.map((h) => h.citizenId)).toEqual([family.headCitizenId]);
      const head = persons.get(family.headCitizenId!)!;
      expect(toDay(family.establishedOn)).toBeGreaterThanOrEqual(toDay(head.birthDate));
      for (const member of people) {
        const code = member.relationCode!;
        seen.add(code);
        expect(isFamilyRelationCode(code), code).toBe(true);
        const person = persons.get(member.citizenId)!;
        expect(member.districtCode).toBe(family.districtCode);
        expect(member.address).toBe(family.address);
        if (MALE.has(code)) expect(person.sex, code).toBe('male');
        if (FEMALE.has(code)) expect(person.sex, code).toBe('female');
        const younger = toDay(person.birthDate) - toDay(head.birthDate);
        const years = younger / 365.25;
        if (/^[23][1-69]$/.test(code)) expect(years, code).toBeGreaterThanOrEqual(15);
        if (/^4/.test(code)) expect(years, code).toBeGreaterThanOrEqual(30);
        if (/^5/.test(code)) expect(years, code).toBeLessThanOrEqual(-15);
        if (code === '71' || code === '75') expect(younger).toBeLessThan(0);
        if (code === '73' || code === '77') expect(younger).toBeGreaterThan(0);
        if (/^1/.test(code)) expect(person.sex).not.toBe(head.sex);
      }
    }
    // Grandchildren through a son and a daughter, children-in-law, parents and parents-in-law, siblings, others.
    for (const code of ['41', '42', '43', '44', '38', '28', '51', '52', '53', '54', '55', '56', '21', '22', '23', '31', '32', '93', '99']) expect(seen, code).toContain(code);
    expect([...seen].some((c) => /^7/.test(c))).toBe(true);
    expect([...seen].every((c) => c in FAMILY_RELATIONS)).toBe(true);
  });

  it('number children by birth order among the same sex: 长子 before 次子, 长女 before 次女', () => {
    let ordered = 0;
    for (const people of members.values()) {
      for (const [first, second] of [['22', '23'], ['32', '33'], ['23', '24']] as const) {
        const a = people.find((p) => p.relationCode === first);
        const b = people.find((p) => p.relationCode === second);
        if (!a || !b) continue;
        expect(birthOf(a.citizenId)).toBeLessThan(birthOf(b.citizenId));
        ordered++;
      }
      // An only child (独生子女) has no brother or sister in the household.
      if (people.some((p) => p.relationCode === '21' || p.relationCode === '31')) {
        expect(people.filter((p) => /^[23][1-69]$/.test(p.relationCode ?? '')).length).toBe(1);
      }
    }
    expect(ordered).toBeGreaterThan(100);
  });

  it('include unit collective households held by employers (with a valid credit code), schools and talent centres, with no head', () => {
    const collectives = rows.household.filter((h) => h.kind === 'collective');
    expect(collectives.length).toBeGreaterThan(10);
    expect(new Set(collectives.map((h) => h.holdingUnitKind))).toEqual(new Set(['employer', 'school', 'talent_market']));
    for (const household of collectives) {
      expect(household.headCitizenId).toBeNull();
      expect(household.holdingUnitName).toBeTruthy();
      expect(household.address).toContain(`（${household.holdingUnitName}集体户）`);
      if (household.holdingUnitKind === 'employer') expect(household.holdingUnitCreditCode).toMatch(/^(11|12|91)44\d{4}[0-9A-Y]{10}$/);
      else expect(household.holdingUnitCreditCode).toBeNull();
      const people = members.get(household.householdId)!;
      expect(people.every((m) => m.relationCode === null)).toBe(true);
      expect(people.map((p) => p.householdMemberNo)).toEqual(people.map((_, i) => i + 1));
      for (const member of people) expect(toDay(member.registeredSince)).toBeGreaterThanOrEqual(toDay(household.establishedOn));
    }
    // One household per holder, however many of its people are drawn.
    expect(new Set(collectives.map((h) => h.holdingUnitName)).size).toBe(collectives.length);
    expect(Math.max(...collectives.map((h) => members.get(h.householdId)!.length))).toBeGreaterThan(12);
  });
});

describe('family links', () => {
  const links = rows.familyLink;
  const byChild = new Map<string, typeof links>();
  for (const link of links) byChild.set(link.childCitizenId, [...(byChild.get(link.childCitizenId) ?? []), link]);

  it('link children to the father and mother they live with, since birth, migrants included', () => {
    expect(links.length).toBeGreaterThan(5_000);
    for (const link of links) {
      const parent = persons.get(link.parentCitizenId)!;
      const child = persons.get(link.childCitizenId)!;
      expect(parent, link.parentCitizenId).toBeDefined();
      expect(child, link.childCitizenId).toBeDefined();
      if (link.kind === 'guardian') continue;
      expect(parent.sex).toBe(link.kind === 'father' ? 'male' : 'female');
      expect(link.since).toBe(child.birthDate);
      expect(toDay(child.birthDate) - toDay(parent.birthDate)).toBeGreaterThan(15 * 365);
      expect(registrations.get(parent.citizenId)!.districtCode).toBe(registrations.get(child.citizenId)!.districtCode);
    }
    for (const [child, own] of byChild) expect(new Set(own.map((l) => l.kind)).size, child).toBe(own.length);
    // Migrant families: neither parent nor child holds a Guangzhou hukou, and the links are kept all the same.
    const migrantChildren = [...byChild].filter(
      ([child, own]) => isMigrant(child) && ageOf(child) < 18 && own.some((l) => l.kind === 'father') && own.some((l) => l.kind === 'mother'),
    );
    expect(migrantChildren.length).toBeGreaterThan(500);
    for (const [, own] of migrantChildren) for (const link of own) expect(isMigrant(link.parentCitizenId)).toBe(true);
  });

  it('give a minor living without their parents a guardian: the head of the household they are registered in', () => {
    const guardianships = links.filter((l) => l.kind === 'guardian');
    expect(guardianships.length).toBeGreaterThan(20);
    for (const link of guardianships) {
      expect(ageOf(link.childCitizenId)).toBeLessThan(18);
      expect(byChild.get(link.childCitizenId)!.map((l) => l.kind)).toEqual(['guardian']);
      const household = registrations.get(link.childCitizenId)!.householdId!;
      expect(rows.household.find((h) => h.householdId === household)?.headCitizenId).toBe(link.parentCitizenId);
      expect(toDay(link.since)).toBeGreaterThanOrEqual(birthOf(link.childCitizenId));
    }
  });
});

describe('registration history', () => {
  const events = new Map<string, typeof rows.registrationEvent>();
  for (const event of rows.registrationEvent) events.set(event.citizenId, [...(events.get(event.citizenId) ?? []), event]);
  const historyOf = (id: string) => events.get(id)!.sort((a, b) => a.seq - b.seq);

  it('begins with birth for natives, settlement with its channel for settlers, residence registration for migrants, and ends in the current registration', () => {
    const channels = new Set<string>();
    let movesBetweenDistricts = 0;
    let returned = 0;
    for (const registration of rows.registration) {
      const history = historyOf(registration.citizenId);
      expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
      for (let i = 1; i < history.length; i++) expect(history[i]!.occurredOn >= history[i - 1]!.occurredOn).toBe(true);
      const first = history[0]!;
      if (registration.status === 'non_local') {
        expect(history.map((e) => [e.kind, e.toDistrictCode, e.occurredOn])).toEqual([['residence_registration', registration.districtCode, registration.registeredSince]]);
        continue;
      }
      const bornHere = GUANGZHOU_CODES.has(registration.citizenId.slice(0, 6));
      expect(first.kind, registration.citizenId).toBe(bornHere ? 'birth' : 'settlement');
      const current = history.findLast((e) => e.kind !== 'move_out')!;
      expect(current.toDistrictCode).toBe(registration.districtCode);
      expect(current.occurredOn).toBe(registration.registeredSince);
      let registeredIn: string | null = null;
      for (const event of history) {
        if (event.kind === 'move' || event.kind === 'move_out') expect(event.fromDistrictCode).toBe(registeredIn);
        if (event.kind === 'settlement') {
          expect(registeredIn).toBeNull();
          channels.add(event.channel!);
          expect(event.outsideRegionCode).toMatch(/^\d{6}$/);
          expect(GUANGZHOU_CODES.has(event.outsideRegionCode!)).toBe(false);
        } else expect(event.channel ?? null).toBeNull();
        if (event.kind === 'move' && event.fromDistrictCode !== event.toDistrictCode) movesBetweenDistricts++;
        if (event.kind === 'move_out') {
          expect(event.outsideRegionCode).toMatch(/^\d{6}$/);
          returned++;
        }
        registeredIn = event.kind === 'move_out' ? null : event.toDistrictCode!;
      }
      expect(registeredIn).toBe(registration.districtCode);
    }
    expect([...channels].sort()).toEqual(['employment', 'family_reunion', 'points', 'study', 'talent', 'transfer']);
    expect(movesBetweenDistricts).toBeGreaterThan(500);
    expect(returned).toBeGreaterThan(10);
  });

  it('keeps the pre-reform hukou type as a fact of each person first registered before 2015, whatever moves came later', () => {
    const reform = '2015-01-01';
    let keptAfterLaterMove = 0;
    for (const person of rows.person) {
      const history = historyOf(person.citizenId);
      const expected = !isMigrant(person.citizenId) && history[0]!.occurredOn < reform;
      expect(person.historicalHukouType != null, person.citizenId).toBe(expected);
      if (expected && registrations.get(person.citizenId)!.registeredSince >= reform) keptAfterLaterMove++;
    }
    expect(keptAfterLaterMove).toBeGreaterThan(200);
    const types = rows.person.map((p) => p.historicalHukouType);
    expect(types).toContain('agricultural');
    expect(types).toContain('non_agricultural');
  });

  it('gives people born here the address code of the district their birth was registered in, as it was on that day', () => {
    let checked = 0;
    let inHousehold = 0;
    const households = new Map(rows.household.map((h) => [h.householdId, h]));
    const bornToMembers = new Set(rows.familyLink.filter((l) => l.kind !== 'guardian').map((l) => l.childCitizenId));
    for (const registration of rows.registration) {
      const first = historyOf(registration.citizenId)[0]!;
      if (first.kind !== 'birth' || toDay(first.occurredOn) < FIRST_NUMBERING_DAY) continue;
      const code = registration.citizenId.slice(0, 6);
      const accepted = addressCodesOn(DISTRICT_BY_CODE.get(first.toDistrictCode!)!, toDay(first.occurredOn));
      expect(accepted.has(code), `${registration.citizenId} born in ${first.toDistrictCode} on ${first.occurredOn}`).toBe(true);
      checked++;
      // Children born into a family household after it was set up carry its district's code.
      const household = registration.householdId == null ? undefined : households.get(registration.householdId);
      if (household?.kind === 'family' && bornToMembers.has(registration.citizenId) && first.occurredOn >= household.establishedOn) {
        expect(addressCodesOn(DISTRICT_BY_CODE.get(household.districtCode)!, toDay(first.occurredOn)).has(code)).toBe(true);
        inHousehold++;
      }
    }
    expect(checked).toBeGreaterThan(2_000);
    expect(inHousehold).toBeGreaterThan(1_000);
  });
});

describe('actual residence (人户分离)', () => {
  it('puts about a quarter of registered residents somewhere other than their registration, most in another district', () => {
    const residents = rows.registration.filter((r) => r.status === 'guangzhou_resident');
    const away = rows.actualResidence;
    // Census 2020: 2,144,082 of about 9.3 million registered residents living in the city (23%).
    expect(share(away.length, residents.length)).toBeGreaterThan(0.17);
    expect(share(away.length, residents.length)).toBeLessThan(0.3);
    const otherDistrict = away.filter((r) => r.districtCode !== registrations.get(r.citizenId)!.districtCode).length;
    expect(share(otherDistrict, away.length)).toBeGreaterThan(0.45);
    expect(share(otherDistrict, away.length)).toBeLessThan(0.75);
    for (const residence of away) {
      expect(isMigrant(residence.citizenId)).toBe(false);
      const district = DISTRICT_BY_CODE.get(residence.districtCode)!;
      expect(district.streets).toContain(residence.street);
      expect(residence.address.startsWith(`广州市${district.name}${residence.street}`)).toBe(true);
      expect(residence.address).not.toBe(registrations.get(residence.citizenId)!.address);
      expect(toDay(residence.since)).toBeGreaterThanOrEqual(birthOf(residence.citizenId));
    }
    expect(new Set(away.map((r) => r.source))).toEqual(new Set(['community_collection', 'rental_registration', 'self_declared']));
  });
});

describe('public-security records', () => {
  it('are rare, of adults, and mostly of men: penalties of the last 10 years, punishments of the last 20', () => {
    const adults = rows.person.filter((p) => ageOf(p.citizenId) >= 18).length;
    const penalised = new Set(rows.administrativePenalty.map((p) => p.citizenId));
    const punished = new Set(rows.criminalPunishment.map((p) => p.citizenId));
    expect(share(penalised.size, adults)).toBeGreaterThan(0.005);
    expect(share(penalised.size, adults)).toBeLessThan(0.06);
    expect(share(punished.size, adults)).toBeGreaterThan(0.002);
    expect(share(punished.size, adults)).toBeLessThan(0.03);
    const men = (ids: Set<string>) => share([...ids].filter((id) => persons.get(id)!.sex === 'male').length, ids.size);
    expect(men(penalised)).toBeGreaterThan(0.6);
    expect(men(punished)).toBeGreaterThan(0.75);
    for (const penalty of rows.administrativePenalty) {
      expect(ageOn(birthOf(penalty.citizenId), toDay(penalty.decidedOn))).toBeGreaterThanOrEqual(16);
      expect(toDay(penalty.decidedOn)).toBeGreaterThanOrEqual(addYears(REFERENCE_DAY, -10));
    }
    for (const punishment of rows.criminalPunishment) {
      expect(ageOn(birthOf(punishment.citizenId), toDay(punishment.sentencedOn))).toBeGreaterThanOrEqual(18);
      expect(toDay(punishment.sentencedOn)).toBeGreaterThanOrEqual(addYears(REFERENCE_DAY, -20));
      if (punishment.completedOn != null) expect(punishment.completedOn >= punishment.sentencedOn).toBe(true);
    }
    expect(rows.criminalPunishment.some((p) => p.completedOn == null)).toBe(true);
  });
});

describe('slices agree with each other and with age', () => {
  it('never date anything before its owner was born or after the reference date', () => {
    const isoDate = /^\d{4}-\d{2}-\d{2}$/;
    const problems: string[] = [];
    for (const table of POPULATION_TABLE_NAMES) {
      if (table === 'household') continue;
      for (const row of rows[table] as Array<Record<string, unknown>>) {
        // A family link belongs to the child, and dates nothing before the child's birth.
        const id = (row.citizenId ?? row.childCitizenId) as string;
        if (!persons.has(id)) problems.push(`${table} row for unknown ${id}`);
        for (const [column, value] of Object.entries(row)) {
          if (typeof value !== 'string' || !isoDate.test(value)) continue;
          const day = toDay(value);
          if (day > REFERENCE_DAY) problems.push(`${table}.${column} ${value} after the reference date`);
          if (day < birthOf(id)) problems.push(`${table}.${column} ${value} before ${id} was born`);
        }
      }
    }
    for (const household of rows.household) {
      if (toDay(household.establishedOn) > REFERENCE_DAY) problems.push(`household ${household.householdId} established later`);
    }
    expect(problems).toEqual([]);
  });

  it('keep one row per person where the table is one per person', () => {
    for (const table of ['registration', 'learner', 'healthRecord', 'taxpayer', 'providentFund'] as const) {
      const ids = rows[table].map((r) => r.citizenId);
      expect(new Set(ids).size, table).toBe(ids.length);
    }
  });

  it('record learners from age 3, with attainment a person of that age could hold', () => {
    const learners = new Map(rows.learner.map((l) => [l.citizenId, l]));
    for (const person of rows.person) expect(learners.has(person.citizenId)).toBe(ageOf(person.citizenId) >= 3);
    const minimumAge = { bachelor: 21, master: 24, doctorate: 27, associate: 20, senior_secondary: 17, secondary_vocational: 17 } as const;
    for (const learner of rows.learner) {
      const age = ageOf(learner.citizenId);
      if (age < 12) expect(learner.highestLevel).toBe('none');
      const min = minimumAge[learner.highestLevel as keyof typeof minimumAge];
      if (min !== undefined) expect(age, `${learner.highestLevel} at ${age}`).toBeGreaterThanOrEqual(min);
      if (learner.migrantChildSchooling !== null) {
        expect(isMigrant(learner.citizenId)).toBe(true);
        expect(age).toBeGreaterThanOrEqual(6);
        expect(age).toBeLessThanOrEqual(17);
      }
    }
    const levels = new Set(rows.learner.map((l) => l.highestLevel));
    for (const level of ['primary', 'junior_secondary', 'bachelor', 'master']) expect(levels).toContain(level);
    expect(rows.learner.some((l) => l.migrantChildSchooling !== null)).toBe(true);
  });

  it('enrol only children and young adults, in the stage and grade of their school age', () => {
    const current = new Map<string, number>();
    for (const enrolment of rows.enrolment) {
      const age = ageOf(enrolment.citizenId);
      expect(age).toBeLessThanOrEqual(24);
      expect(age).toBeGreaterThanOrEqual(3);
      if (enrolment.leftOn != null) {
        expect(toDay(enrolment.leftOn)).toBeGreaterThan(toDay(enrolment.enrolledOn));
        continue;
      }
      current.set(enrolment.citizenId, (current.get(enrolment.citizenId) ?? 0) + 1);
      const schoolAge = ageOn(birthOf(enrolment.citizenId), SCHOOL_AGE_CUTOFF);
      const expected = {
        kindergarten: schoolAge - 2,
        primary: schoolAge - 5,
        junior_secondary: schoolAge - 11,
        senior_secondary: schoolAge - 14,
        secondary_vocational: schoolAge - 14,
        higher_education: schoolAge - 17,
      }[enrolment.stage];
      expect(enrolment.grade, `${enrolment.stage} at school age ${schoolAge}`).toBe(expected);
      const maxGrade = { kindergarten: 3, primary: 6, junior_secondary: 3, senior_secondary: 3, secondary_vocational: 3, higher_education: 4 }[enrolment.stage];
      expect(enrolment.grade).toBeGreaterThanOrEqual(1);
      expect(enrolment.grade).toBeLessThanOrEqual(maxGrade);
    }
    expect([...current.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(rows.enrolment.map((e) => e.stage)).size).toBe(6);
  });

  it('give work, tax and social insurance only to adults, with jobs starting at 16 or later', () => {
    const workTables = ['employment', 'taxpayer', 'annualReturn', 'evasionFinding', 'contributionPeriod', 'professionalTitle', 'skillCertificate', 'trainingVoucher', 'providentFund'] as const;
    for (const table of workTables) {
      for (const row of rows[table]) expect(ageOf(row.citizenId), table).toBeGreaterThanOrEqual(16);
    }
    const currentJobs = new Map<string, number>();
    for (const job of rows.employment) {
      expect(toDay(job.since)).toBeGreaterThanOrEqual(addYears(birthOf(job.citizenId), 16));
      if (job.until == null) currentJobs.set(job.citizenId, (currentJobs.get(job.citizenId) ?? 0) + 1);
      else expect(toDay(job.until)).toBeGreaterThan(toDay(job.since));
    }
    expect([...currentJobs.values()].every((n) => n === 1)).toBe(true);
    const workers = share(currentJobs.size, rows.person.filter((p) => ageOf(p.citizenId) >= 25 && ageOf(p.citizenId) < 50).length);
    expect(workers).toBeGreaterThan(0.6);
    for (const voucher of rows.trainingVoucher) expect(isMigrant(voucher.citizenId)).toBe(true);
  });

  it('file returns only for registered taxpayers, in the last three tax years, with tax within the IIT brackets', () => {
    const taxpayers = new Set(rows.taxpayer.map((t) => t.citizenId));
    const employed = new Set(rows.employment.map((e) => e.citizenId));
    for (const taxpayer of rows.taxpayer) expect(employed.has(taxpayer.citizenId)).toBe(true);
    for (const filed of rows.annualReturn) {
      expect(taxpayers.has(filed.citizenId)).toBe(true);
      expect([2023, 2024, 2025]).toContain(filed.year);
      expect(filed.taxableIncomeFen).toBeGreaterThanOrEqual(0);
      expect(filed.taxableIncomeFen).toBeLessThanOrEqual(filed.grossIncomeFen);
      expect(filed.taxPaidFen).toBe(incomeTaxFen(filed.taxableIncomeFen));
    }
    const workedAll2025 = new Set(rows.employment.filter((e) => e.until === null && e.since < '2025-01-01').map((e) => e.citizenId));
    const fullYear2025 = rows.annualReturn.filter((r) => r.year === 2025 && workedAll2025.has(r.citizenId));
    const medianYuan = median(fullYear2025.map((r) => r.grossIncomeFen / 100));
    expect(medianYuan).toBeGreaterThan(70_000);
    expect(medianYuan).toBeLessThan(120_000);
    expect(Math.max(...fullYear2025.map((r) => r.grossIncomeFen / 100))).toBeGreaterThan(4 * medianYuan);
    expect(share(rows.taxpayer.filter((t) => t.arrearsFen === 0).length, rows.taxpayer.length)).toBeGreaterThan(0.95);
  });

  it('count insurance months no further back than the 16th birthday, and months paid here not before a migrant’s arrival', () => {
    const monthOf = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
    for (const period of rows.contributionPeriod) {
      const id = period.citizenId;
      expect(monthOf(period.fromMonth)).toBeGreaterThanOrEqual(monthOf(persons.get(id)!.birthDate) + 16 * 12);
      if (isMigrant(id) && period.origin !== 'transferred_in') {
        expect(monthOf(period.fromMonth)).toBeGreaterThanOrEqual(monthOf(registrations.get(id)!.registeredSince));
      }
    }
  });

  it('keep health rows for people with a health record: vaccinations for children, family planning for women 15–49', () => {
    const records = new Set(rows.healthRecord.map((r) => r.citizenId));
    expect(share(records.size, rows.person.length)).toBeGreaterThan(0.8);
    for (const table of ['condition', 'vaccination', 'familyPlanning'] as const) {
      for (const row of rows[table]) expect(records.has(row.citizenId), table).toBe(true);
    }
    for (const shot of rows.vaccination) expect(ageOf(shot.citizenId)).toBeLessThanOrEqual(14);
    expect(rows.vaccination.map((v) => v.vaccine)).toContain('乙肝疫苗');
    for (const service of rows.familyPlanning) {
      expect(persons.get(service.citizenId)!.sex).toBe('female');
      expect(ageOf(service.citizenId)).toBeGreaterThanOrEqual(15);
      expect(ageOf(service.citizenId)).toBeLessThanOrEqual(49);
    }
    const older = rows.condition.filter((c) => ageOf(c.citizenId) >= 45).length;
    expect(share(older, rows.condition.length)).toBeGreaterThan(0.7);
    for (const condition of rows.condition) {
      expect(toDay(condition.diagnosedOn)).toBeGreaterThanOrEqual(addYears(birthOf(condition.citizenId), 15));
    }
  });

  it('house everyone in one current home in their registration district', () => {
    const current = new Map<string, (typeof rows.dwelling)[number]>();
    for (const dwelling of rows.dwelling) {
      expect(dwelling.leaseRegistrationNo === null || dwelling.tenure === 'rented').toBe(true);
      expect(Number(dwelling.floorAreaM2)).toBeGreaterThan(0);
      if (dwelling.until !== null) continue;
      expect(current.has(dwelling.citizenId)).toBe(false);
      current.set(dwelling.citizenId, dwelling);
      expect(dwelling.districtCode).toBe(registrations.get(dwelling.citizenId)!.districtCode);
    }
    expect(current.size).toBe(rows.person.length);
    const rentedShare = (migrant: boolean) => {
      const group = [...current.values()].filter((d) => isMigrant(d.citizenId) === migrant);
      return share(group.filter((d) => d.tenure === 'rented').length, group.length);
    };
    expect(rentedShare(true)).toBeGreaterThan(rentedShare(false));
    expect([...current.values()].some((d) => d.leaseRegistrationNo !== null)).toBe(true);
    for (const tenancy of rows.publicHousing.filter((c) => c.status === 'tenant')) {
      expect(current.get(tenancy.citizenId)!.tenure).toBe('public_rental');
      expect(tenancy.monthlyRentFen).toBeGreaterThan(0);
    }
    for (const housingCase of rows.publicHousing) {
      if (housingCase.decidedOn != null) expect(housingCase.decidedOn >= housingCase.appliedOn).toBe(true);
    }
  });

  it('pay into the provident fund in proportion to income, from a formal job', () => {
    const employed = new Set(rows.employment.map((e) => e.citizenId));
    const latestIncome = new Map(rows.annualReturn.filter((r) => r.year === 2025).map((r) => [r.citizenId, r.grossIncomeFen]));
    const contributions: Array<[income: number, monthly: number]> = [];
    for (const fund of rows.providentFund) {
      expect(employed.has(fund.citizenId)).toBe(true);
      expect(fund.balanceFen).toBeGreaterThanOrEqual(0);
      if (fund.status !== 'contributing') {
        expect(fund.monthlyContributionFen).toBe(0);
        continue;
      }
      // 5–12% each from employer and employee, on a wage between the minimum and the cap.
      expect(fund.monthlyContributionFen).toBeGreaterThanOrEqual(2 * 0.05 * 2_500 * 100 - 1);
      expect(fund.monthlyContributionFen).toBeLessThanOrEqual(2 * 0.12 * 38_000 * 100 + 1);
      const income = latestIncome.get(fund.citizenId);
      if (income) contributions.push([income, fund.monthlyContributionFen]);
    }
    contributions.sort((a, b) => a[0] - b[0]);
    const quarter = Math.floor(contributions.length / 4);
    const mean = (part: typeof contributions) => part.reduce((sum, [, m]) => sum + m, 0) / part.length;
    expect(mean(contributions.slice(-quarter))).toBeGreaterThan(2 * mean(contributions.slice(0, quarter)));
  });

  it('name employers with valid unified social credit codes (GB 32100)', () => {
    const characters = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    for (const job of rows.employment.slice(0, 2_000)) {
      const code = job.employerCreditCode;
      expect(code).toMatch(/^(11|12|91)44\d{4}[0-9A-Y]{9}[0-9A-Y]$/);
      const sum = [...code.slice(0, 17)].reduce((total, c, i) => total + characters.indexOf(c) * weights[i]!, 0);
      expect(code[17]).toBe(characters[(31 - (sum % 31)) % 31]);
    }
  });
});

describe('individual income tax', () => {
  it('follows the 2018 annual brackets', () => {
    expect(taxOnTaxable(0)).toBe(0);
    expect(taxOnTaxable(-5_000)).toBe(0);
    expect(taxOnTaxable(36_000)).toBeCloseTo(1_080);
    expect(taxOnTaxable(144_000)).toBeCloseTo(11_880);
    expect(taxOnTaxable(300_000)).toBeCloseTo(43_080);
    expect(taxOnTaxable(1_000_000)).toBeCloseTo(268_080);
    // Continuous at every bracket edge: the quick deductions are consistent with the rates.
    for (const edge of [36_000, 144_000, 300_000, 420_000, 660_000, 960_000]) {
      expect(taxOnTaxable(edge + 0.01) - taxOnTaxable(edge)).toBeLessThan(0.01);
    }
    expect(incomeTaxFen(3_600_000)).toBe(108_000);
    expect(incomeTaxFen(1_750_000)).toBe(52_500);
  });
});
