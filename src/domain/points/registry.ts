/**
 * All rule sets, checked together, and the two ways to pick one:
 *
 * - `ruleSetInForce(kind, asOf)`: the rule set valid on that date (validFrom ≤ asOf < validTo, or
 *   validTo null). This is what an answer about a person uses: the points of 2019 are computed by
 *   the rules of 2019.
 * - `ruleSetById(id)`: a specific version, for a caller that must name one (re-running a past
 *   decision, comparing versions). It is not refused when its period does not cover the as-of date;
 *   instead every assessment says `ruleSetInForce: false`, so a hypothetical answer is never
 *   mistaken for the binding one.
 */
import { asOfDate } from './calendar.js';
import { parseRuleSet, RuleSetError, type RuleSet, type RuleSetOfKind } from './rule-set.js';
import type { IsoDate, RuleSetKind } from './types.js';

export interface RuleSetSource {
  /** The file's name as errors should show it, e.g. rules/services-2021.yaml. */
  file: string;
  text: string;
}

export interface RuleSetRegistry {
  readonly ruleSets: readonly RuleSet[];
  ruleSetInForce<K extends RuleSetKind>(kind: K, asOf: IsoDate): RuleSetOfKind<K>;
  ruleSetById(id: string): RuleSet;
}

/** Whether a rule set is in force on `asOf` (its end date is exclusive). */
export function isInForce(ruleSet: RuleSet, asOf: IsoDate): boolean {
  return ruleSet.validFrom <= asOf && (ruleSet.validTo === null || asOf < ruleSet.validTo);
}

const period = (ruleSet: RuleSet) => `${ruleSet.id} (${ruleSet.validFrom} to ${ruleSet.validTo ?? 'open'})`;

/**
 * Parses every file and refuses the lot if any is invalid, two share an id, or two of the same kind
 * are in force on the same day (which one applies would be a guess).
 */
export function createRuleSetRegistry(sources: readonly RuleSetSource[]): RuleSetRegistry {
  if (sources.length === 0) throw new RuleSetError('(no files)', 'no rule sets were given; points cannot be computed without rules');
  const ruleSets = sources.map(({ file, text }) => parseRuleSet(file, text));

  const byId = new Map<string, RuleSet>();
  for (const ruleSet of ruleSets) {
    const other = byId.get(ruleSet.id);
    if (other) throw new RuleSetError(ruleSet.file, `id ${ruleSet.id} is also the id of ${other.file}`);
    byId.set(ruleSet.id, ruleSet);
  }

  const sorted = [...ruleSets].sort((a, b) => a.kind.localeCompare(b.kind) || a.validFrom.localeCompare(b.validFrom));
  sorted.forEach((ruleSet, i) => {
    const before = sorted[i - 1];
    if (before && before.kind === ruleSet.kind && (before.validTo === null || before.validTo > ruleSet.validFrom)) {
      throw new RuleSetError(ruleSet.file, `its validity ${period(ruleSet)} overlaps ${period(before)} of the same kind (${before.file})`);
    }
  });

  return {
    ruleSets: sorted,
    ruleSetInForce<K extends RuleSetKind>(kind: K, asOf: IsoDate): RuleSetOfKind<K> {
      asOfDate(asOf);
      const ofKind = sorted.filter((ruleSet) => ruleSet.kind === kind);
      const found = ofKind.find((ruleSet) => isInForce(ruleSet, asOf));
      if (found) return found as RuleSetOfKind<K>;
      const earlier = ofKind.filter((ruleSet) => ruleSet.validTo !== null && ruleSet.validTo <= asOf).at(-1);
      const later = ofKind.find((ruleSet) => ruleSet.validFrom > asOf);
      const nearest = [earlier && `the last before it is ${period(earlier)}`, later && `the next is ${period(later)}`].filter(Boolean);
      throw new NoRuleSetInForceError(
        kind,
        asOf,
        `no ${kind} rule set is in force on ${asOf}; ${nearest.length > 0 ? nearest.join(' and ') : `there are no ${kind} rule sets`}`,
      );
    },
    ruleSetById(id: string): RuleSet {
      const found = byId.get(id);
      if (!found) throw new RangeError(`no rule set has the id ${id}; known: ${[...byId.keys()].join(', ')}`);
      return found;
    },
  };
}

/** No rule set of a kind covers the date asked about. Answers must not guess a nearby one. */
export class NoRuleSetInForceError extends Error {
  constructor(
    readonly kind: RuleSetKind,
    readonly asOf: IsoDate,
    message: string,
  ) {
    super(message);
    this.name = 'NoRuleSetInForceError';
  }
}
