/**
 * A department that could not answer is not a department that found nothing: the assessment names
 * what is missing and leaves undecided what depends on it (fail closed), unless what did answer
 * already decides "no".
 */
import { describe, expect, it } from 'vitest';
import { SERVICES_PEOPLE } from './fixtures/services-2021-people.js';
import { SETTLEMENT_PEOPLE } from './fixtures/settlement-people.js';
import { servicesAssessment, settlementAssessment } from './support.js';

const services = (name: string) => SERVICES_PEOPLE.find((c) => c.name === name)!;
const settlement = (name: string) => SETTLEMENT_PEOPLE.find((c) => c.name === name)!;
const unlocked = (tiers: { id: string; unlocked: boolean | null }[]) => Object.fromEntries(tiers.map((t) => [t.id, t.unlocked]));

describe('services points with a department missing', () => {
  it('health silent: the total and every tier are unknown, and health is named', () => {
    const { person, asOf } = services('Chen Wei');
    const assessment = servicesAssessment(person, asOf, ['health']);
    expect(assessment).toMatchObject({
      complete: false,
      missing: [{ kind: 'indicator', id: 'blood-donation', department: 'health' }],
      missingDepartments: ['health'],
      total: null,
      basic: 211,
      bonus: 20,
      holdsPoints: true,
    });
    expect(new Set(assessment.tiers.map((t) => t.unlocked))).toEqual(new Set([null]));
    expect(assessment.explanation.join(' ')).toContain('not answered: indicator blood-donation (health)');
  });

  it('only a deduction missing: school admission, which ignores deductions, is still decided', () => {
    const { person, asOf } = services('Chen Wei');
    const assessment = servicesAssessment(person, asOf, ['development-reform']);
    expect(assessment.total).toBeNull();
    expect(assessment.missingDepartments).toEqual(['development-reform']);
    const schoolAdmission = assessment.tiers.find((t) => t.id === 'school-admission')!;
    expect(schoolAdmission).toMatchObject({ points: 231, unlocked: true });
    expect(assessment.tiers.filter((t) => t.deductionsApply).every((t) => t.unlocked === null && t.points === null)).toBe(true);
  });

  it('public security silent: age, penalties and the criminal condition are missing; housing security is undecided', () => {
    const { person, asOf } = services('Xu Ming');
    const assessment = servicesAssessment(person, asOf, ['public-security']);
    expect(assessment.missing.map((m) => m.id).sort()).toEqual(['age', 'no-recent-criminal-punishment', 'public-security-penalty']);
    expect(assessment.tiers.find((t) => t.id === 'housing-security')!.unlocked).toBeNull();
  });

  it('a known unmet condition still decides "locked" while another department is silent', () => {
    const { person, asOf } = services('Liu Yang');
    const assessment = servicesAssessment(person, asOf, ['health']);
    expect(assessment.total).toBeNull();
    expect(assessment.holdsPoints).toBe(false);
    expect(new Set(Object.values(unlocked(assessment.tiers)))).toEqual(new Set([false]));
  });

  it('migrant services silent: holding points at all cannot be decided', () => {
    const { person, asOf } = services('Zhao Lei');
    const assessment = servicesAssessment(person, asOf, ['migrant-services']);
    expect(assessment.holdsPoints).toBeNull();
    expect(new Set(Object.values(unlocked(assessment.tiers)))).toEqual(new Set([null]));
  });
});

describe('settlement with a department missing', () => {
  it('hrss silent: eligibility is unknown (null), never true and never a quiet false', () => {
    const { person, asOf } = settlement('Deng Qiang');
    const assessment = settlementAssessment(person, asOf, ['hrss']);
    expect(assessment).toMatchObject({ points: null, thresholdReached: null, conditionsMet: null, eligible: null, missingDepartments: ['hrss'] });
    expect(assessment.missing.map((m) => `${m.kind} ${m.id}`).sort()).toEqual([
      'condition employed-in-guangzhou',
      'condition social-insurance-years',
      'indicator needed-occupation',
      'indicator technical-ability',
    ]);
    expect(assessment.explanation).toContain('eligibility cannot be decided until every department has answered');
  });

  it('tax silent: 160 known points are not enough to say eligible', () => {
    const { person, asOf } = settlement('Feng Yu');
    const assessment = settlementAssessment(person, asOf, ['tax']);
    expect(assessment.basic + assessment.bonus).toBe(160);
    expect(assessment).toMatchObject({ points: null, conditionsMet: true, eligible: null });
  });

  it('a condition known to fail decides "not eligible" even with points missing', () => {
    const { person, asOf } = settlement('Tang Li');
    expect(settlementAssessment(person, asOf, ['health'])).toMatchObject({ points: null, conditionsMet: false, eligible: false });
  });

  it('points known to fall short decide "not eligible" even with a condition missing', () => {
    const { person, asOf } = settlement('Lu Chen');
    expect(settlementAssessment(person, asOf, ['public-security'])).toMatchObject({ points: 58, conditionsMet: null, eligible: false });
  });

  it('a ranking key whose department is silent is null', () => {
    const { person, asOf } = settlement('Du Juan');
    expect(settlementAssessment(person, asOf, ['migrant-services']).ranking).toEqual([
      { key: 'basic-points', value: 120 },
      { key: 'medical-insurance-months', value: 48 },
      { key: 'residence-permit-months', value: null },
    ]);
  });
});
