/**
 * Every basic condition of every settlement rule set at its boundary. The as-of date is 1 July of
 * year Y in each rule set's period, so a boundary is a date written from Y by hand:
 *   - age: born (Y−45)-07-01 is exactly 45; born (Y−45)-06-30 is 45 years and 1 day — still 45 in
 *     completed years, so "age ≤ 45" holds until the 46th birthday, born (Y−46)-07-01;
 *   - insurance: from (Y−4)-07, the months (Y−4)-07 … Y-06 are exactly 48; from (Y−4)-08 they are 47;
 *   - permit: valid through its last day Y-07-01; lapsed if the last day was Y-06-30; cancelled on Y-07-01;
 *   - criminal punishment: completed (Y−5)-07-01 is exactly 5 years back (outside the last 5 years);
 *     completed (Y−5)-07-02 is one day less (inside);
 *   - employment: its last day on Y-07-01 still counts, on Y-06-30 it does not.
 * The base person meets every condition and scores 160 (bachelor 60 + intermediate title 60 +
 * catalogue occupation 20 + tax 3 × ¥40,000 = ¥120,000 → 20), above every threshold, so eligibility
 * turns on the one condition each case changes.
 */
import { describe, expect, it } from 'vitest';
import type { HrssPointsFacts } from '../../src/domain/points/index.js';
import { allFivePaidFrom, facts, metById, settlementAssessment, type PersonFacts } from './support.js';

function basePerson(Y: number): PersonFacts {
  return facts(`${Y - 30}-01-01`, {
    'migrant-services': { residencePermits: [{ issuedOn: `${Y - 5}-07-01`, validUntil: `${Y + 1}-06-30`, cancelledOn: null }] },
    hrss: {
      insuranceContributions: allFivePaidFrom(`${Y - 4}-07`),
      employments: [{ since: `${Y - 5}-07-01`, until: null, highTechOrRnd: false, neededOccupation: true, frontlineHardSector: null }],
      qualifications: [{ kind: 'professional-title', level: 'intermediate', awardedOn: `${Y - 6}-01-01`, worksInThatTrade: true }],
    },
    education: { attainments: [{ level: 'bachelor', awardedOn: `${Y - 8}-07-01` }] },
    tax: { annualReturns: [Y - 3, Y - 2, Y - 1].map((taxYear) => ({ taxYear, taxPaidFen: 4_000_000 })), evasionFindings: [] },
  });
}

const withBirth = (person: PersonFacts, birthDate: string): PersonFacts => ({ ...person, 'public-security': { ...person['public-security'], birthDate } });
const withHrss = (person: PersonFacts, hrss: Partial<HrssPointsFacts>): PersonFacts => ({ ...person, hrss: { ...person.hrss, ...hrss } });

interface Boundary {
  what: string;
  condition: string;
  change: (person: PersonFacts, Y: number) => PersonFacts;
  met: boolean;
}

const BOUNDARIES: Boundary[] = [
  { what: 'age exactly 45', condition: 'age-range', met: true, change: (p, Y) => withBirth(p, `${Y - 45}-07-01`) },
  { what: 'age 45 years and 1 day (still 45)', condition: 'age-range', met: true, change: (p, Y) => withBirth(p, `${Y - 45}-06-30`) },
  { what: 'the day before the 46th birthday', condition: 'age-range', met: true, change: (p, Y) => withBirth(p, `${Y - 46}-07-02`) },
  { what: 'the 46th birthday', condition: 'age-range', met: false, change: (p, Y) => withBirth(p, `${Y - 46}-07-01`) },
  { what: 'insurance exactly 4 years', condition: 'social-insurance-years', met: true, change: (p) => p },
  {
    what: 'insurance 4 years less one month',
    condition: 'social-insurance-years',
    met: false,
    change: (p, Y) => withHrss(p, { insuranceContributions: allFivePaidFrom(`${Y - 4}-08`) }),
  },
  {
    what: 'one insurance of the five one month short',
    condition: 'social-insurance-years',
    met: false,
    change: (p, Y) =>
      withHrss(p, {
        insuranceContributions: [
          ...allFivePaidFrom(`${Y - 4}-07`).filter((c) => c.insurance !== 'unemployment'),
          ...allFivePaidFrom(`${Y - 4}-08`).filter((c) => c.insurance === 'unemployment'),
        ],
      }),
  },
  {
    what: '47 months paid here and 1 transferred in',
    condition: 'social-insurance-years',
    met: false,
    change: (p, Y) =>
      withHrss(p, {
        insuranceContributions: [
          ...allFivePaidFrom(`${Y - 4}-08`),
          ...allFivePaidFrom(`${Y - 4}-07`, `${Y - 4}-07`).map((c) => ({ ...c, origin: 'transferred-in' as const })),
        ],
      }),
  },
  {
    what: '47 months paid here and 1 back-paid',
    condition: 'social-insurance-years',
    met: false,
    change: (p, Y) =>
      withHrss(p, {
        insuranceContributions: [
          ...allFivePaidFrom(`${Y - 4}-08`),
          ...allFivePaidFrom(`${Y - 4}-07`, `${Y - 4}-07`).map((c) => ({ ...c, origin: 'back-paid' as const })),
        ],
      }),
  },
  {
    what: 'permit valid through the as-of date',
    condition: 'valid-residence-permit',
    met: true,
    change: (p, Y) => ({ ...p, 'migrant-services': { residencePermits: [{ issuedOn: `${Y - 5}-07-01`, validUntil: `${Y}-07-01`, cancelledOn: null }] } }),
  },
  {
    what: 'permit lapsed the day before',
    condition: 'valid-residence-permit',
    met: false,
    change: (p, Y) => ({ ...p, 'migrant-services': { residencePermits: [{ issuedOn: `${Y - 5}-07-01`, validUntil: `${Y}-06-30`, cancelledOn: null }] } }),
  },
  {
    what: 'permit cancelled on the as-of date',
    condition: 'valid-residence-permit',
    met: false,
    change: (p, Y) => ({ ...p, 'migrant-services': { residencePermits: [{ issuedOn: `${Y - 5}-07-01`, validUntil: `${Y + 1}-06-30`, cancelledOn: `${Y}-07-01` }] } }),
  },
  {
    what: 'permit cancelled the day after',
    condition: 'valid-residence-permit',
    met: true,
    change: (p, Y) => ({ ...p, 'migrant-services': { residencePermits: [{ issuedOn: `${Y - 5}-07-01`, validUntil: `${Y + 1}-06-30`, cancelledOn: `${Y}-07-02` }] } }),
  },
  {
    what: 'criminal punishment completed exactly 5 years ago',
    condition: 'no-recent-criminal-punishment',
    met: true,
    change: (p, Y) => ({ ...p, 'public-security': { ...p['public-security'], criminalPunishments: [{ sentencedOn: `${Y - 7}-01-01`, completedOn: `${Y - 5}-07-01` }] } }),
  },
  {
    what: 'criminal punishment completed 5 years less one day ago',
    condition: 'no-recent-criminal-punishment',
    met: false,
    change: (p, Y) => ({ ...p, 'public-security': { ...p['public-security'], criminalPunishments: [{ sentencedOn: `${Y - 7}-01-01`, completedOn: `${Y - 5}-07-02` }] } }),
  },
  {
    what: 'a long sentence passed 8 years ago and still being served',
    condition: 'no-recent-criminal-punishment',
    met: false,
    change: (p, Y) => ({ ...p, 'public-security': { ...p['public-security'], criminalPunishments: [{ sentencedOn: `${Y - 8}-01-01`, completedOn: null }] } }),
  },
  {
    what: 'employment whose last day is the as-of date',
    condition: 'employed-in-guangzhou',
    met: true,
    change: (p, Y) => withHrss(p, { employments: [{ ...p.hrss.employments[0]!, until: `${Y}-07-01` }] }),
  },
  {
    what: 'employment that ended the day before',
    condition: 'employed-in-guangzhou',
    met: false,
    change: (p, Y) => withHrss(p, { employments: [{ ...p.hrss.employments[0]!, until: `${Y}-06-30` }] }),
  },
];

describe.each([
  { id: 'settlement-2014', Y: 2015, minAge: 20 },
  { id: 'settlement-2016', Y: 2018, minAge: null },
  { id: 'settlement-2020', Y: 2021, minAge: null },
  { id: 'settlement-2023', Y: 2024, minAge: null },
])('basic conditions of $id at their boundaries (as of $Y-07-01)', ({ id, Y, minAge }) => {
  const asOf = `${Y}-07-01`;

  it('the base person meets every condition and is eligible', () => {
    const assessment = settlementAssessment(basePerson(Y), asOf);
    expect(assessment.ruleSetId).toBe(id);
    expect(Object.values(metById(assessment.conditions))).toEqual([true, true, true, true, true]);
    expect(assessment).toMatchObject({ points: 160, eligible: true });
  });

  it.each(BOUNDARIES)('$what → $condition met: $met', ({ condition, change, met }) => {
    const assessment = settlementAssessment(change(basePerson(Y), Y), asOf);
    const results = metById(assessment.conditions);
    expect(results[condition]).toBe(met);
    // Only the condition under test moved; eligibility follows it.
    expect(Object.entries(results).filter(([other]) => other !== condition).every(([, ok]) => ok)).toBe(true);
    expect(assessment.eligible).toBe(met);
  });

  // 2014/2015: age 20–45. Later rules set no lower bound (POINTS.md: 2016 age ≤ 45).
  it(`at exactly 20 the age condition is met; at 19 it is ${minAge === null ? 'met too (no lower bound)' : 'not'}`, () => {
    const twenty = settlementAssessment(withBirth(basePerson(Y), `${Y - 20}-07-01`), asOf);
    const nineteen = settlementAssessment(withBirth(basePerson(Y), `${Y - 20}-07-02`), asOf);
    expect(metById(twenty.conditions)['age-range']).toBe(true);
    expect(metById(nineteen.conditions)['age-range']).toBe(minAge === null);
    expect(nineteen.conditions.find((c) => c.condition === 'age-range')?.reason).toContain('age 19');
  });
});
