import { describe, expect, it } from 'vitest';
import { addYears, ageOn, REFERENCE_DATE, toDay } from '../../../src/population/dates.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { emptyRows, POPULATION_TABLE_NAMES, type PopulationRows } from '../../../src/population/population-tables.js';
import type * as registry from '../../../src/departments/registry/tables.js';
import type * as civil from '../../../src/departments/civil/tables.js';

/**
 * The civil-affairs demo data against the rest of the generated city: marriages that agree with
 * who lives with whom and with the legal age, assistance for a realistic few of the registered
 * households, elderly care for the old, volunteering and awards in believable shares.
 */

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];
interface Rows {
  person: Insert<typeof registry.person>[];
  registration: Insert<typeof registry.registration>[];
  marriage: Insert<typeof civil.marriage>[];
  subsistenceAllowance: Insert<typeof civil.subsistenceAllowance>[];
  lowIncomeFamily: Insert<typeof civil.lowIncomeFamily>[];
  elderlyCare: Insert<typeof civil.elderlyCare>[];
  volunteerHours: Insert<typeof civil.volunteerHours>[];
  award: Insert<typeof civil.award>[];
}

function collect(persons: number, seed: number): Rows {
  const all: PopulationRows = emptyRows();
  for (const batch of generatePopulation({ persons, seed })) for (const table of POPULATION_TABLE_NAMES) all[table]!.push(...batch.rows[table]!);
  return all as unknown as Rows;
}

const rows = collect(20_000, 7);
const REFERENCE_DAY = toDay(REFERENCE_DATE);
const people = new Map(rows.person.map((p) => [p.citizenId, p]));
const registrations = new Map(rows.registration.map((r) => [r.citizenId, r]));
const birthOf = (id: string) => toDay(people.get(id)!.birthDate);
const ageOf = (id: string) => ageOn(birthOf(id), REFERENCE_DAY);
const registered = rows.registration.filter((r) => r.status !== 'non_local');
const share = (part: number, whole: number) => part / whole;

const marriagesOf = new Map<string, Insert<typeof civil.marriage>[]>();
for (const m of rows.marriage) marriagesOf.set(m.citizenId, [...(marriagesOf.get(m.citizenId) ?? []), m]);
for (const list of marriagesOf.values()) list.sort((a, b) => a.registeredOn.localeCompare(b.registeredOn));
type Status = 'never' | 'married' | 'divorced' | 'widowed';
const statusOf = (id: string): Status => {
  const latest = marriagesOf.get(id)?.at(-1);
  return !latest ? 'never' : latest.ending == null ? 'married' : latest.ending === 'death_of_spouse' ? 'widowed' : 'divorced';
};
const shareWith = (ids: string[], status: Status) => share(ids.filter((id) => statusOf(id) === status).length, ids.length);
const aged = (from: number, to: number) => rows.person.map((p) => p.citizenId).filter((id) => ageOf(id) >= from && ageOf(id) <= to);


/** The registry's GB/T 4761 relation code as the household relation the civil generator reads: head, spouse, son, daughter. */
function relationOf(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code === '02') return '户主';
  if (/^1[0-2]$/.test(code)) return '配偶';
  if (/^2[0-79]$/.test(code)) return '子';
  if (/^3[0-79]$/.test(code)) return '女';
  return null;
}

describe('marriages', () => {
  it('are registered at or after the legal age (men 22, women 20) and end after they begin, by the reference day', () => {
    expect(rows.marriage.length).toBeGreaterThan(5_000);
    for (const m of rows.marriage) {
      const person = people.get(m.citizenId)!;
      const legal = addYears(toDay(person.birthDate), person.sex === 'male' ? 22 : 20);
      expect(toDay(m.registeredOn), `${m.citizenId} married on ${m.registeredOn}`).toBeGreaterThanOrEqual(legal);
      expect(toDay(m.endedOn ?? m.registeredOn)).toBeLessThanOrEqual(REFERENCE_DAY);
      if (m.endedOn) expect(m.endedOn > m.registeredOn).toBe(true);
      expect(m.ending == null).toBe(m.endedOn == null);
      expect(m.divorceAreaCode != null).toBe(m.ending === 'divorce_registered' || m.ending === 'divorce_by_court');
      expect(m.registeredAreaCode).toMatch(/^\d{6}$/);
    }
  });

  it('follow one another: at most one goes on, and each ends before the next is registered', () => {
    for (const [id, list] of marriagesOf) {
      expect(list.filter((m) => m.endedOn == null).length, id).toBeLessThanOrEqual(1);
      for (let i = 1; i < list.length; i++) expect(list[i - 1]!.endedOn != null && list[i - 1]!.endedOn! < list[i]!.registeredOn, id).toBe(true);
    }
  });

  it('marry a household head to the 配偶 beside them: one registration, each row naming the other', () => {
    const byHousehold = new Map<string, Map<string, string>>();
    for (const r of rows.registration) {
      if (r.householdId && relationOf(r.relationCode)) byHousehold.set(r.householdId, (byHousehold.get(r.householdId) ?? new Map()).set(relationOf(r.relationCode), r.citizenId));
    }
    let couples = 0;
    for (const relations of byHousehold.values()) {
      const head = relations.get('户主');
      const spouse = relations.get('配偶');
      if (!head || !spouse) continue;
      couples++;
      const mine = marriagesOf.get(head)!.at(-1)!;
      const theirs = marriagesOf.get(spouse)!.at(-1)!;
      expect(mine).toMatchObject({ spouseCitizenId: spouse, endedOn: null });
      expect(theirs).toMatchObject({ spouseCitizenId: head, endedOn: null, registeredOn: mine.registeredOn, registeredAreaCode: mine.registeredAreaCode });
    }
    expect(couples).toBeGreaterThan(1_500);
  });

  it('name a spouse only when the spouse holds the same registration back, lives in the same unit and is of the other sex', () => {
    let named = 0;
    for (const m of rows.marriage) {
      if (!m.spouseCitizenId) continue;
      named++;
      const back = marriagesOf.get(m.spouseCitizenId)?.find((b) => b.spouseCitizenId === m.citizenId);
      expect(back, `${m.spouseCitizenId} does not name ${m.citizenId}`).toMatchObject({ registeredOn: m.registeredOn, endedOn: m.endedOn });
      expect(people.get(m.spouseCitizenId)!.sex).not.toBe(people.get(m.citizenId)!.sex);
      const [mine, theirs] = [registrations.get(m.citizenId)!, registrations.get(m.spouseCitizenId)!];
      // Migrants' households are at home; a migrant couple lives in the same district here.
      if (mine.status === 'non_local') expect([theirs.status, theirs.districtCode]).toEqual(['non_local', mine.districtCode]);
      else expect(theirs.householdId).toBe(mine.householdId);
    }
    expect(named).toBeGreaterThan(3_000);
  });

  it('are mostly registered before the couple\'s first child is born', () => {
    let before = 0;
    let couplesWithChildren = 0;
    const households = new Map<string, Insert<typeof registry.registration>[]>();
    for (const r of rows.registration) if (r.householdId) households.set(r.householdId, [...(households.get(r.householdId) ?? []), r]);
    for (const members of households.values()) {
      const head = members.find((r) => relationOf(r.relationCode) === '户主');
      const children = members.filter((r) => relationOf(r.relationCode) === '子' || relationOf(r.relationCode) === '女');
      if (!head || !members.some((r) => relationOf(r.relationCode) === '配偶') || children.length === 0) continue;
      couplesWithChildren++;
      const married = toDay(marriagesOf.get(head.citizenId)!.at(-1)!.registeredOn);
      if (married <= Math.min(...children.map((c) => birthOf(c.citizenId)))) before++;
    }
    expect(couplesWithChildren).toBeGreaterThan(1_000);
    expect(share(before, couplesWithChildren)).toBeGreaterThan(0.9);
  });

  it('give realistic shares by age (2020 census: never married falls, widowhood rises with age; divorce a few per cent)', () => {
    const over15 = aged(15, 200);
    expect(shareWith(aged(0, 19), 'never')).toBe(1);
    expect(shareWith(aged(30, 34), 'never')).toBeGreaterThan(0.1);
    expect(shareWith(aged(30, 34), 'never')).toBeLessThan(0.35);
    expect(shareWith(aged(40, 59), 'married')).toBeGreaterThan(0.8);
    expect(shareWith(over15, 'divorced')).toBeGreaterThan(0.01);
    expect(shareWith(over15, 'divorced')).toBeLessThan(0.06);
    // Widowhood rises with age. Its level past 70 is set by the household planner, which houses most old
    // people with a spouse: lower than the census's (see src/departments/civil/marriages.ts).
    const widowed = [aged(40, 49), aged(60, 69), aged(70, 200)].map((ids) => shareWith(ids, 'widowed'));
    expect(widowed[0]).toBeLessThan(widowed[1]!);
    expect(widowed[1]).toBeLessThan(widowed[2]!);
    expect(widowed[2]).toBeGreaterThan(0.1);
    // Older women are more often widowed than older men.
    const over70 = aged(70, 200);
    const bySex = (sex: string) => shareWith(over70.filter((id) => people.get(id)!.sex === sex), 'widowed');
    expect(bySex('female')).toBeGreaterThan(bySex('male'));
  });

  it('record migrants\' marriages at home (or, since the 2021 pilot, in Guangzhou) and residents\' mostly in Guangzhou', () => {
    const inCity = (code: string) => code.startsWith('4401');
    const migrants = rows.marriage.filter((m) => registrations.get(m.citizenId)!.status === 'non_local');
    const natives = rows.marriage.filter((m) => registrations.get(m.citizenId)!.status !== 'non_local' && m.citizenId.startsWith('4401'));
    for (const m of migrants) if (inCity(m.registeredAreaCode)) expect(m.registeredOn >= '2021-06-01').toBe(true);
    expect(share(natives.filter((m) => inCity(m.registeredAreaCode)).length, natives.length)).toBeGreaterThan(0.9);
  });
});

describe('subsistence allowance (低保) and low-income families', () => {
  const inForce = (list: { status: string; citizenId: string }[]) => new Set(list.filter((c) => c.status === 'granted').map((c) => c.citizenId));

  it('cover a realistic few of the registered population: about 0.4% on 低保, a little more in low-income families', () => {
    const onAllowance = share(inForce(rows.subsistenceAllowance).size, registered.length);
    const lowIncome = share(inForce(rows.lowIncomeFamily).size, registered.length);
    expect(onAllowance).toBeGreaterThan(0.0015);
    expect(onAllowance).toBeLessThan(0.008);
    expect(lowIncome).toBeGreaterThan(onAllowance * 0.6);
    expect(lowIncome).toBeLessThan(0.015);
  });

  it('go only to registered family households, naming the household each member is registered in', () => {
    for (const c of [...rows.subsistenceAllowance, ...rows.lowIncomeFamily]) {
      const registration = registrations.get(c.citizenId)!;
      expect(registration.status).not.toBe('non_local');
      expect(c.householdId).toBe(registration.householdId);
      expect(c.householdId).toMatch(/^F-/);
    }
  });

  it('list every member a case covers, with the household size and one allowance for the household, at most the line per head', () => {
    const cases = new Map<string, Insert<typeof civil.subsistenceAllowance>[]>();
    for (const c of rows.subsistenceAllowance) {
      const key = `${c.householdId} ${c.appliedOn}`;
      cases.set(key, [...(cases.get(key) ?? []), c]);
    }
    for (const members of cases.values()) {
      const [first] = members;
      expect(members).toHaveLength(first!.householdSize);
      for (const m of members) expect(m).toMatchObject({ status: first!.status, since: first!.since, until: first!.until, monthlyAmountFen: first!.monthlyAmountFen });
      if (first!.monthlyAmountFen != null) {
        expect(first!.monthlyAmountFen).toBeGreaterThan(0);
        expect(first!.monthlyAmountFen).toBeLessThanOrEqual(136_800 * first!.householdSize);
      }
    }
  });

  it('keep periods in order, within the lives of the people they cover and never two at once for one household', () => {
    const all = [...rows.subsistenceAllowance, ...rows.lowIncomeFamily].map((c) => ({ ...c, end: c.until ?? (c.status === 'granted' ? REFERENCE_DATE : c.decidedOn ?? c.appliedOn) }));
    for (const c of all) {
      expect(c.appliedOn >= people.get(c.citizenId)!.birthDate).toBe(true);
      expect(c.end <= REFERENCE_DATE).toBe(true);
      if (c.decidedOn) expect(c.decidedOn > c.appliedOn).toBe(true);
      if (c.since) expect(c.since >= c.decidedOn!).toBe(true);
      if (c.until) expect(c.until > c.since!).toBe(true);
    }
    const byPerson = new Map<string, typeof all>();
    for (const c of all) byPerson.set(c.citizenId, [...(byPerson.get(c.citizenId) ?? []), c]);
    for (const [id, list] of byPerson) {
      list.sort((a, b) => a.appliedOn.localeCompare(b.appliedOn));
      for (let i = 1; i < list.length; i++) expect(list[i - 1]!.end < list[i]!.appliedOn, id).toBe(true);
    }
    // Spells in force and ended ones are common; a few applications are refused or, for a month or so, under review.
    const statuses = new Set(all.map((c) => c.status));
    expect(statuses).toContain('granted');
    expect(statuses).toContain('ended');
    expect(statuses).toContain('refused');
    for (const c of all) if (c.status === 'applied') expect([c.decidedOn, c.since, c.appliedOn >= '2026-09-01']).toEqual([null, null, true]);
  });
});

describe('elderly care', () => {
  it('pays the old-age allowance to registered residents from 70, at the rate of their age band', () => {
    const rate = (age: number) => (age >= 100 ? 30_000 : age >= 90 ? 20_000 : age >= 80 ? 10_000 : 3_000);
    const allowances = rows.elderlyCare.filter((c) => c.kind === 'old_age_allowance');
    for (const c of allowances) {
      expect(registrations.get(c.citizenId)!.status).not.toBe('non_local');
      const age = ageOn(birthOf(c.citizenId), toDay(c.since));
      expect(age).toBeGreaterThanOrEqual(70);
      expect(c.monthlyAmountFen).toBe(rate(age));
    }
    const over80 = aged(80, 200).filter((id) => registrations.get(id)!.status !== 'non_local');
    const paidNow = new Set(allowances.filter((c) => c.until == null).map((c) => c.citizenId));
    expect(share(over80.filter((id) => paidNow.has(id)).length, over80.length)).toBeGreaterThan(0.9);
  });

  it('places a few per cent of people over 80 in care homes, and subsidises home care from 60 only', () => {
    const placed = new Set(rows.elderlyCare.filter((c) => c.kind === 'institution_placement').map((c) => c.citizenId));
    const over80 = aged(80, 200);
    expect(share(over80.filter((id) => placed.has(id)).length, over80.length)).toBeGreaterThan(0.01);
    expect(share(over80.filter((id) => placed.has(id)).length, over80.length)).toBeLessThan(0.1);
    for (const c of rows.elderlyCare) {
      expect(ageOn(birthOf(c.citizenId), toDay(c.since))).toBeGreaterThanOrEqual(60);
      expect(c.since <= REFERENCE_DATE && (c.until == null || c.until > c.since)).toBe(true);
    }
  });
});

describe('volunteering and awards', () => {
  it('records hours for a minority in any year: most log a few, a tail logs hundreds, never from before 14', () => {
    const lastYear = rows.volunteerHours.filter((v) => v.year === 2025);
    const adults = aged(18, 200);
    const active = new Set(lastYear.map((v) => v.citizenId));
    expect(share(adults.filter((id) => active.has(id)).length, adults.length)).toBeGreaterThan(0.03);
    expect(share(adults.filter((id) => active.has(id)).length, adults.length)).toBeLessThan(0.15);
    const hours = lastYear.map((v) => v.hours).sort((a, b) => a - b);
    expect(hours[Math.floor(hours.length / 2)]).toBeLessThan(20);
    expect(hours.at(-1)).toBeGreaterThan(100);
    expect(hours.at(-1)).toBeLessThanOrEqual(600);
    for (const v of rows.volunteerHours) {
      expect(v.hours > 0 && Number.isInteger(v.hours * 2)).toBe(true);
      expect(v.year).toBeGreaterThanOrEqual(Math.max(2013, Number(people.get(v.citizenId)!.birthDate.slice(0, 4)) + 14));
      expect(v.year).toBeLessThanOrEqual(2026);
    }
  });

  it('are rare, mostly from a district or city agency, and given from 22 on', () => {
    const holders = new Set(rows.award.map((a) => a.citizenId));
    expect(share(holders.size, aged(22, 200).length)).toBeGreaterThan(0.003);
    expect(share(holders.size, aged(22, 200).length)).toBeLessThan(0.04);
    const count = (level: string) => rows.award.filter((a) => a.level === level).length;
    expect(count('city_agency_or_district')).toBeGreaterThan(count('city'));
    expect(count('city')).toBeGreaterThan(count('national'));
    for (const a of rows.award) {
      expect(ageOn(birthOf(a.citizenId), toDay(a.awardedOn))).toBeGreaterThanOrEqual(22);
      expect(a.awardedOn <= REFERENCE_DATE).toBe(true);
    }
  });
});
