import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { cli } from './cli.js';

/** The two commands a department's own CI and a standard router need: the supergraph, and the check. */
const folder = mkdtempSync(join(tmpdir(), 'compose-check-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const civilSdl = readFileSync(join(SUBGRAPHS.find((m) => m.name === 'civil')!.folder, 'schema.graphql'), 'utf8');

describe('supergraph', () => {
  it('prints the supergraph SDL naming every subgraph, and nothing else', () => {
    const { status, stdout, stderr } = cli(['supergraph']);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const graphs = stdout.slice(stdout.indexOf('enum join__Graph'), stdout.indexOf('}', stdout.indexOf('enum join__Graph')));
    for (const { name } of SUBGRAPHS) expect(graphs).toContain(`@join__graph(name: "${name}", url: "in-process://${name}")`);
    // Person is one entity, keyed by the citizen ID, in every subgraph that holds a slice of it.
    const person = stdout.slice(stdout.indexOf('\ntype Person\n'), stdout.indexOf('{', stdout.indexOf('\ntype Person\n')));
    for (const name of ['registry', 'civil', 'permits', 'points']) expect(person).toContain(`@join__type(graph: ${name.toUpperCase()}, key: "citizenId")`);
  });
});

describe('compose --check', () => {
  it('exits 0 for a schema that keeps every granted field', () => {
    const file = join(folder, 'civil-same.graphql');
    writeFileSync(file, civilSdl);
    const { status, stdout } = cli(['compose', '--check', '--schema', `civil=${file}`]);
    expect(status).toBe(0);
    expect(stdout).toContain('It composes, and every grant of the sharing policy still names fields the schema has.');
  });

  it('exits 1 for a schema that removes a granted field, naming the field lost and the grants that name it', () => {
    const file = join(folder, 'civil-renamed.graphql');
    writeFileSync(file, civilSdl.replace('  maritalStatus: MaritalStatus', '  maritalStatusNow: MaritalStatus'));
    const { status, stdout, stderr } = cli(['compose', '--check', '--schema', `civil=${file}`]);
    expect(status).toBe(1);
    expect(stdout).toContain("The callers' schema loses 1: CivilAffairsSlice.maritalStatus");
    expect(stderr).toMatch(/^The change cannot be deployed:\n {2}- sharing policy: grants\[\d+\] \(civil-affairs \/ [a-z-]+\) full: "CivilAffairsSlice\.maritalStatus"/);
  });

  it('exits 2 without --check, for a subgraph the city does not have, and for a file that is not there', () => {
    for (const args of [['compose'], ['compose', '--check', '--schema', `library=${join(folder, 'civil-same.graphql')}`], ['compose', '--check', '--schema', 'civil=/nonexistent.graphql']]) {
      const { status, stdout, stderr } = cli(args);
      expect(status, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('Usage: city-population-gateway compose --check');
    }
  });
});
