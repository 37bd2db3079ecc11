import { describe, expect, it } from 'vitest';
import { addYears, iso, REFERENCE_DATE, toDay } from '../../../src/population/dates.js';
import { generatePopulation, type PopulationOptions } from '../../../src/population/generate.js';
import type { poorCreditRecord } from '../../../src/departments/credit/tables.js';
import type { person } from '../../../src/departments/registry/tables.js';

type Record = typeof poorCreditRecord.$inferInsert;
type Person = typeof person.$inferInsert;

function generate(options: PopulationOptions): { records: Record[]; people: Person[] } {
  const records: Record[] = [];
  const people: Person[] = [];
  for (const batch of generatePopulation(options)) {
    records.push(...(batch.rows.poorCreditRecord as Record[]));
    people.push(...(batch.rows.person as Person[]));
  }
  return { records, people };
}

const { records, people } = generate({ persons: 30_000, seed: 7 });
const birthOf = new Map(people.map((p) => [p.citizenId, p.birthDate]));
const adults = people.filter((p) => addYears(toDay(p.birthDate), 18) <= toDay(REFERENCE_DATE)).length;
const perHolder = new Map<string, number>();
for (const r of records) perHolder.set(r.citizenId, (perHolder.get(r.citizenId) ?? 0) + 1);

describe('demo poor-credit records', () => {
  it('are about well under 1% of adults, a few of them with more than one record', () => {
    expect(records.length).toBeGreaterThan(0);
    const holders = perHolder.size / adults;
    expect(holders).toBeGreaterThan(0.002);
    expect(holders).toBeLessThan(0.008);
    const several = [...perHolder.values()].filter((n) => n > 1).length / perHolder.size;
    expect(several).toBeGreaterThan(0.05);
    expect(several).toBeLessThan(0.4);
  });

  it('are mostly court listings of judgment debtors, each kind present, each by a named agency', () => {
    const byKind = new Map<string, number>();
    for (const r of records) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
    expect([...byKind.keys()].sort()).toEqual(['agency_serious_dishonesty', 'dishonest_judgment_debtor', 'wage_arrears_defaulter']);
    expect(byKind.get('dishonest_judgment_debtor')! / records.length).toBeGreaterThan(0.7);
    for (const r of records) {
      if (r.kind === 'dishonest_judgment_debtor') expect(r.listedBy).toMatch(/法院$/);
      else expect(r.listedBy).toMatch(/^广州市.+局$/);
    }
  });

  it('are partly removed, never before they were recorded nor after the reference day', () => {
    const removed = records.filter((r) => r.removedOn != null);
    expect(removed.length / records.length).toBeGreaterThan(0.2);
    expect(removed.length / records.length).toBeLessThan(0.75);
    for (const r of removed) {
      expect(r.removedOn! >= r.recordedOn, r.recordNo).toBe(true);
      expect(r.removedOn! <= REFERENCE_DATE, r.recordNo).toBe(true);
    }
  });

  it('are recorded between the person\'s 18th birthday and the reference day, under unique numbers', () => {
    for (const r of records) {
      const birth = birthOf.get(r.citizenId);
      expect(birth, `${r.recordNo} is about someone in the population`).toBeDefined();
      expect(r.recordedOn >= iso(addYears(toDay(birth!), 18)), r.recordNo).toBe(true);
      expect(r.recordedOn <= REFERENCE_DATE, r.recordNo).toBe(true);
      // No court published such a list before the Supreme People's Court's rules of October 2013.
      expect(r.recordedOn >= '2013-10-01', r.recordNo).toBe(true);
    }
    expect(new Set(records.map((r) => r.recordNo)).size).toBe(records.length);
  });

  it('are the same rows for the same seed and other rows for another', () => {
    const small = generate({ persons: 5_000, seed: 7 }).records;
    expect(small.length).toBeGreaterThan(0);
    expect(generate({ persons: 5_000, seed: 7 }).records).toEqual(small);
    expect(generate({ persons: 5_000, seed: 8 }).records).not.toEqual(small);
  });
});
