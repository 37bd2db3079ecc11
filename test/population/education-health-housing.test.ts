import { describe, expect, it } from 'vitest';
import { addYears, ageOn, civil, REFERENCE_DAY, toDay } from '../../src/population/dates.js';
import { generatePopulation } from '../../src/population/generate.js';
import { emptyRows, rowsOf, type PopulationRows } from '../../src/population/population-tables.js';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import * as registry from '../../src/departments/registry/tables.js';
import * as education from '../../src/departments/education/tables.js';
import * as health from '../../src/departments/health/tables.js';
import * as housing from '../../src/departments/housing/tables.js';
import * as hrss from '../../src/departments/hrss/tables.js';

/**
 * Generator corrections of issue 11 in the education, health and housing slices: waiting-list
 * children are not enrolled, a realistic share of 18–22 year-olds study at university, no date is a
 * 1970-01-01 stand-in, blood donations and provident-fund months look like the city's.
 */
const all: PopulationRows = emptyRows();
for (const batch of generatePopulation({ persons: 20_000, seed: 11 })) {
  for (const [table, rows] of Object.entries(batch.rows)) all[table]!.push(...rows);
}
const rows = <T extends Parameters<typeof rowsOf>[1]>(table: T) => rowsOf(all, table);

const persons = new Map(rows(registry.person).map((p) => [p.citizenId, p]));
const registrations = new Map(rows(registry.registration).map((r) => [r.citizenId, r]));
const birthOf = (id: string) => toDay(persons.get(id)!.birthDate);
const ageOf = (id: string) => ageOn(birthOf(id), REFERENCE_DAY);
const isMigrant = (id: string) => registrations.get(id)!.status === 'non_local';
const groupBy = <R extends { citizenId: string }>(list: R[]) => {
  const by = new Map<string, R[]>();
  for (const row of list) by.set(row.citizenId, [...(by.get(row.citizenId) ?? []), row]);
  return by;
};
const monthOf = (day: number) => {
  const [year, month] = civil(day);
  return year * 12 + month - 1;
};
const monthNumber = (text: string) => Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7)) - 1;

describe('schooling', () => {
  const current = groupBy(rows(education.enrolment).filter((e) => e.leftOn == null));

  it('never enrols a migrant child on the waiting list at any stage now; every other placed child is in school', () => {
    const learners = rows(education.learner).filter((l) => l.migrantChildSchooling != null);
    const waiting = learners.filter((l) => l.migrantChildSchooling === 'waiting_list');
    expect(waiting.length).toBeGreaterThan(10);
    expect(waiting.filter((l) => current.has(l.citizenId)).map((l) => l.citizenId)).toEqual([]);
    const placed = learners.filter((l) => l.migrantChildSchooling !== 'waiting_list');
    expect(placed.filter((l) => (current.get(l.citizenId) ?? []).length !== 1).map((l) => l.citizenId)).toEqual([]);
    for (const l of placed) expect(current.get(l.citizenId)![0]!.stage).not.toBe('kindergarten');
  });

  it('has about half of the residents aged 18–22 in full-time higher education, who do not work', () => {
    const cohort = [...persons.keys()].filter((id) => ageOf(id) >= 18 && ageOf(id) <= 22);
    const inHigherEducation = (id: string) => (current.get(id) ?? []).some((e) => e.stage === 'higher_education');
    const students = cohort.filter(inHigherEducation);
    // Guangdong's gross enrolment ratio is 50–60%, the net share lower, Guangzhou's raised by its universities.
    expect(students.length / cohort.length).toBeGreaterThan(0.4);
    expect(students.length / cohort.length).toBeLessThan(0.6);
    const share = (migrant: boolean) => {
      const group = cohort.filter((id) => isMigrant(id) === migrant);
      return group.filter(inHigherEducation).length / group.length;
    };
    expect(share(false)).toBeGreaterThan(share(true));
    expect(share(true)).toBeGreaterThan(0.25);
    const working = new Set(rows(hrss.employment).filter((e) => e.until == null).map((e) => e.citizenId));
    expect(students.filter((id) => working.has(id))).toEqual([]);
    // Nobody older is a student (the enrolments cap grades at 4 years of study).
    expect([...current.keys()].filter((id) => ageOf(id) > 23 && inHigherEducation(id))).toEqual([]);
  });

  it('names a university for a bachelor and a vocational college for an associate degree', () => {
    const levels = new Map(rows(education.learner).map((l) => [l.citizenId, l.highestLevel]));
    const higher = rows(education.enrolment).filter((e) => e.stage === 'higher_education');
    for (const enrolment of higher) expect(enrolment.schoolName).toMatch(/(大学|学院)$/);
    const graduates = higher.filter((e) => e.leftOn != null);
    expect(graduates.length).toBeGreaterThan(20);
    for (const graduate of graduates) {
      const level = levels.get(graduate.citizenId);
      expect(['bachelor', 'associate']).toContain(level);
      expect(/职业/.test(graduate.schoolName), `${level} at ${graduate.schoolName}`).toBe(level === 'associate');
    }
    expect(new Set(higher.map((e) => e.schoolName)).size).toBeGreaterThan(15);
  });
});

describe('dates', () => {
  const mine = SUBGRAPHS.filter((m) => ['education', 'health', 'housing'].includes(m.name));

  it('are never 1970-01-01 in the education, health and housing rows, except on a birthday that is that day', () => {
    const names = mine.flatMap((m) => Object.keys(m.demoData!.tables));
    expect(names).toEqual(expect.arrayContaining(['learner', 'enrolment', 'bloodDonation', 'dwelling', 'providentFundContribution']));
    const epoch: string[] = [];
    let dates = 0;
    for (const name of names) {
      for (const row of all[name]!) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) continue;
          dates += 1;
          if (value === '1970-01-01' && persons.get(row.citizenId as string)!.birthDate !== value) epoch.push(`${name}.${column} of ${row.citizenId as string}`);
        }
      }
    }
    expect(dates).toBeGreaterThan(100_000);
    expect(epoch).toEqual([]);
  });

  it('go back before 1970 where the facts do: homes of people who lived here before then', () => {
    expect(rows(housing.dwelling).some((d) => d.since < '1970-01-01')).toBe(true);
  });
});

describe('blood donations', () => {
  const donations = rows(health.bloodDonation);
  const byDonor = groupBy(donations);

  it('come from about 1–2% of the adults of donating age in a year, some of them repeat donors', () => {
    const yearAgo = addYears(REFERENCE_DAY, -1);
    const lastYear = new Set(donations.filter((d) => toDay(d.donatedOn) > yearAgo).map((d) => d.citizenId));
    const adults = [...persons.keys()].filter((id) => ageOf(id) >= 18 && ageOf(id) <= 55).length;
    expect(lastYear.size / adults).toBeGreaterThan(0.01);
    expect(lastYear.size / adults).toBeLessThan(0.02);
    const repeat = [...lastYear].filter((id) => byDonor.get(id)!.length > 1).length;
    expect(repeat / lastYear.size).toBeGreaterThan(0.15);
    expect(Math.max(...[...byDonor.values()].map((d) => d.length))).toBeGreaterThanOrEqual(5);
  });

  it('are given at 18 or older (over 55 only by repeat donors, to 60), in the city, by the reference date, six months apart', () => {
    const problems: string[] = [];
    const records = new Set(rows(health.healthRecord).map((r) => r.citizenId));
    const diagnosed = new Set(rows(health.condition).map((c) => c.citizenId));
    for (const [id, list] of byDonor) {
      if (!records.has(id)) problems.push(`${id} has no health record`);
      if (diagnosed.has(id)) problems.push(`${id} has a chronic condition`);
      const days = list.map((d) => toDay(d.donatedOn)).sort((a, b) => a - b);
      days.forEach((day, i) => {
        const age = ageOn(birthOf(id), day);
        if (age < 18) problems.push(`${id} gave at ${age}`);
        if (age > 60) problems.push(`${id} gave at ${age}`);
        if (age > 55 && i === 0) problems.push(`${id} gave a first time at ${age}`);
        if (day > REFERENCE_DAY) problems.push(`${id} gave after the reference date`);
        if (isMigrant(id) && day < toDay(registrations.get(id)!.registeredSince)) problems.push(`${id} gave before arriving`);
        if (i > 0 && day - days[i - 1]! < 183) problems.push(`${id} gave twice within six months`);
      });
    }
    expect(problems).toEqual([]);
    expect(new Set(donations.map((d) => d.volumeMl))).toEqual(new Set([200, 300, 400]));
  });
});

describe('housing history', () => {
  it('chains each person’s homes: one ends the day before the next begins, the last is current', () => {
    const problems: string[] = [];
    for (const [id, homes] of groupBy(rows(housing.dwelling))) {
      const sorted = [...homes].sort((a, b) => a.since.localeCompare(b.since));
      sorted.forEach((home, i) => {
        const next = sorted[i + 1];
        if (next === undefined) {
          if (home.until != null) problems.push(`${id}: last home has ended`);
        } else if (home.until == null || toDay(home.until) + 1 !== toDay(next.since)) problems.push(`${id}: ${home.until} then ${next.since}`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('shows some people outside the centre who lived in Yuexiu, Haizhu, Liwan or Tianhe before', () => {
    const central = new Set(['440103', '440104', '440105', '440106']);
    const homes = groupBy(rows(housing.dwelling));
    const outside = [...homes.values()].filter((list) => !central.has(list.find((d) => d.until == null)!.districtCode));
    const movedOut = outside.filter((list) => list.some((d) => d.until != null && central.has(d.districtCode)));
    expect(movedOut.length / outside.length).toBeGreaterThan(0.03);
    expect(movedOut.length / outside.length).toBeLessThan(0.25);
  });

  it('keeps provident-fund months as runs within the person’s jobs, one open run exactly for a contributing account', () => {
    const runs = groupBy(rows(housing.providentFundContribution));
    const jobs = groupBy(rows(hrss.employment));
    const accounts = rows(housing.providentFund);
    expect(new Set(runs.keys())).toEqual(new Set(accounts.map((a) => a.citizenId)));
    const problems: string[] = [];
    for (const account of accounts) {
      const list = [...runs.get(account.citizenId)!].sort((a, b) => a.fromMonth.localeCompare(b.fromMonth));
      const open = list.filter((r) => r.toMonth == null);
      if (open.length !== (account.status === 'contributing' ? 1 : 0)) problems.push(`${account.citizenId}: ${open.length} open runs, ${account.status}`);
      if (monthNumber(list[0]!.fromMonth) < monthOf(toDay(account.openedOn))) problems.push(`${account.citizenId}: paid before the account opened`);
      list.forEach((run, i) => {
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(run.fromMonth)) problems.push(`${account.citizenId}: month ${run.fromMonth}`);
        const from = monthNumber(run.fromMonth);
        const to = run.toMonth == null ? monthOf(REFERENCE_DAY) : monthNumber(run.toMonth);
        if (to < from) problems.push(`${account.citizenId}: ${run.fromMonth}–${run.toMonth}`);
        if (from < 1994 * 12 + 6) problems.push(`${account.citizenId}: paid before the fund existed`);
        if (i > 0 && from <= monthNumber(list[i - 1]!.toMonth!) + 1) problems.push(`${account.citizenId}: runs touch or overlap`);
        // A run may span two jobs with less than a month between them; each of its months is in one.
        const spans = (jobs.get(account.citizenId) ?? []).map((job) => [monthOf(toDay(job.since)), job.until == null ? monthOf(REFERENCE_DAY) : monthOf(toDay(job.until))]);
        for (let month = from; month <= to; month++) {
          if (!spans.some(([since, until]) => since! <= month && month <= until!)) problems.push(`${account.citizenId}: ${run.fromMonth}–${run.toMonth} outside any job`);
        }
      });
    }
    expect(problems).toEqual([]);
    expect([...runs.values()].some((list) => list.length > 1)).toBe(true);
  });
});
