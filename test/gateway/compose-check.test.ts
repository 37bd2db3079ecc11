import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkComposition, UnknownSubgraphError } from '../../src/gateway/compose-check.js';
import { readPolicyFile } from '../../src/policy/policy-file.js';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';

/**
 * `compose --check`: what a department's CI runs before it deploys a changed subgraph schema. The
 * city's modules, the changed schema put in, composed and held to the sharing policy.
 */
const civil = SUBGRAPHS.find((module) => module.name === 'civil')!;
const CIVIL_SDL = readFileSync(join(civil.folder, 'schema.graphql'), 'utf8');
const policy = readPolicyFile();
const check = (sdl: string, subgraph = 'civil') => checkComposition(SUBGRAPHS, [{ subgraph, source: `${subgraph}/schema.graphql`, sdl }], policy);

/** The civil schema with one line changed; fails the test if the line is not there. */
function civilWith(from: string, to: string): string {
  expect(CIVIL_SDL).toContain(from);
  return CIVIL_SDL.replace(from, to);
}

describe('checking a proposed subgraph schema', () => {
  it('passes the schemas as they are, losing and gaining nothing', () => {
    expect(check(CIVIL_SDL)).toEqual({ problems: [], removed: [], added: [] });
    expect(checkComposition(SUBGRAPHS, [], policy)).toEqual({ problems: [], removed: [], added: [] });
  });

  it('passes a field added, listing it: no grant names it yet, so no caller reads it', () => {
    const sdl = civilWith('type CivilAffairsSlice {', 'type CivilAffairsSlice {\n  "Proposed. Owner: civil-affairs. Sensitivity: personal."\n  funeralSubsidy: Boolean');
    expect(check(sdl)).toEqual({ problems: [], removed: [], added: ['CivilAffairsSlice.funeralSubsidy'] });
  });

  it('refuses removing a field a grant names, naming every grant that names it', () => {
    const result = check(civilWith('  maritalStatus: MaritalStatus', '  maritalStatusNow: MaritalStatus'));
    expect(result.removed).toEqual(['CivilAffairsSlice.maritalStatus']);
    expect(result.added).toEqual(['CivilAffairsSlice.maritalStatusNow']);
    const grants = policy.grants.filter((g) => Object.values(g.fields).flat().includes('CivilAffairsSlice.maritalStatus'));
    expect(grants.length).toBeGreaterThan(0);
    for (const { department, purpose } of grants) {
      expect(result.problems).toContainEqual(expect.stringMatching(new RegExp(`${department} / ${purpose}.*CivilAffairsSlice\\.maritalStatus`)));
    }
  });

  it("refuses a schema that does not compose, with the composer's message", () => {
    const result = check(civilWith('  citizenId: CitizenId!', '  citizenId: Int!'));
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((p) => p.startsWith('composition: '))).toBe(true);
    expect(result.problems.join('\n')).toMatch(/Person\.citizenId/);
  });

  it("refuses SDL that does not parse, at its line in the department's own file", () => {
    const broken = `${CIVIL_SDL}\ntype Broken { field: }\n`;
    const line = broken.split('\n').findIndex((text) => text.startsWith('type Broken')) + 1;
    const result = check(broken);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^civil\/schema\.graphql: Syntax Error/);
    expect(result.problems[0]).toContain(`GraphQL request:${line}:`);
  });

  it('refuses a citizen ID on a new type the manifest does not say whom it stands for (the audit would miss them)', () => {
    const sdl = `${CIVIL_SDL}\n"Proposed. Owner: civil-affairs."\ntype Guardian {\n  "Proposed. Owner: civil-affairs. Sensitivity: personal."\n  wardCitizenId: CitizenId\n}\n`;
    const [problem] = check(sdl).problems;
    expect(problem).toMatch(/Guardian/);
  });

  it('cannot be asked of an assessment, whose schema comes from the departments, nor of a subgraph the city does not have', () => {
    expect(check('type Query { x: Int }', 'points').problems).toEqual([expect.stringMatching(/made from the departments' answers/)]);
    expect(() => check(CIVIL_SDL, 'library')).toThrow(UnknownSubgraphError);
  });
});
