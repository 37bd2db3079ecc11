import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { makeCitizenId, parseCitizenId } from '../../src/domain/citizen-id.js';
import { addYears, ageOn, dayOf, REFERENCE_DATE, toDay } from '../../src/population/dates.js';
import { generatePopulation, type PopulationOptions } from '../../src/population/generate.js';
import { incomeTaxFen, taxOnTaxable } from '../../src/departments/tax/income-tax.js';
import { ALL_ADDRESS_CODES, DISTRICTS, GUANGZHOU_CODES, RETIRED_CODES } from '../../src/population/places.js';
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
  for (const name of ['person', 'registration', 'learner', 'taxpayer', 'employment', 'dwelling', 'healthRecord']) expect(POPULATION_TABLES).toHaveProperty(name);
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
      expect(migrant.historicalType).toBeNull();
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

  it('registers nobody before birth or after the reference date, and keeps the hukou type only as pre-reform history', () => {
    const reform = toDay('2015-01-01');
    for (const registration of rows.registration) {
      const since = toDay(registration.registeredSince);
      expect(since).toBeGreaterThanOrEqual(birthOf(registration.citizenId));
      expect(since).toBeLessThanOrEqual(REFERENCE_DAY);
      const expectsType = registration.status === 'guangzhou_resident' && since < reform;
      expect(registration.historicalType === null, registration.citizenId).toBe(!expectsType);
    }
    const types = rows.registration.map((r) => r.historicalType);
    expect(types).toContain('agricultural');
    expect(types).toContain('non_agricultural');
  });
});

describe('households', () => {
  const members = new Map<string, typeof rows.registration>();
  for (const registration of rows.registration) {
    if (registration.householdId == null) continue;
    members.set(registration.householdId, [...(members.get(registration.householdId) ?? []), registration]);
  }

  it('include a public collective household in every district (§5), holding people without an address', () => {
    const publicCollectives = rows.household.filter((h) => h.kind === 'public_collective');
    expect(new Set(publicCollectives.map((h) => h.districtCode))).toEqual(new Set(DISTRICTS.map((d) => d.code)));
    for (const household of publicCollectives) expect(household.headCitizenId).toBeNull();
    const held = publicCollectives.flatMap((h) => members.get(h.householdId) ?? []);
    expect(held.length).toBeGreaterThan(20);
    for (const member of held) expect(member.relationToHead).toBeNull();
  });

  it('are families of 1–5 with one head, a spouse of the other sex, children and parents of plausible ages', () => {
    const families = rows.household.filter((h) => h.kind === 'family');
    expect(families.length).toBeGreaterThan(1_000);
    for (const family of families) {
      const people = members.get(family.householdId)!;
      expect(people.length).toBeGreaterThanOrEqual(1);
      expect(people.length).toBeLessThanOrEqual(5);
      expect(people.map((p) => p.householdMemberNo)).toEqual(people.map((_, i) => i + 1));
      const heads = people.filter((p) => p.relationToHead === '户主');
      expect(heads.map((h) => h.citizenId)).toEqual([family.headCitizenId]);
      const head = persons.get(family.headCitizenId!)!;
      expect(toDay(family.establishedOn)).toBeGreaterThanOrEqual(toDay(head.birthDate));
      for (const member of people) {
        const person = persons.get(member.citizenId)!;
        expect(member.districtCode).toBe(family.districtCode);
        expect(member.address).toBe(family.address);
        const older = ageOf(head.citizenId) - ageOf(person.citizenId);
        switch (member.relationToHead) {
          case '配偶':
            expect(person.sex).not.toBe(head.sex);
            break;
          case '子':
          case '女':
            expect(person.sex).toBe(member.relationToHead === '子' ? 'male' : 'female');
            expect(older).toBeGreaterThanOrEqual(15);
            break;
          case '父':
          case '母':
            expect(person.sex).toBe(member.relationToHead === '父' ? 'male' : 'female');
            expect(-older).toBeGreaterThanOrEqual(15);
            break;
          default:
            expect(member.relationToHead).toBe('户主');
        }
      }
    }
  });

  it('include employer collective households with no head', () => {
    const collectives = rows.household.filter((h) => h.kind === 'collective');
    expect(collectives.length).toBeGreaterThan(10);
    for (const household of collectives) {
      expect(household.headCitizenId).toBeNull();
      expect(members.get(household.householdId)!.every((m) => m.relationToHead === null)).toBe(true);
    }
  });
});

describe('slices agree with each other and with age', () => {
  it('never date anything before its owner was born or after the reference date', () => {
    const isoDate = /^\d{4}-\d{2}-\d{2}$/;
    const problems: string[] = [];
    for (const table of POPULATION_TABLE_NAMES) {
      if (table === 'household') continue;
      for (const row of rows[table] as Array<Record<string, unknown>>) {
        const id = row.citizenId as string;
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
