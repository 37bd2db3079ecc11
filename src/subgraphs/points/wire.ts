import type { ConditionResult, Confidence, IndicatorKind, IndicatorResult } from '../../domain/points/index.js';

/**
 * Points answers cross subgraph boundaries as GraphQL values (the shared PointsIndicator and
 * PointsCondition types of common.graphql): enum names upper-case, ranking values as a list.
 * These turn the engine's results into that shape and back.
 */
export interface WireIndicator extends Omit<IndicatorResult, 'kind'> {
  kind: Uppercase<IndicatorKind>;
}
export interface WireCondition extends Omit<ConditionResult, 'rankingValues'> {
  rankingValues: { key: string; value: number }[];
}

const KINDS: Record<string, IndicatorKind> = { BASIC: 'basic', BONUS: 'bonus', DEDUCTION: 'deduction' };
const CONFIDENCES = new Set<Confidence>(['A', 'B', 'U']);

export const toWireIndicator = (result: IndicatorResult): WireIndicator => ({ ...result, kind: result.kind.toUpperCase() as Uppercase<IndicatorKind> });

export const toWireCondition = ({ rankingValues, ...result }: ConditionResult): WireCondition => ({
  ...result,
  rankingValues: Object.entries(rankingValues ?? {}).map(([key, value]) => ({ key, value: value as number })),
});

/** Back from the wire; anything unexpected is an error, never a silently different answer. */
export function fromWireIndicator(wire: WireIndicator): IndicatorResult {
  const kind = KINDS[wire.kind];
  if (!kind || !CONFIDENCES.has(wire.confidence)) throw new Error(`unexpected points indicator from ${wire.department}: kind ${wire.kind}, confidence ${wire.confidence}`);
  return { ...wire, kind };
}

export function fromWireCondition({ rankingValues, ...wire }: WireCondition): ConditionResult {
  if (!CONFIDENCES.has(wire.confidence)) throw new Error(`unexpected points condition from ${wire.department}: confidence ${wire.confidence}`);
  return { ...wire, ...(rankingValues.length > 0 ? { rankingValues: Object.fromEntries(rankingValues.map(({ key, value }) => [key, value])) } : {}) };
}

/** The selection that carries a whole indicator or condition across (what @requires asks for). */
export const INDICATOR_SELECTION = '{ ruleSetId indicator department kind value points capApplied rule { zh en } confidence note }';
export const CONDITION_SELECTION = '{ ruleSetId condition department met reason rule { zh en } confidence note rankingValues { key value } }';
