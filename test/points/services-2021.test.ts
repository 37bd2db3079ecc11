import { describe, expect, it } from 'vitest';
import { SERVICES_PEOPLE } from './fixtures/services-2021-people.js';
import { cappedIds, pointsById, registry, servicesAssessment } from './support.js';

describe('services points under services-2021, worked out by hand', () => {
  const ruleSet = registry.ruleSetById('services-2021');

  it('the twelve people between them score on every indicator and reach every cap of the table', () => {
    const scored = new Set(SERVICES_PEOPLE.flatMap((c) => Object.entries(c.expected.indicators).filter(([, p]) => p > 0).map(([id]) => id)));
    expect([...scored].sort()).toEqual(ruleSet.indicators.map((i) => i.id).sort());
    const capped = new Set(SERVICES_PEOPLE.flatMap((c) => c.expected.capped));
    for (const id of ['housing', 'moved-out-of-central-districts', 'high-tech-employer', 'frontline-hard-sector', 'blood-donation', 'volunteering', 'age']) {
      expect(capped, id).toContain(id);
    }
  });

  describe.each(SERVICES_PEOPLE)('$name', ({ asOf, person, expected }) => {
    const assessment = servicesAssessment(person, asOf);

    it('scores each indicator as computed by hand', () => {
      expect(pointsById(assessment.indicators)).toEqual(expected.indicators);
      expect(cappedIds(assessment.indicators)).toEqual(expected.capped);
    });

    it('adds basic + bonus − deductions, never below 0', () => {
      expect({ basic: assessment.basic, bonus: assessment.bonus, deductions: assessment.deductions, total: assessment.total }).toEqual({
        basic: expected.basic,
        bonus: expected.bonus,
        deductions: expected.deductions,
        total: expected.total,
      });
    });

    it('unlocks the tiers its points and conditions allow', () => {
      expect(assessment.holdsPoints).toBe(expected.holdsPoints);
      expect(Object.fromEntries(assessment.tiers.map((t) => [t.id, t.unlocked]))).toEqual(expected.unlocked);
    });

    it('names its rule set and is complete', () => {
      expect(assessment).toMatchObject({ ruleSetId: 'services-2021', ruleSetInForce: true, asOf, complete: true, missing: [] });
    });
  });
});
