import { describe, expect, it } from 'vitest';
import { assessSettlement, type ConditionResult, type IndicatorResult, type SettlementRuleSet } from '../../src/domain/points/index.js';
import { SETTLEMENT_PEOPLE } from './fixtures/settlement-people.js';
import { cappedIds, metById, pointsById, registry, settlementAssessment } from './support.js';

describe('points-based settlement, worked out by hand', () => {
  it('covers every settlement rule set, each at its threshold and below it', () => {
    for (const ruleSet of registry.ruleSets.filter((r) => r.kind === 'settlement')) {
      const cases = SETTLEMENT_PEOPLE.filter((c) => c.ruleSetId === ruleSet.id);
      expect(cases.some((c) => c.expected.points === c.expected.threshold && c.expected.eligible), ruleSet.id).toBe(true);
      expect(cases.some((c) => c.expected.points < c.expected.threshold || !c.expected.eligible), ruleSet.id).toBe(true);
    }
  });

  describe.each(SETTLEMENT_PEOPLE)('$name ($ruleSetId on $asOf)', ({ asOf, ruleSetId, person, expected }) => {
    const assessment = settlementAssessment(person, asOf);

    it('is assessed under the rule set in force on the as-of date', () => {
      expect(assessment).toMatchObject({ ruleSetId, ruleSetInForce: true, asOf, complete: true, threshold: expected.threshold });
    });

    it('scores each indicator as computed by hand', () => {
      expect(pointsById(assessment.indicators)).toEqual(expected.indicators);
      expect(cappedIds(assessment.indicators)).toEqual(expected.capped);
      expect(assessment.points).toBe(expected.points);
      expect(assessment.thresholdReached).toBe(expected.points >= expected.threshold);
    });

    it('checks every basic condition and decides eligibility', () => {
      expect(metById(assessment.conditions)).toEqual(expected.conditions);
      expect(assessment.eligible).toBe(expected.eligible);
    });

    if (expected.ranking) {
      it('gives the ranking keys in the rule set’s order', () => {
        expect(assessment.ranking).toEqual(expected.ranking);
      });
    }
  });
});

/** Answers made by hand: every condition met, and `points` on the first basic indicator. */
function handMadeAnswers(ruleSet: SettlementRuleSet, points: number): { conditions: ConditionResult[]; indicators: IndicatorResult[] } {
  const basic = ruleSet.indicators.find((i) => i.kind === 'basic')!;
  return {
    conditions: ruleSet.conditions.map((c) => ({
      ruleSetId: ruleSet.id,
      condition: c.id,
      department: c.owner,
      met: true,
      reason: 'met',
      rule: c.rule,
      confidence: c.confidence,
      note: c.note,
    })),
    indicators: ruleSet.indicators.map((i) => ({
      ruleSetId: ruleSet.id,
      indicator: i.id,
      department: i.owner,
      kind: i.kind,
      value: 'hand-made',
      points: i === basic ? points : 0,
      capApplied: false,
      rule: i.rule,
      confidence: i.confidence,
      note: i.note,
    })),
  };
}

describe.each([
  { id: 'settlement-2014', asOf: '2015-07-01', threshold: 60 },
  { id: 'settlement-2016', asOf: '2018-07-01', threshold: 60 },
  { id: 'settlement-2020', asOf: '2021-07-01', threshold: 100 },
  { id: 'settlement-2023', asOf: '2024-07-01', threshold: 150 },
])('the threshold of $id is $threshold', ({ id, asOf, threshold }) => {
  const ruleSet = registry.ruleSetById(id) as SettlementRuleSet;

  it(`is eligible at exactly ${threshold} points`, () => {
    const { conditions, indicators } = handMadeAnswers(ruleSet, threshold);
    expect(assessSettlement(ruleSet, conditions, indicators, asOf)).toMatchObject({ points: threshold, thresholdReached: true, eligible: true });
  });

  it(`is not eligible at ${threshold - 1} points`, () => {
    const { conditions, indicators } = handMadeAnswers(ruleSet, threshold - 1);
    expect(assessSettlement(ruleSet, conditions, indicators, asOf)).toMatchObject({ points: threshold - 1, thresholdReached: false, eligible: false });
  });
});
