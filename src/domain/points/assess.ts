/**
 * Combines the departments' answers into an assessment: services points with the tiers they unlock
 * (seed §8), or settlement eligibility (seed §4). Pure: it only adds up what the departments said.
 *
 * Fail closed. A department that did not answer is not a department that found nothing: every
 * indicator and condition of the rule set must have an answer, and a missing one is named in
 * `missing`. Then whatever depends on it is `null` ("cannot be decided"), never a number or a
 * `true` that assumed zero: `total` is null, a tier's `unlocked` is null, and settlement `eligible`
 * is null — unless something that did answer already decides "no" (a condition known to be unmet, or
 * every indicator answered and the points short), in which case it is `false`.
 */
import { isInForce } from './registry.js';
import type { RuleSet, ServicesRuleSet, SettlementRuleSet } from './rule-set.js';
import type { ConditionResult, IndicatorKind, IndicatorResult, IsoDate, RankingKey, RuleText } from './types.js';
import { asOfDate } from './calendar.js';

export interface MissingAnswer {
  kind: 'indicator' | 'condition';
  id: string;
  department: string;
}

/** A value of the rule set marked U that this answer used (POINTS.md: flag it in the answer). */
export interface UnverifiedValue {
  item: string;
  note: string;
}

interface AssessmentBase {
  ruleSetId: string;
  ruleSetTitle: string;
  /** False when the caller chose a rule set (by id) that was not in force on `asOf`. */
  ruleSetInForce: boolean;
  asOf: IsoDate;
  /** Every indicator and condition of the rule set was answered. */
  complete: boolean;
  missing: MissingAnswer[];
  /** The departments that did not answer everything they own, for the "ask them again" message. */
  missingDepartments: string[];
  /** Sums of the answered indicators, by kind (deductions as a positive number). */
  basic: number;
  bonus: number;
  deductions: number;
  /** The breakdown, in the rule set's order. */
  indicators: IndicatorResult[];
  conditions: ConditionResult[];
  /** Human sentences: why the decision is what it is (PIPL Art. 24). */
  explanation: string[];
  unverified: UnverifiedValue[];
}

export interface TierAssessment {
  id: string;
  service: RuleText;
  threshold: number;
  deductionsApply: boolean;
  /** The points this tier is judged on (without deductions where they do not apply); null if unknown. */
  points: number | null;
  /** The conditions this tier needs (holding points at all, and its own). */
  conditions: string[];
  unlocked: boolean | null;
  rule: RuleText;
}

export interface PointsAssessment extends AssessmentBase {
  /** basic + bonus − deductions, never below 0; null when an indicator was not answered. */
  total: number | null;
  /** The conditions for holding points at all are met (POINTS.md: valid permit, legal stable employment). */
  holdsPoints: boolean | null;
  tiers: TierAssessment[];
}

export interface SettlementAssessment extends AssessmentBase {
  points: number | null;
  threshold: number;
  thresholdReached: boolean | null;
  conditionsMet: boolean | null;
  /** All conditions met and points ≥ threshold; null when that cannot be decided (see above). */
  eligible: boolean | null;
  /** Ranking keys in the rule set's order; a value is null when its answer is missing. */
  ranking: { key: RankingKey; value: number | null }[] | null;
}

/** Total = basic + bonus − deductions, never below 0 (POINTS.md). */
const totalOf = (basic: number, bonus: number, deductions: number) => Math.max(0, basic + bonus - deductions);

/** Three-valued "all of these": false if any is false, else null if any is unknown, else true. */
function allOf(values: readonly (boolean | null)[]): boolean | null {
  if (values.includes(false)) return false;
  return values.includes(null) ? null : true;
}

/** Checks the answers against the rule set and adds them up: the part both assessments share. */
function tally(ruleSet: RuleSet, conditionResults: readonly ConditionResult[], indicatorResults: readonly IndicatorResult[], asOf: IsoDate) {
  asOfDate(asOf);
  const indicators = matchAnswers(ruleSet, 'indicator', ruleSet.indicators, indicatorResults, (result) => result.indicator);
  const conditions = matchAnswers(ruleSet, 'condition', ruleSet.conditions, conditionResults, (result) => result.condition);
  for (const { definition, answer } of indicators) {
    if (answer && answer.kind !== definition.kind) throw new Error(`indicator ${definition.id}: answered as ${answer.kind}, the rule set says ${definition.kind}`);
    if (answer && !(Number.isFinite(answer.points) && answer.points >= 0)) throw new Error(`indicator ${definition.id}: points must be a number ≥ 0`);
  }

  const missing: MissingAnswer[] = [
    ...indicators.filter((m) => !m.answer).map((m) => ({ kind: 'indicator' as const, id: m.definition.id, department: m.definition.owner })),
    ...conditions.filter((m) => !m.answer).map((m) => ({ kind: 'condition' as const, id: m.definition.id, department: m.definition.owner })),
  ];
  const answered = indicators.flatMap((m) => (m.answer ? [m.answer] : []));
  const sum = (kind: IndicatorKind) => answered.filter((r) => r.kind === kind).reduce((s, r) => s + r.points, 0);
  /** Whether every indicator of these kinds was answered. */
  const known = (...kinds: IndicatorKind[]) => indicators.every((m) => m.answer || !kinds.includes(m.definition.kind));
  const conditionMet = new Map(conditions.map((m) => [m.definition.id as string, m.answer ? m.answer.met : null]));

  const unverified: UnverifiedValue[] = [];
  if (ruleSet.validity.confidence === 'U') unverified.push({ item: `validity of ${ruleSet.id}`, note: ruleSet.validity.note ?? '' });
  for (const answer of [...conditions.map((m) => m.answer), ...answered]) {
    if (answer?.confidence === 'U') {
      unverified.push({ item: 'indicator' in answer ? `indicator ${answer.indicator}` : `condition ${answer.condition}`, note: answer.note ?? '' });
    }
  }

  const explanation: string[] = [];
  if (!isInForce(ruleSet, asOf)) explanation.push(`${ruleSet.id} was not in force on ${asOf}: this answer is hypothetical`);
  if (missing.length > 0) {
    explanation.push(`not answered: ${missing.map((m) => `${m.kind} ${m.id} (${m.department})`).join(', ')}; what depends on them cannot be decided`);
  }
  for (const m of conditions) if (m.answer && !m.answer.met) explanation.push(`condition ${m.definition.id} not met: ${m.answer.reason}`);

  const base: AssessmentBase = {
    ruleSetId: ruleSet.id,
    ruleSetTitle: ruleSet.title,
    ruleSetInForce: isInForce(ruleSet, asOf),
    asOf,
    complete: missing.length === 0,
    missing,
    missingDepartments: [...new Set(missing.map((m) => m.department))],
    basic: sum('basic'),
    bonus: sum('bonus'),
    deductions: sum('deduction'),
    indicators: answered,
    conditions: conditions.flatMap((m) => (m.answer ? [m.answer] : [])),
    explanation,
    unverified,
  };
  return { base, known, conditionMet };
}

/**
 * Pairs each definition with its answer. An answer that is not for this rule set, not for one of
 * its indicators, from the wrong department, or given twice is a wiring error: refused, never
 * guessed around (mixing two rule sets' answers would produce a score no rule defines).
 */
function matchAnswers<D extends { id: string; owner: string }, A extends { ruleSetId: string; department: string }>(
  ruleSet: RuleSet,
  what: 'indicator' | 'condition',
  definitions: readonly D[],
  answers: readonly A[],
  idOf: (answer: A) => string,
): { definition: D; answer: A | null }[] {
  const byId = new Map<string, A>();
  for (const answer of answers) {
    const id = idOf(answer);
    if (answer.ruleSetId !== ruleSet.id) throw new Error(`${what} ${id} was computed with rule set ${answer.ruleSetId}, not ${ruleSet.id}`);
    const definition = definitions.find((d) => d.id === id);
    if (!definition) throw new Error(`${what} ${id} is not part of rule set ${ruleSet.id}`);
    if (answer.department !== definition.owner) throw new Error(`${what} ${id} belongs to ${definition.owner}, not ${answer.department}`);
    if (byId.has(id)) throw new Error(`${what} ${id} was answered twice`);
    byId.set(id, answer);
  }
  return definitions.map((definition) => ({ definition, answer: byId.get(definition.id) ?? null }));
}

/** Services points (seed §8) and the tiers they unlock. */
export function assessPoints(
  ruleSet: ServicesRuleSet,
  conditionResults: readonly ConditionResult[],
  indicatorResults: readonly IndicatorResult[],
  asOf: IsoDate,
): PointsAssessment {
  if (ruleSet.kind !== 'services') throw new TypeError(`assessPoints needs a services rule set; ${ruleSet.id} is ${String(ruleSet.kind)}`);
  const { base, known, conditionMet } = tally(ruleSet, conditionResults, indicatorResults, asOf);
  const total = known('basic', 'bonus', 'deduction') ? totalOf(base.basic, base.bonus, base.deductions) : null;
  const holding = ruleSet.conditions.filter((c) => c.appliesTo === null).map((c) => c.id as string);
  const holdsPoints = allOf(holding.map((id) => conditionMet.get(id) ?? null));

  const tiers = ruleSet.tiers.map((tier): TierAssessment => {
    // POINTS.md: deductions do not apply to school admission, so such a tier can be decided even
    // when only the deductions are missing.
    const points =
      tier.deductionsApply ? total
      : known('basic', 'bonus') ? totalOf(base.basic, base.bonus, 0)
      : null;
    const conditions = [...holding, ...ruleSet.conditions.filter((c) => c.appliesTo?.includes(tier.id)).map((c) => c.id as string)];
    const reached = points === null ? null : points >= tier.threshold;
    return {
      id: tier.id,
      service: tier.service,
      threshold: tier.threshold,
      deductionsApply: tier.deductionsApply,
      points,
      conditions,
      unlocked: allOf([reached, ...conditions.map((id) => conditionMet.get(id) ?? null)]),
      rule: tier.rule,
    };
  });
  for (const tier of ruleSet.tiers) {
    if (tier.confidence === 'U') base.unverified.push({ item: `tier ${tier.id} threshold`, note: tier.note ?? '' });
  }
  base.explanation.push(
    total === null ? 'total cannot be computed: an indicator was not answered'
    : `total ${total} = basic ${base.basic} + bonus ${base.bonus} − deductions ${base.deductions}${base.basic + base.bonus - base.deductions < 0 ? ' (never below 0)' : ''}`,
  );
  return { ...base, total, holdsPoints, tiers };
}

/** Points-based settlement (seed §4): every basic condition met and the points at the threshold. */
export function assessSettlement(
  ruleSet: SettlementRuleSet,
  conditionResults: readonly ConditionResult[],
  indicatorResults: readonly IndicatorResult[],
  asOf: IsoDate,
): SettlementAssessment {
  if (ruleSet.kind !== 'settlement') throw new TypeError(`assessSettlement needs a settlement rule set; ${ruleSet.id} is ${String(ruleSet.kind)}`);
  const { base, known, conditionMet } = tally(ruleSet, conditionResults, indicatorResults, asOf);
  const points = known('basic', 'bonus', 'deduction') ? totalOf(base.basic, base.bonus, base.deductions) : null;
  const threshold = ruleSet.threshold.points;
  const thresholdReached = points === null ? null : points >= threshold;
  const conditionsMet = allOf(ruleSet.conditions.map((c) => conditionMet.get(c.id) ?? null));
  const eligible = allOf([conditionsMet, thresholdReached]);

  if (ruleSet.threshold.confidence === 'U') base.unverified.push({ item: 'settlement threshold', note: ruleSet.threshold.note ?? '' });
  base.explanation.push(
    points === null ? `points cannot be computed: an indicator was not answered (threshold ${threshold})`
    : `points ${points} ${thresholdReached ? '≥' : '<'} threshold ${threshold}`,
    eligible === null ? 'eligibility cannot be decided until every department has answered'
    : eligible ? 'eligible: every basic condition met and the threshold reached'
    : 'not eligible',
  );

  const rankingValue = (key: RankingKey): number | null => {
    if (key === 'basic-points') return known('basic') ? base.basic : null;
    return base.conditions.find((c) => c.rankingValues?.[key] !== undefined)?.rankingValues?.[key] ?? null;
  };
  const ranking = ruleSet.ranking?.map((key) => ({ key, value: rankingValue(key) })) ?? null;

  return { ...base, points, threshold, thresholdReached, conditionsMet, eligible, ranking };
}
