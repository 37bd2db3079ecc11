/**
 * The vocabulary shared by the rule sets, the departments' indicator functions and the
 * assessments. Everything here is plain data that can cross a subgraph boundary as JSON.
 */

/** A calendar date, 'YYYY-MM-DD' (the date columns' own form: no time zone can shift it). */
export type IsoDate = string;

/** A calendar month, 'YYYY-MM': social insurance and the provident fund are paid by the month. */
export type IsoMonth = string;

/**
 * How sure we are of a value (POINTS.md): A official text, B the same value in two or more
 * secondary copies, U not verified. A U value stays configurable and every answer that used one
 * lists it (PIPL Art. 24: an automated decision must be explainable, including its weak spots).
 */
export type Confidence = 'A' | 'B' | 'U';
export const CONFIDENCES: readonly Confidence[] = ['A', 'B', 'U'];

/** The weaker of two confidences: an answer is only as sure as the least sure value it used. */
export function weakerConfidence(a: Confidence, b: Confidence): Confidence {
  return CONFIDENCES.indexOf(a) >= CONFIDENCES.indexOf(b) ? a : b;
}

/** Basic and bonus points add up; deductions subtract (POINTS.md: total = basic + bonus − deductions). */
export type IndicatorKind = 'basic' | 'bonus' | 'deduction';
export const INDICATOR_KINDS: readonly IndicatorKind[] = ['basic', 'bonus', 'deduction'];

/** `services`: residence-permit points (seed §8); `settlement`: points-based settlement (seed §4). */
export type RuleSetKind = 'services' | 'settlement';
export const RULE_SET_KINDS: readonly RuleSetKind[] = ['services', 'settlement'];

/** A rule as the published text says it, in Chinese and in English, for an answer to quote. */
export interface RuleText {
  zh: string;
  en: string;
}

/** One department's answer for one indicator of one rule set (see README in index.ts). */
export interface IndicatorResult {
  /** The rule set the department computed with: an assessment refuses to mix rule sets. */
  ruleSetId: string;
  indicator: string;
  /** The department whose data it was computed from (the indicator's owner in the rule set). */
  department: string;
  kind: IndicatorKind;
  /**
   * What was counted, in a few words ("6 years", "bachelor", "cumulative tax over 2022–2024 in
   * band ¥50,000–¥100,000"), never a raw sensitive value: no amount, exact date, address or diagnosis.
   */
  value: string;
  /** Points as a magnitude (≥ 0): a deduction's points are subtracted by its kind. */
  points: number;
  /** True when a cap or a floor changed the points. */
  capApplied: boolean;
  rule: RuleText;
  confidence: Confidence;
  /** The rule set's note on the values used: why they are unverified (U), or how an ambiguous text is read. */
  note: string | null;
}

/** One department's answer for one basic condition (settlement §4; holding services points). */
export interface ConditionResult {
  ruleSetId: string;
  condition: string;
  department: string;
  met: boolean;
  /** Why met or not met, without raw sensitive values (years, not dates; "a punishment", not which). */
  reason: string;
  rule: RuleText;
  confidence: Confidence;
  note: string | null;
  /**
   * Quantities the settlement ranking uses (POINTS.md: medical-insurance time, then
   * residence-permit time), given by the condition that measured them anyway.
   */
  rankingValues?: Partial<Record<RankingValueKey, number>>;
}

/** Ranking keys a condition can measure; `basic-points` comes from the indicators. */
export type RankingValueKey = 'medical-insurance-months' | 'residence-permit-months';
export type RankingKey = 'basic-points' | RankingValueKey;
export const RANKING_KEYS: readonly RankingKey[] = ['basic-points', 'medical-insurance-months', 'residence-permit-months'];
