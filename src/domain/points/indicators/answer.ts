/**
 * The one path from a department's facts to its answers: pick the rule set's indicators (and
 * conditions) that this department owns, run the department's calculator for each, and dress the
 * outcome with what the rule set says about it (kind, rule text, confidence). Each department module
 * only supplies its calculators, so no department can forget an indicator it owns or answer one it
 * does not: the rule set decides which are asked.
 */
import { asOfDate, type AsOf } from '../calendar.js';
import type {
  ConditionId,
  ConditionIdOf,
  ConditionParams,
  Department,
  IndicatorId,
  IndicatorIdOf,
  IndicatorParams,
} from '../catalogue.js';
import type { RuleSet } from '../rule-set.js';
import { weakerConfidence, type Confidence, type ConditionResult, type IndicatorResult, type IsoDate, type RankingValueKey } from '../types.js';

/** What a calculator found: the department's part of an IndicatorResult. */
export interface Calculation {
  value: string;
  points: number;
  capApplied: boolean;
  /** The table row used (a level, a band) when it is less sure than the indicator as a whole. */
  entry?: { confidence?: Confidence; note?: string };
}

export interface ConditionCheck {
  met: boolean;
  reason: string;
  rankingValues?: Partial<Record<RankingValueKey, number>>;
}

export type IndicatorCalculators<D extends Department, Facts> = {
  [Id in IndicatorIdOf<D>]: (params: IndicatorParams<Id>, facts: Facts, asOf: AsOf) => Calculation;
};

export type ConditionCheckers<D extends Department, Facts> = {
  [Id in ConditionIdOf<D>]: (params: ConditionParams<Id>, facts: Facts, asOf: AsOf) => ConditionCheck;
};

// The loader guarantees that an indicator owned by D has an id of IndicatorIdOf<D> (its owner must
// be the catalogue's), so looking the calculator up by id is safe; TypeScript cannot follow that
// correlation through the union, hence the one widening here.
type AnyCalculator<Facts> = (params: unknown, facts: Facts, asOf: AsOf) => Calculation;
type AnyChecker<Facts> = (params: unknown, facts: Facts, asOf: AsOf) => ConditionCheck;

export function answerIndicators<D extends Department, Facts>(
  department: D,
  calculators: IndicatorCalculators<D, Facts>,
  ruleSet: RuleSet,
  facts: Facts,
  asOf: IsoDate,
): IndicatorResult[] {
  const date = asOfDate(asOf);
  return ruleSet.indicators
    .filter((definition) => definition.owner === department)
    .map((definition) => {
      const calculate = (calculators as Partial<Record<IndicatorId, AnyCalculator<Facts>>>)[definition.id];
      if (!calculate) throw new Error(`${department} has no calculator for indicator ${definition.id} (rule set ${ruleSet.id})`);
      const outcome = calculate(definition.params, facts, date);
      const confidence = weakerConfidence(definition.confidence, outcome.entry?.confidence ?? definition.confidence);
      const notes = [definition.note, outcome.entry?.note].filter((note): note is string => typeof note === 'string');
      return {
        ruleSetId: ruleSet.id,
        indicator: definition.id,
        department,
        kind: definition.kind,
        value: outcome.value,
        points: outcome.points,
        capApplied: outcome.capApplied,
        rule: definition.rule,
        confidence,
        note: notes.length > 0 ? notes.join('; ') : null,
      };
    });
}

export function answerConditions<D extends Department, Facts>(
  department: D,
  checkers: ConditionCheckers<D, Facts>,
  ruleSet: RuleSet,
  facts: Facts,
  asOf: IsoDate,
): ConditionResult[] {
  const date = asOfDate(asOf);
  return ruleSet.conditions
    .filter((definition) => definition.owner === department)
    .map((definition) => {
      const check = (checkers as Partial<Record<ConditionId, AnyChecker<Facts>>>)[definition.id];
      if (!check) throw new Error(`${department} has no check for condition ${definition.id} (rule set ${ruleSet.id})`);
      const outcome = check(definition.params, facts, date);
      return {
        ruleSetId: ruleSet.id,
        condition: definition.id,
        department,
        met: outcome.met,
        reason: outcome.reason,
        rule: definition.rule,
        confidence: definition.confidence,
        note: definition.note,
        ...(outcome.rankingValues ? { rankingValues: outcome.rankingValues } : {}),
      };
    });
}
