import { loadRuleSets } from '../../../rules/index.js';
import { NoRuleSetInForceError, type RuleSet, type RuleSetKind, type RuleSetRegistry } from '../../domain/points/index.js';
import { BadUserInputError } from '../errors.js';

let registry: RuleSetRegistry | undefined;

/** The rule sets in rules/, read and checked once per process (a bad file stops the start: see the catalog). */
export const ruleSets = (): RuleSetRegistry => (registry ??= loadRuleSets());

/** The rule set of `kind` in force on `asOf`, or a BAD_USER_INPUT saying which dates have one. */
export function ruleSetFor(kind: RuleSetKind, asOf: string): RuleSet {
  try {
    return ruleSets().ruleSetInForce(kind, asOf);
  } catch (error) {
    if (error instanceof NoRuleSetInForceError) throw new BadUserInputError(`${error.message}; ask for a date a rule set covers (asOf)`, { reason: 'no rule set in force', kind, asOf });
    throw error;
  }
}
