/** POINTS.md: values marked U stay configurable and are flagged in every answer that used them. */
import { describe, expect, it } from 'vitest';
import { SERVICES_PEOPLE } from './fixtures/services-2021-people.js';
import { SETTLEMENT_PEOPLE } from './fixtures/settlement-people.js';
import { servicesAssessment, settlementAssessment, type PersonFacts } from './support.js';

const named = <T extends { name: string }>(cases: T[], name: string): T => cases.find((c) => c.name === name)!;
const items = (unverified: { item: string }[]) => unverified.map((u) => u.item);

describe('an answer lists the unverified values it used', () => {
  it('a master degree scored as a bachelor and the tax bands are flagged; tier thresholds too', () => {
    const { person, asOf } = named(SERVICES_PEOPLE, 'Wang Fang');
    const assessment = servicesAssessment(person, asOf);
    const education = assessment.indicators.find((r) => r.indicator === 'education')!;
    expect(education).toMatchObject({ value: 'master', points: 30, confidence: 'U' });
    expect(education.note).toContain('a master degree is scored as a bachelor');
    expect(items(assessment.unverified)).toEqual([
      'indicator education',
      'indicator income-tax',
      ...['public-culture', 'employment-services', 'family-planning', 'basic-medical-care', 'social-assistance', 'school-admission', 'housing-security'].map(
        (tier) => `tier ${tier} threshold`,
      ),
    ]);
  });

  it('a verified value that gives the same points is preferred: bachelor [B] over master [U]', () => {
    const { person, asOf } = named(SERVICES_PEOPLE, 'Wang Fang');
    const both: PersonFacts = {
      ...person,
      education: { attainments: [{ level: 'master', awardedOn: '2020-06-30' }, { level: 'bachelor', awardedOn: '2017-06-30' }] },
    };
    const education = servicesAssessment(both, asOf).indicators.find((r) => r.indicator === 'education')!;
    expect(education).toMatchObject({ value: 'bachelor', points: 30, confidence: 'B' });
  });

  it('an indicator read in one of several ways carries the reading as its note, without being flagged', () => {
    const { person, asOf } = named(SERVICES_PEOPLE, 'Zhang Hua');
    const assessment = servicesAssessment(person, asOf);
    const frontline = assessment.indicators.find((r) => r.indicator === 'frontline-hard-sector')!;
    expect(frontline).toMatchObject({ confidence: 'B' });
    expect(frontline.note).toContain('the yearly part is capped at 20');
    expect(items(assessment.unverified)).not.toContain('indicator frontline-hard-sector');
  });

  it('under 2016 rules the carried-over table, conditions and validity are flagged; the age limit and threshold [A] are not', () => {
    const { person, asOf } = named(SETTLEMENT_PEOPLE, 'Ye Ping');
    const assessment = settlementAssessment(person, asOf);
    expect(items(assessment.unverified)).toEqual([
      'validity of settlement-2016',
      'condition employed-in-guangzhou',
      'condition valid-residence-permit',
      'condition social-insurance-years',
      'condition no-recent-criminal-punishment',
      'indicator education',
      'indicator technical-ability',
      'indicator needed-occupation',
      'indicator blood-donation',
      'indicator volunteering',
      'indicator income-tax',
    ]);
    expect(assessment.unverified.find((u) => u.item === 'indicator education')!.note).toContain('the 2014/2015 table [A] is reused');
  });

  it('under the 2014/2015 rules a bachelor [A] is not flagged, but the assumed conditions are', () => {
    const { person, asOf } = named(SETTLEMENT_PEOPLE, 'Feng Yu');
    const flagged = items(settlementAssessment(person, asOf).unverified);
    expect(flagged).not.toContain('indicator education');
    expect(flagged).toContain('indicator volunteering');
    expect(flagged).toContain('condition employed-in-guangzhou');
    expect(flagged).not.toContain('condition age-range');
  });
});
