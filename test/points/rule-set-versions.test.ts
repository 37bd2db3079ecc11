import { describe, expect, it } from 'vitest';
import { assessPoints, assessSettlement, NoRuleSetInForceError, type ServicesRuleSet, type SettlementRuleSet } from '../../src/domain/points/index.js';
import { LIN_HAI, QIU_YAN } from './fixtures/settlement-people.js';
import { SERVICES_PEOPLE } from './fixtures/services-2021-people.js';
import { ask, metById, registry, settlementAssessment } from './support.js';

describe('a change of rule set changes the answer for the same facts', () => {
  it('Lin Hai scores 80 both times: eligible under 2016 (threshold 60), not under 2020 (threshold 100)', () => {
    const in2019 = settlementAssessment(LIN_HAI, '2019-07-01');
    const in2021 = settlementAssessment(LIN_HAI, '2021-07-01');
    expect(in2019).toMatchObject({ ruleSetId: 'settlement-2016', points: 80, threshold: 60, conditionsMet: true, eligible: true });
    expect(in2021).toMatchObject({ ruleSetId: 'settlement-2020', points: 80, threshold: 100, conditionsMet: true, eligible: false });
    // Each department's answer names the rule set it was computed with.
    expect(new Set(in2019.indicators.map((r) => r.ruleSetId))).toEqual(new Set(['settlement-2016']));
    expect(new Set(in2021.indicators.map((r) => r.ruleSetId))).toEqual(new Set(['settlement-2020']));
    expect(in2019.ruleSetTitle).toContain('2016');
    expect(in2021.ruleSetTitle).toContain('2020');
  });

  it('Qiu Yan, 19, fails the 2014/2015 lower age bound but meets the 2016 rule, and each reason quotes its own rule', () => {
    const under2014 = settlementAssessment(QIU_YAN, '2015-12-01');
    const under2016 = settlementAssessment(QIU_YAN, '2016-02-01');
    expect(under2014.ruleSetId).toBe('settlement-2014');
    expect(under2016.ruleSetId).toBe('settlement-2016');
    expect(metById(under2014.conditions)['age-range']).toBe(false);
    expect(metById(under2016.conditions)['age-range']).toBe(true);
    const ageRule = (conditions: typeof under2014.conditions) => conditions.find((c) => c.condition === 'age-range')!;
    expect(ageRule(under2014.conditions).rule.en).toBe('Aged 20 to 45.');
    expect(ageRule(under2016.conditions).rule.en).toBe('Aged 45 or under.');
    expect(under2014.eligible).toBe(false);
  });
});

describe('which rule set answers a date', () => {
  it.each([
    ['settlement', '2014-01-01', 'settlement-2014'],
    ['settlement', '2015-12-31', 'settlement-2014'],
    ['settlement', '2016-01-01', 'settlement-2016'],
    ['settlement', '2019-12-31', 'settlement-2016'],
    ['settlement', '2020-01-01', 'settlement-2020'],
    ['settlement', '2022-12-31', 'settlement-2020'],
    ['settlement', '2023-01-01', 'settlement-2023'],
    ['settlement', '2040-01-01', 'settlement-2023'],
    ['services', '2021-11-16', 'services-2021'],
    ['services', '2026-11-15', 'services-2021'],
  ] as const)('a %s question about %s is answered by %s (validTo is exclusive)', (kind, asOf, id) => {
    expect(registry.ruleSetInForce(kind, asOf).id).toBe(id);
  });

  it('a past date uses the rule set in force then, not the current one', () => {
    const assessment = settlementAssessment(LIN_HAI, '2015-07-01');
    expect(assessment.ruleSetId).toBe('settlement-2014');
    expect(assessment.threshold).toBe(60);
  });

  it.each([
    ['services', '2021-11-15', 'no services rule set is in force on 2021-11-15; the next is services-2021 (2021-11-16 to 2026-11-16)'],
    ['services', '2026-11-16', 'no services rule set is in force on 2026-11-16; the last before it is services-2021 (2021-11-16 to 2026-11-16)'],
    ['settlement', '2013-06-30', 'no settlement rule set is in force on 2013-06-30; the next is settlement-2014 (2014-01-01 to 2016-01-01)'],
  ] as const)('a %s question about %s has no rule set: a clear error naming the nearest period', (kind, asOf, message) => {
    expect(() => registry.ruleSetInForce(kind, asOf)).toThrow(NoRuleSetInForceError);
    expect(() => registry.ruleSetInForce(kind, asOf)).toThrow(message);
  });

  it('refuses an as-of date that is not a calendar date', () => {
    expect(() => registry.ruleSetInForce('services', '2024-02-30')).toThrow('asOf must be a calendar date written YYYY-MM-DD');
    expect(() => registry.ruleSetInForce('services', '2024-7-1')).toThrow(RangeError);
  });
});

describe('asking for a rule set by id', () => {
  it('answers with that version and says when it was not in force on the as-of date', () => {
    const old = registry.ruleSetById('settlement-2016') as SettlementRuleSet;
    const { conditions, indicators } = ask(old, LIN_HAI, '2021-07-01');
    const assessment = assessSettlement(old, conditions, indicators, '2021-07-01');
    expect(assessment).toMatchObject({ ruleSetId: 'settlement-2016', ruleSetInForce: false, threshold: 60, eligible: true });
    expect(assessment.explanation[0]).toBe('settlement-2016 was not in force on 2021-07-01: this answer is hypothetical');
  });

  it('refuses an unknown id, listing the known ones', () => {
    expect(() => registry.ruleSetById('settlement-2019')).toThrow(
      'no rule set has the id settlement-2019; known: services-2021, settlement-2014, settlement-2016, settlement-2020, settlement-2023',
    );
  });
});

describe('answers are never mixed across rule sets or kinds', () => {
  const services = registry.ruleSetById('services-2021') as ServicesRuleSet;
  const settlement2016 = registry.ruleSetById('settlement-2016') as SettlementRuleSet;
  const settlement2020 = registry.ruleSetById('settlement-2020') as SettlementRuleSet;

  it('refuses answers computed with another rule set', () => {
    const { conditions, indicators } = ask(settlement2016, LIN_HAI, '2019-07-01');
    expect(() => assessSettlement(settlement2020, conditions, indicators, '2019-07-01')).toThrow(
      'was computed with rule set settlement-2016, not settlement-2020',
    );
  });

  it('refuses a settlement rule set for services points and the other way round', () => {
    const person = SERVICES_PEOPLE[0]!;
    expect(() => assessPoints(settlement2020 as unknown as ServicesRuleSet, [], [], person.asOf)).toThrow('assessPoints needs a services rule set');
    expect(() => assessSettlement(services as unknown as SettlementRuleSet, [], [], person.asOf)).toThrow('assessSettlement needs a settlement rule set');
  });

  it('refuses an answer from a department that does not own the indicator, and a second answer for one indicator', () => {
    const person = SERVICES_PEOPLE[0]!;
    const { conditions, indicators } = ask(services, person.person, person.asOf);
    const forged = indicators.map((r) => (r.indicator === 'income-tax' ? { ...r, department: 'housing' } : r));
    expect(() => assessPoints(services, conditions, forged, person.asOf)).toThrow('indicator income-tax belongs to tax, not housing');
    expect(() => assessPoints(services, conditions, [...indicators, indicators[0]!], person.asOf)).toThrow('was answered twice');
  });
});
