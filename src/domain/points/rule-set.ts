/**
 * A rule set: one version of the points rules, read from one file in rules/ (POINTS.md: rules
 * change every few years, so they are versioned data with a validity period, never constants).
 * `parseRuleSet` reads and checks one file; the registry (registry.ts) checks them together.
 */
import { parseDocument } from 'yaml';
import {
  CONDITIONS,
  DEPARTMENTS,
  INDICATORS,
  isConditionId,
  isIndicatorId,
  type ConditionId,
  type ConditionParams,
  type Department,
  type IndicatorId,
  type IndicatorParams,
} from './catalogue.js';
import {
  boolean,
  confidence,
  isoDate,
  isRecord,
  listOf,
  nullable,
  oneOf,
  record,
  ruleText,
  setOf,
  ShapeError,
  sureness,
  text,
  wholeNumber,
  type Check,
  type Checked,
  type Sureness,
} from './checks.js';
import {
  INDICATOR_KINDS,
  RANKING_KEYS,
  RULE_SET_KINDS,
  type IndicatorKind,
  type IsoDate,
  type RankingKey,
  type RuleSetKind,
  type RuleText,
} from './types.js';

export interface IndicatorDefinition<Id extends IndicatorId = IndicatorId> extends Sureness {
  id: Id;
  owner: Department;
  kind: IndicatorKind;
  rule: RuleText;
  params: IndicatorParams<Id>;
}
export type AnyIndicatorDefinition = { [Id in IndicatorId]: IndicatorDefinition<Id> }[IndicatorId];

export interface ConditionDefinition<Id extends ConditionId = ConditionId> extends Sureness {
  id: Id;
  owner: Department;
  rule: RuleText;
  params: ConditionParams<Id>;
  /**
   * Services only: the tiers that require this condition; null = required for holding points at
   * all (POINTS.md: a valid permit and legal stable employment). Settlement requires every condition.
   */
  appliesTo: string[] | null;
}
export type AnyConditionDefinition = { [Id in ConditionId]: ConditionDefinition<Id> }[ConditionId];

/** A service unlocked at a points threshold (seed §8 阶梯式享有). */
export interface TierDefinition extends Sureness {
  id: string;
  service: RuleText;
  threshold: number;
  /** False for school admission: POINTS.md, deductions do not apply to it. */
  deductionsApply: boolean;
  rule: RuleText;
}

interface RuleSetBase {
  id: string;
  title: string;
  /** Document number and where the values come from. */
  source: string;
  validFrom: IsoDate;
  /** Exclusive; null = open-ended. */
  validTo: IsoDate | null;
  validity: Sureness;
  /** A note on the file as a whole (e.g. which table was reused from an earlier version). */
  note: string | null;
  conditions: AnyConditionDefinition[];
  indicators: AnyIndicatorDefinition[];
  /** The file it was read from, for error messages. */
  file: string;
}

export interface ServicesRuleSet extends RuleSetBase {
  kind: 'services';
  tiers: TierDefinition[];
}

export interface SettlementRuleSet extends RuleSetBase {
  kind: 'settlement';
  threshold: { points: number } & Sureness;
  /** Order of the ranking among eligible applicants (POINTS.md, 2023); null when not published. */
  ranking: RankingKey[] | null;
}

export type RuleSet = ServicesRuleSet | SettlementRuleSet;
export type RuleSetOfKind<K extends RuleSetKind> = Extract<RuleSet, { kind: K }>;

/** A rule-set file that cannot be used: names the file and the problem. */
export class RuleSetError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`rule set ${file}: ${problem}`);
    this.name = 'RuleSetError';
  }
}

const ID = /^[a-z][a-z0-9-]{0,63}$/;
const identifier: Check<string> = (value, path) => {
  const id = text(value, path);
  if (!ID.test(id)) throw new ShapeError(path, `"${id}" must be lower-case letters, digits and hyphens`);
  return id;
};
const anything: Check<unknown> = (value) => value;

const indicatorShape = record(
  { id: identifier, owner: identifier, kind: text, confidence, rule: ruleText, params: anything },
  { note: text },
);
const conditionShape = record(
  { id: identifier, owner: identifier, confidence, rule: ruleText },
  { note: text, params: anything, appliesTo: setOf(identifier) },
);
const tierShape = record(
  { id: identifier, service: ruleText, threshold: wholeNumber(0, 10_000), deductionsApply: boolean, confidence, rule: ruleText },
  { note: text },
);
const thresholdShape = record({ points: wholeNumber(0, 10_000), confidence }, { note: text });

const common = {
  id: identifier,
  title: text,
  source: text,
  kind: oneOf(RULE_SET_KINDS),
  validFrom: isoDate,
  validTo: nullable(isoDate),
  validityConfidence: confidence,
  conditions: listOf(anything, 1),
  indicators: listOf(anything, 1),
};
const commonOptional = { validityNote: text, note: text };
const servicesShape = record({ ...common, tiers: listOf(anything, 1) }, commonOptional);
const settlementShape = record({ ...common, threshold: anything }, { ...commonOptional, ranking: setOf(oneOf(RANKING_KEYS)) });

/** Reads one rule-set file. `file` is its name as it should appear in errors (e.g. rules/services-2021.yaml). */
export function parseRuleSet(file: string, source: string): RuleSet {
  const document = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) throw new RuleSetError(file, `not valid YAML: ${document.errors.map((e) => e.message).join('; ')}`);
  try {
    return checkRuleSet(file, document.toJS());
  } catch (error) {
    if (error instanceof ShapeError) throw new RuleSetError(file, error.message);
    throw error;
  }
}

function checkRuleSet(file: string, raw: unknown): RuleSet {
  if (!isRecord(raw)) throw new ShapeError('(file)', 'must be a mapping with id, title, source, kind, validity, conditions and indicators');
  const kind = oneOf(RULE_SET_KINDS)(raw.kind, 'kind');
  if (kind === 'services') {
    const top = servicesShape(raw, '(file)');
    const tiers = top.tiers.map((entry, i) => {
      const tier = tierShape(entry, `tiers[${i}]`);
      return { ...tier, ...sureness(tier, `tiers[${i}]`) };
    });
    refuseRepeats(tiers, 'tiers');
    const tierIds = tiers.map((t) => t.id);
    return { ...checkCommon(file, top, tierIds), kind, tiers };
  }
  const top = settlementShape(raw, '(file)');
  const threshold = thresholdShape(top.threshold, 'threshold');
  return {
    ...checkCommon(file, top, null),
    kind,
    threshold: { points: threshold.points, ...sureness(threshold, 'threshold') },
    ranking: top.ranking ?? null,
  };
}

/** What both kinds have; `tierIds` are the tiers a condition may apply to (null: settlement, none). */
function checkCommon(file: string, top: Checked<typeof servicesShape> | Checked<typeof settlementShape>, tierIds: string[] | null): RuleSetBase {
  const expectedId = file.replace(/^.*[\\/]/, '').replace(/\.yaml$/, '');
  if (top.id !== expectedId) throw new ShapeError('id', `"${top.id}" must match the file name (${expectedId}), so a copied file cannot pass for another version`);
  if (top.validTo !== null && top.validTo <= top.validFrom) {
    throw new ShapeError('validTo', `${top.validTo} is not after validFrom ${top.validFrom}: the dates are out of order`);
  }
  const indicators = top.indicators.map((entry, i) => checkIndicator(entry, `indicators[${i}]`));
  refuseRepeats(indicators, 'indicators');
  const conditions = top.conditions.map((entry, i) => checkCondition(entry, `conditions[${i}]`, tierIds));
  refuseRepeats(conditions, 'conditions');
  return {
    id: top.id,
    title: top.title,
    source: top.source,
    validFrom: top.validFrom,
    validTo: top.validTo,
    validity: sureness({ confidence: top.validityConfidence, note: top.validityNote }, 'validity'),
    note: top.note ?? null,
    conditions,
    indicators,
    file,
  };
}

function checkOwner(owner: string, expected: Department, what: string, path: string): Department {
  if (!(DEPARTMENTS as readonly string[]).includes(owner)) {
    throw new ShapeError(`${path}.owner`, `"${owner}" is not a department that computes points; known: ${DEPARTMENTS.join(', ')}`);
  }
  if (owner !== expected) {
    throw new ShapeError(`${path}.owner`, `${what} is computed from ${expected} data (src/domain/points/indicators/${expected}.ts), not ${owner}`);
  }
  return expected;
}

function checkIndicator(entry: unknown, path: string): AnyIndicatorDefinition {
  const indicator = indicatorShape(entry, path);
  if (!isIndicatorId(indicator.id)) {
    throw new ShapeError(`${path}.id`, `unknown indicator "${indicator.id}"; the engine computes: ${Object.keys(INDICATORS).join(', ')}`);
  }
  const spec = INDICATORS[indicator.id];
  const owner = checkOwner(indicator.owner, spec.owner, `indicator ${indicator.id}`, path);
  const kind = oneOf(INDICATOR_KINDS)(indicator.kind, `${path}.kind`);
  if (!spec.kinds.includes(kind)) {
    throw new ShapeError(`${path}.kind`, `indicator ${indicator.id} can be ${spec.kinds.join(' or ')}, not ${kind}`);
  }
  return {
    id: indicator.id,
    owner,
    kind,
    rule: indicator.rule,
    params: spec.params(indicator.params, `${path}.params`),
    ...sureness(indicator, path),
  } as AnyIndicatorDefinition;
}

function checkCondition(entry: unknown, path: string, tierIds: string[] | null): AnyConditionDefinition {
  const condition = conditionShape(entry, path);
  if (!isConditionId(condition.id)) {
    throw new ShapeError(`${path}.id`, `unknown condition "${condition.id}"; the engine checks: ${Object.keys(CONDITIONS).join(', ')}`);
  }
  const spec = CONDITIONS[condition.id];
  const owner = checkOwner(condition.owner, spec.owner, `condition ${condition.id}`, path);
  if (spec.params === null && condition.params !== undefined) throw new ShapeError(`${path}.params`, `condition ${condition.id} takes no parameters`);
  if (spec.params !== null && condition.params === undefined) throw new ShapeError(`${path}.params`, 'is missing');
  const params = spec.params === null ? null : spec.params(condition.params, `${path}.params`);

  let appliesTo: string[] | null = null;
  if (condition.appliesTo !== undefined) {
    if (tierIds === null) throw new ShapeError(`${path}.appliesTo`, 'only services rule sets have tiers; a settlement condition always applies');
    const unknown = condition.appliesTo.find((id) => !tierIds.includes(id));
    if (unknown !== undefined) throw new ShapeError(`${path}.appliesTo`, `"${unknown}" is not a tier of this rule set`);
    appliesTo = condition.appliesTo;
  }
  return { id: condition.id, owner, rule: condition.rule, params, appliesTo, ...sureness(condition, path) } as AnyConditionDefinition;
}

function refuseRepeats(items: { id: string }[], where: string): void {
  const repeated = items.find((item, i) => items.findIndex((other) => other.id === item.id) !== i);
  if (repeated) throw new ShapeError(where, `"${repeated.id}" appears twice`);
}
