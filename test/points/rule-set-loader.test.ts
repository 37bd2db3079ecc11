/**
 * The loader fails closed: a rule-set file that is not exactly what the engine expects is refused at
 * load time with an error naming the file and the problem, never read with a default.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadRuleSets, readRuleSetFiles } from '../../rules/index.js';
import { createRuleSetRegistry, RuleSetError, type RuleSetSource } from '../../src/domain/points/index.js';

const shipped = readRuleSetFiles();
const source = (id: string): RuleSetSource => shipped.find((s) => s.file === `rules/${id}.yaml`)!;

/** The parts of a parsed rule-set file the edits below touch; anything else passes through. */
interface Entry {
  [key: string]: unknown;
}
interface Item {
  id: string;
  owner: string;
  kind?: string;
  note?: string;
  appliesTo?: string[];
  rule?: { zh?: string; en?: string };
  params?: Entry & { levels?: Entry[]; bands?: Entry[] };
}
interface Doc {
  [key: string]: unknown;
  id: string;
  validFrom: string;
  validTo: string | null;
  threshold?: { points: number; confidence: string };
  indicators: Item[];
  conditions: Item[];
  tiers: Item[];
}
/** A shipped file, changed by `edit` (on the parsed document), as a source named `file`. */
function edited(id: string, edit: (doc: Doc) => void, file = `rules/${id}.yaml`): RuleSetSource {
  const doc = parse(source(id).text) as Doc;
  edit(doc);
  return { file, text: stringify(doc) };
}
const indicator = (doc: Doc, id: string): Item & { params: NonNullable<Item['params']> } => {
  const found = doc.indicators.find((i) => i.id === id);
  if (!found?.params) throw new Error(`no indicator ${id} with params`);
  return found as Item & { params: NonNullable<Item['params']> };
};

/** Loads the shipped files with `replacement` in place of (or beside) its namesake. */
function loadWith(...replacements: RuleSetSource[]) {
  const files = shipped.filter((s) => !replacements.some((r) => r.file === s.file));
  return () => createRuleSetRegistry([...files, ...replacements]);
}

function refusal(load: () => unknown): RuleSetError {
  try {
    load();
  } catch (error) {
    if (error instanceof RuleSetError) return error;
    throw error;
  }
  throw new Error('the rule sets were accepted');
}

describe('the shipped rule sets', () => {
  it('load, five of them, each checked', () => {
    expect(loadRuleSets().ruleSets.map((r) => r.id)).toEqual(['services-2021', 'settlement-2014', 'settlement-2016', 'settlement-2020', 'settlement-2023']);
  });

  it('mark every value POINTS.md does not give as U, with a note', () => {
    const ruleSets = loadRuleSets().ruleSets;
    for (const ruleSet of ruleSets) {
      for (const item of [...ruleSet.indicators, ...ruleSet.conditions, ...(ruleSet.kind === 'services' ? ruleSet.tiers : [])]) {
        if (item.confidence === 'U') expect(item.note, `${ruleSet.id} ${item.id}`).toBeTruthy();
      }
    }
    const services = ruleSets.find((r) => r.id === 'services-2021')!;
    expect(services.kind === 'services' && services.tiers.every((t) => t.confidence === 'U')).toBe(true);
    expect(services.indicators.find((i) => i.id === 'income-tax')!.confidence).toBe('U');
    for (const id of ['settlement-2016', 'settlement-2020', 'settlement-2023']) {
      expect(ruleSets.find((r) => r.id === id)!.indicators.every((i) => i.confidence === 'U'), id).toBe(true);
    }
    expect(ruleSets.find((r) => r.id === 'settlement-2014')!.indicators.find((i) => i.id === 'education')!.confidence).toBe('A');
  });
});

describe('a rule-set file is refused, naming the file and the problem, when', () => {
  it.each([
    {
      when: 'it has an unknown top-level key',
      file: edited('services-2021', (d) => (d.threshhold = 60)),
      problem: '(file).threshhold: unknown key',
    },
    {
      when: 'an indicator has an unknown key (a misspelt cap must not mean "no cap")',
      file: edited('services-2021', (d) => {
        const housing = indicator(d, 'housing');
        housing.params.capp = housing.params.cap;
        delete housing.params.cap;
      }),
      problem: 'indicators[1].params.capp: unknown key; allowed here: ownedTenures, ownedPoints, perYearTenures, pointsPerYear, cap',
    },
    {
      when: 'a value has the wrong type',
      file: edited('services-2021', (d) => (indicator(d, 'residence-permit').params.pointsPerYear = '8')),
      problem: 'indicators[0].params.pointsPerYear: must be a whole number from 0 to 1000, got "8"',
    },
    {
      when: 'points are a fraction',
      file: edited('settlement-2014', (d) => (d.threshold!.points = 59.5)),
      problem: 'threshold.points: must be a whole number',
    },
    {
      when: 'a district code is not a Guangzhou district',
      file: edited('services-2021', (d) => (indicator(d, 'moved-out-of-central-districts').params.centralDistricts = ['440104', '440199'])),
      problem: '440199 is not the GB/T 2260 code of a current Guangzhou district',
    },
    {
      when: 'the English rule text is missing',
      file: edited('services-2021', (d) => delete indicator(d, 'age').rule!.en),
      problem: 'indicators[5].rule.en: is missing',
    },
    {
      when: 'the Chinese rule text is empty',
      file: edited('settlement-2023', (d) => (d.conditions[0]!.rule!.zh = '  ')),
      problem: 'conditions[0].rule.zh: must be text',
    },
    {
      when: 'a tier has no rule text',
      file: edited('services-2021', (d) => delete d.tiers[0]!.rule),
      problem: 'tiers[0].rule: is missing',
    },
    {
      when: 'validTo is before validFrom',
      file: edited('settlement-2016', (d) => (d.validTo = '2015-12-31')),
      problem: 'validTo: 2015-12-31 is not after validFrom 2016-01-01: the dates are out of order',
    },
    {
      when: 'a date is not a calendar date',
      file: edited('services-2021', (d) => (d.validFrom = '2021-11-31')),
      problem: 'validFrom: must be a date written YYYY-MM-DD',
    },
    {
      when: 'an indicator has an unknown owner',
      file: edited('services-2021', (d) => (indicator(d, 'housing').owner = 'land-bureau')),
      problem: 'indicators[1].owner: "land-bureau" is not a department that computes points',
    },
    {
      when: 'an indicator names an owner that does not hold its data',
      file: edited('services-2021', (d) => (indicator(d, 'income-tax').owner = 'hrss')),
      problem: 'indicator income-tax is computed from tax data (src/domain/points/indicators/tax.ts), not hrss',
    },
    {
      when: 'an indicator has an unknown kind',
      file: edited('services-2021', (d) => (indicator(d, 'awards').kind = 'extra')),
      problem: 'indicators[14].kind: must be one of basic, bonus, deduction, got "extra"',
    },
    {
      when: 'a deduction is written as a bonus',
      file: edited('services-2021', (d) => (indicator(d, 'poor-credit').kind = 'bonus')),
      problem: 'indicator poor-credit can be deduction, not bonus',
    },
    {
      when: 'an indicator is unknown to the engine',
      file: edited('services-2021', (d) => d.indicators.push({ ...indicator(d, 'awards'), id: 'patents' })),
      problem: 'unknown indicator "patents"',
    },
    {
      when: 'an indicator appears twice',
      file: edited('services-2021', (d) => d.indicators.push(indicator(d, 'awards'))),
      problem: 'indicators: "awards" appears twice',
    },
    {
      when: 'a value is marked U without a note',
      file: edited('services-2021', (d) => delete d.tiers[2]!.note),
      problem: 'tiers[2].note: is missing: a value marked U must say what is unverified and why',
    },
    {
      when: 'a table row is marked U without a note',
      file: edited('services-2021', (d) => delete indicator(d, 'education').params.levels![3]!.note),
      problem: 'indicators[6].params.levels[3].note: is missing',
    },
    {
      when: 'tax bands do not rise',
      file: edited('services-2021', (d) => (indicator(d, 'income-tax').params.bands![1]!.minFen = 500_000)),
      problem: 'bands must rise',
    },
    {
      when: 'a condition applies to a tier that does not exist',
      file: edited('services-2021', (d) => (d.conditions[2]!.appliesTo = ['public-housing'])),
      problem: 'conditions[2].appliesTo: "public-housing" is not a tier of this rule set',
    },
    {
      when: 'a settlement condition names tiers',
      file: edited('settlement-2023', (d) => (d.conditions[0]!.appliesTo = ['housing-security'])),
      problem: 'only services rule sets have tiers',
    },
    {
      when: 'a condition without parameters is given some',
      file: edited('settlement-2023', (d) => (d.conditions[0]!.params = { years: 1 })),
      problem: 'condition employed-in-guangzhou takes no parameters',
    },
    {
      when: 'a settlement rule set has no threshold',
      file: edited('settlement-2023', (d) => delete d.threshold),
      problem: '(file).threshold: is missing',
    },
    {
      when: 'a services rule set has a threshold instead of tiers',
      file: edited('services-2021', (d) => (d.threshold = { points: 60, confidence: 'A' })),
      problem: '(file).threshold: unknown key',
    },
    {
      when: 'its id is not its file name',
      file: edited('settlement-2020', (d) => (d.id = 'settlement-2021')),
      problem: 'id: "settlement-2021" must match the file name (settlement-2020)',
    },
  ])('$when', ({ file, problem }) => {
    const error = refusal(loadWith(file));
    expect(error.file).toBe(file.file);
    expect(error.message).toContain(problem);
    expect(error.message.startsWith(`rule set ${file.file}: `)).toBe(true);
  });

  it('it is not valid YAML, or repeats a key', () => {
    const broken = { file: 'rules/services-2021.yaml', text: `${source('services-2021').text}\n  - : [` };
    expect(refusal(loadWith(broken)).message).toMatch(/^rule set rules\/services-2021\.yaml: not valid YAML/);
    const repeated = { file: 'rules/services-2021.yaml', text: source('services-2021').text.replace('kind: services', 'kind: services\nkind: settlement') };
    expect(refusal(loadWith(repeated)).message).toContain('Map keys must be unique');
  });

  it('two rule sets of the same kind are in force on the same day', () => {
    const overlapping = edited('settlement-2020', (d) => (d.validTo = '2023-06-01'));
    const error = refusal(loadWith(overlapping));
    expect(error.file).toBe('rules/settlement-2023.yaml');
    expect(error.message).toContain('its validity settlement-2023 (2023-01-01 to open) overlaps settlement-2020 (2020-01-01 to 2023-06-01)');
  });

  it('an open-ended rule set is followed by another of its kind', () => {
    const later = edited('settlement-2023', (d) => {
      d.id = 'settlement-2026';
      d.validFrom = '2026-01-01';
    }, 'rules/settlement-2026.yaml');
    expect(refusal(loadWith(later)).message).toContain('overlaps settlement-2023 (2023-01-01 to open)');
  });

  it('two files carry the same id', () => {
    const copy = { ...source('settlement-2016'), file: 'other/settlement-2016.yaml' };
    expect(refusal(loadWith(copy)).message).toContain('id settlement-2016 is also the id of rules/settlement-2016.yaml');
  });

  it('there are no rule sets at all', () => {
    expect(refusal(() => createRuleSetRegistry([])).message).toContain('no rule sets were given');
  });

  it('a rule set in the folder ends in .yml (it would otherwise be skipped without a word)', () => {
    const directory = mkdtempSync(join(tmpdir(), 'rules-'));
    writeFileSync(join(directory, 'services-2021.yml'), source('services-2021').text);
    expect(refusal(() => loadRuleSets(directory)).message).toBe('rule set rules/services-2021.yml: rule-set files end in .yaml');
  });
});
