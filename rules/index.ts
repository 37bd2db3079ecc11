/**
 * The rule sets shipped with the gateway: every *.yaml file in this folder, read once at start-up
 * and checked together (src/domain/points/registry.ts). The reading lives here, beside the data,
 * because src/domain is pure and may not touch the file system (eslint.config.js).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleSetError } from '../src/domain/points/rule-set.js';
import { createRuleSetRegistry, type RuleSetRegistry, type RuleSetSource } from '../src/domain/points/registry.js';

export const RULES_DIRECTORY = fileURLToPath(new URL('.', import.meta.url));

/** The rule-set files of a folder, as the registry takes them (named relative to the repository). */
export function readRuleSetFiles(directory = RULES_DIRECTORY): RuleSetSource[] {
  const names = readdirSync(directory).sort();
  // A .yml file would otherwise be skipped without a word: a rule set that silently does not exist.
  const misnamed = names.find((name) => name.endsWith('.yml'));
  if (misnamed) throw new RuleSetError(`rules/${misnamed}`, 'rule-set files end in .yaml');
  return names.filter((name) => name.endsWith('.yaml')).map((name) => ({ file: `rules/${name}`, text: readFileSync(join(directory, name), 'utf8') }));
}

/** All rule sets of a folder (by default this one), or an error naming the file and the problem. */
export function loadRuleSets(directory = RULES_DIRECTORY): RuleSetRegistry {
  return createRuleSetRegistry(readRuleSetFiles(directory));
}
