import { describe, expect, it } from 'vitest';
import { addMonths, addYears, ageOn, REFERENCE_DATE, REFERENCE_DAY, toDay, iso } from '../../../src/population/dates.js';
import { generatePopulation } from '../../../src/population/generate.js';
import { rowsOf, type PopulationRows } from '../../../src/population/population-tables.js';
import { person, registration } from '../../../src/departments/registry/tables.js';
import { permitEndorsement, residencePermit, residenceRegistration } from '../../../src/departments/permits/tables.js';

/** The generated population's permits, checked for the realism the points and the school places depend on. */
function collect(persons: number, seed: number) {
  const batches: PopulationRows[] = [...generatePopulation({ persons, seed })].map((b) => b.rows);
  const all = <T extends Parameters<typeof rowsOf>[1]>(table: T) => batches.flatMap((rows) => rowsOf(rows, table));
  return {
    persons: all(person),
    registrations: all(registration),
    stays: all(residenceRegistration),
    permits: all(residencePermit),
    endorsements: all(permitEndorsement),
  };
}

const rows = collect(20_000, 7);
const people = new Map(rows.persons.map((p) => [p.citizenId, p]));
const registry = new Map(rows.registrations.map((r) => [r.citizenId, r]));
const stays = new Map(rows.stays.map((s) => [s.referenceNo, s]));
const permitsByHolder = new Map<string, typeof rows.permits>();
for (const permit of rows.permits) permitsByHolder.set(permit.citizenId, [...(permitsByHolder.get(permit.citizenId) ?? []), permit]);
const endorsementsByPermit = new Map<string, typeof rows.endorsements>();
for (const e of rows.endorsements) endorsementsByPermit.set(e.permitNo, [...(endorsementsByPermit.get(e.permitNo) ?? []), e]);

const birth = (id: string) => toDay(people.get(id)!.birthDate);
const ageOf = (id: string) => ageOn(birth(id), REFERENCE_DAY);
const isMigrant = (id: string) => registry.get(id)!.status === 'non_local';
const share = (part: number, whole: number) => part / whole;

/** The first day of year `n` of a permit's validity: the (n−1)th anniversary of its issue. */
const yearStarts = (permit: { issuedOn: string }, n: number) => addYears(toDay(permit.issuedOn), n - 1);

/** Last valid day and status on the reference date, from the rows alone. */
function validity(permit: (typeof rows.permits)[number]) {
  const years = new Set((endorsementsByPermit.get(permit.permitNo) ?? []).map((e) => e.validityYear));
  let last = 1;
  while (years.has(last + 1)) last++;
  const validUntil = iso(yearStarts(permit, last + 1) - 1);
  const status =
    permit.cancelledOn != null && permit.cancelledOn <= REFERENCE_DATE ? 'cancelled' : REFERENCE_DATE <= validUntil ? 'valid' : 'lapsed';
  return { validUntil, status };
}
const holdsValid = (id: string) => (permitsByHolder.get(id) ?? []).some((p) => validity(p).status === 'valid');

describe('residence registrations', () => {
  it('exist for migrants only, each with exactly one open stay that is the registry’s residence registration', () => {
    const open = new Map<string, typeof rows.stays>();
    for (const stay of rows.stays) {
      expect(isMigrant(stay.citizenId), stay.citizenId).toBe(true);
      if (stay.endedOn == null) open.set(stay.citizenId, [...(open.get(stay.citizenId) ?? []), stay]);
    }
    const migrants = rows.registrations.filter((r) => r.status === 'non_local');
    expect(migrants.length).toBeGreaterThan(5_000);
    for (const migrant of migrants) {
      const current = open.get(migrant.citizenId);
      expect(current, migrant.citizenId).toHaveLength(1);
      expect(current![0]).toMatchObject({ registeredOn: migrant.registeredSince, districtCode: migrant.districtCode, address: migrant.address });
    }
    for (const permit of rows.permits) expect(isMigrant(permit.citizenId)).toBe(true);
  });

  it('have unique reference numbers, and a closed stay ends before the current one began', () => {
    expect(stays.size).toBe(rows.stays.length);
    for (const stay of rows.stays) {
      expect(stay.referenceNo).toMatch(new RegExp(`^DJ${stay.districtCode}${stay.registeredOn.replaceAll('-', '')}\\d{9}$`));
      if (stay.endedOn == null) continue;
      expect(stay.endedOn > stay.registeredOn).toBe(true);
      expect(stay.endedOn < registry.get(stay.citizenId)!.registeredSince).toBe(true);
      expect(toDay(stay.registeredOn)).toBeGreaterThanOrEqual(addYears(birth(stay.citizenId), 16));
    }
  });
});

describe('residence permits', () => {
  it('have unique numbers of the district, the year of issue and a serial', () => {
    expect(new Set(rows.permits.map((p) => p.permitNo)).size).toBe(rows.permits.length);
    for (const permit of rows.permits) expect(permit.permitNo).toMatch(new RegExp(`^${permit.issuingDistrictCode}${permit.issuedOn.slice(0, 4)}\\d{9}$`));
  });

  it('are issued after half a year of registered residence, from 2010, never before birth or after the reference date', () => {
    for (const permit of rows.permits) {
      const stay = stays.get(permit.registrationNo)!;
      expect(stay.citizenId).toBe(permit.citizenId);
      const issued = toDay(permit.issuedOn);
      expect(issued, permit.permitNo).toBeGreaterThanOrEqual(addMonths(toDay(stay.registeredOn), 6));
      expect(permit.issuedOn >= '2010-01-01').toBe(true);
      expect(issued).toBeGreaterThan(birth(permit.citizenId));
      expect(issued).toBeLessThanOrEqual(REFERENCE_DAY);
      if (stay.endedOn != null) expect(permit.issuedOn < stay.endedOn).toBe(true);
    }
  });

  it('are issued by the district of the registration they rest on, which for the current stay is the person’s district', () => {
    for (const permit of rows.permits) {
      const stay = stays.get(permit.registrationNo)!;
      expect(permit.issuingDistrictCode).toBe(stay.districtCode);
      if (stay.endedOn == null) expect(permit.issuingDistrictCode).toBe(registry.get(permit.citizenId)!.districtCode);
    }
  });

  it('are applied for by a guardian exactly when the holder was under 16 at issue (居住证暂行条例 Art. 9)', () => {
    let guardians = 0;
    for (const permit of rows.permits) {
      const under16 = ageOn(birth(permit.citizenId), toDay(permit.issuedOn)) < 16;
      expect(permit.appliedByGuardian, permit.permitNo).toBe(under16);
      if (under16) guardians++;
    }
    expect(guardians).toBeGreaterThan(50);
  });

  it('are endorsed yearly, within the month before each year ends, each endorsement extending by the next year', () => {
    for (const permit of rows.permits) {
      const own = (endorsementsByPermit.get(permit.permitNo) ?? []).sort((a, b) => a.validityYear - b.validityYear);
      own.forEach((e, i) => {
        expect(e.citizenId).toBe(permit.citizenId);
        // Year after year from the second, none skipped.
        expect(e.validityYear, permit.permitNo).toBe(i + 2);
        const starts = yearStarts(permit, e.validityYear);
        expect(toDay(e.endorsedOn)).toBeLessThan(starts);
        expect(starts - toDay(e.endorsedOn)).toBeLessThanOrEqual(30);
        expect(e.endorsedOn <= REFERENCE_DATE).toBe(true);
        if (permit.cancelledOn != null) expect(e.endorsedOn < permit.cancelledOn).toBe(true);
      });
    }
    expect(rows.endorsements.length).toBeGreaterThan(2 * rows.permits.length);
  });

  it('are valid at most a year and a month ahead: endorsed one year at a time, never more than a month early', () => {
    let valid = 0;
    for (const permit of rows.permits) {
      const { validUntil, status } = validity(permit);
      if (status !== 'valid') continue;
      valid++;
      expect(toDay(validUntil) - REFERENCE_DAY, permit.permitNo).toBeLessThanOrEqual(366 + 30);
    }
    expect(valid).toBeGreaterThan(1_000);
  });

  it('are cancelled only on leaving the city, the day the stay’s registration closed', () => {
    const cancelled = rows.permits.filter((p) => p.cancelledOn != null);
    expect(cancelled.length).toBeGreaterThan(0);
    for (const permit of cancelled) {
      expect(permit.cancellationReason).toBe('left_city');
      expect(permit.cancelledOn).toBe(stays.get(permit.registrationNo)!.endedOn);
      expect(permit.cancelledOn! <= validity(permit).validUntil).toBe(true);
    }
    for (const permit of rows.permits) if (permit.cancelledOn == null) expect(permit.cancellationReason).toBeNull();
  });

  it('keep renewals as history: a renewal follows its own holder’s lapsed permit, each permit renewed at most once', () => {
    const byNo = new Map(rows.permits.map((p) => [p.permitNo, p]));
    const renewed = new Set<string>();
    const renewals = rows.permits.filter((p) => p.renewsPermitNo != null);
    for (const renewal of renewals) {
      const lapsed = byNo.get(renewal.renewsPermitNo!)!;
      expect(lapsed.citizenId).toBe(renewal.citizenId);
      expect(lapsed.registrationNo).toBe(renewal.registrationNo);
      expect(lapsed.cancelledOn).toBeNull();
      expect(validity(lapsed).status).toBe('lapsed');
      expect(validity(lapsed).validUntil < renewal.issuedOn).toBe(true);
      expect(renewed.has(lapsed.permitNo)).toBe(false);
      renewed.add(lapsed.permitNo);
    }
    expect(share(renewals.length, rows.permits.length)).toBeGreaterThan(0.05);
  });

  it('never overlap for one person: each permit is one unbroken period, the next issued after the last ended', () => {
    for (const [, permits] of permitsByHolder) {
      const sorted = [...permits].sort((a, b) => a.issuedOn.localeCompare(b.issuedOn));
      for (let i = 1; i < sorted.length; i++) {
        const before = sorted[i - 1]!;
        const ended = before.cancelledOn ?? validity(before).validUntil;
        expect(ended < sorted[i]!.issuedOn, `${before.permitNo} then ${sorted[i]!.permitNo}`).toBe(true);
      }
    }
  });
});

describe('who holds a permit', () => {
  const migrants = rows.registrations.filter((r) => r.status === 'non_local');
  const settled = (id: string) => addMonths(toDay(registry.get(id)!.registeredSince), 6) <= REFERENCE_DAY;

  it('most working-age migrants registered for half a year hold a valid permit; a few more once held one', () => {
    const workingAge = migrants.filter((m) => ageOf(m.citizenId) >= 16 && ageOf(m.citizenId) < 60 && settled(m.citizenId));
    const valid = share(workingAge.filter((m) => holdsValid(m.citizenId)).length, workingAge.length);
    const ever = share(workingAge.filter((m) => permitsByHolder.has(m.citizenId)).length, workingAge.length);
    expect(valid).toBeGreaterThan(0.6);
    expect(valid).toBeLessThan(0.85);
    expect(ever).toBeGreaterThan(valid + 0.03);
    expect(ever).toBeLessThan(0.95);
  });

  it('nobody holds a permit on a registration less than half a year old', () => {
    for (const migrant of migrants.filter((m) => !settled(m.citizenId))) {
      const onCurrent = (permitsByHolder.get(migrant.citizenId) ?? []).filter((p) => stays.get(p.registrationNo)!.endedOn == null);
      expect(onCurrent).toEqual([]);
    }
  });

  it('some children under 16 hold one, on a guardian’s application', () => {
    const children = migrants.filter((m) => ageOf(m.citizenId) < 16);
    const holding = children.filter((m) => permitsByHolder.has(m.citizenId));
    expect(share(holding.length, children.length)).toBeGreaterThan(0.1);
    expect(share(holding.length, children.length)).toBeLessThan(0.45);
    for (const child of holding) expect(permitsByHolder.get(child.citizenId)!.every((p) => p.appliedByGuardian)).toBe(true);
  });

  it('some holders have let theirs lapse, a few had one cancelled on leaving', () => {
    const holders = [...permitsByHolder.keys()];
    const lapsedNow = holders.filter((id) => !holdsValid(id) && validity(permitsByHolder.get(id)!.at(-1)!).status === 'lapsed');
    expect(share(lapsedNow.length, holders.length)).toBeGreaterThan(0.05);
    expect(share(lapsedNow.length, holders.length)).toBeLessThan(0.25);
    const cancelled = new Set(rows.permits.filter((p) => p.cancelledOn != null).map((p) => p.citizenId));
    expect(share(cancelled.size, migrants.length)).toBeGreaterThan(0.005);
    expect(share(cancelled.size, migrants.length)).toBeLessThan(0.06);
  });

  it('have held their current permit from under a year to over a decade, the points counting every year', () => {
    const years = new Map<number, number>();
    for (const [, permits] of permitsByHolder) {
      const latest = permits.reduce((a, b) => (a.issuedOn > b.issuedOn ? a : b));
      if (validity(latest).status !== 'valid') continue;
      const held = ageOn(toDay(latest.issuedOn), REFERENCE_DAY);
      years.set(held, (years.get(held) ?? 0) + 1);
    }
    for (let held = 0; held <= 12; held++) expect(years.get(held) ?? 0, `${held} years`).toBeGreaterThan(20);
    const total = [...years.values()].reduce((a, b) => a + b, 0);
    const decade = [...years].filter(([held]) => held >= 10).reduce((sum, [, n]) => sum + n, 0);
    expect(share(decade, total)).toBeGreaterThan(0.05);
    expect(share(years.get(0)!, total)).toBeLessThan(0.4);
    // Guangdong's residence permit dates from 1 January 2010.
    expect(Math.max(...years.keys())).toBeLessThanOrEqual(16);
  });
});
