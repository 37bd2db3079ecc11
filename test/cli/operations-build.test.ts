import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, print } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-operations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hashOf = (text: string) => createHash('sha256').update(print(parse(text))).digest('hex');

function folder(name: string, files: Record<string, string>): string {
  const path = join(dir, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(path, file, '..'), { recursive: true });
    writeFileSync(join(path, file), text);
  }
  return path;
}

const LOOKUPS = `# The registry desk's lookups.
query Household($id: CitizenId!) { person(citizenId: $id) { ...Basic registration { status } } }
query Names($ids: [CitizenId!]!) { persons(citizenIds: $ids) { ...Basic } }
fragment Basic on Person { citizenId name }
`;
const HISTORY = 'query History($id: CitizenId!) { person(citizenId: $id) { birthDate } }';

describe('city-population-gateway operations build', () => {
  it('prints the allow-list of one application: each operation alone with its fragments, under the hash the audit records', () => {
    const source = folder('desk', { 'lookups.graphql': LOOKUPS, 'nested/history.graphql': HISTORY, 'README.md': 'not an operation' });
    const result = cli(['operations', 'build', source, '--department', 'public-security', '--app', 'registry-desk']);
    expect(result.stderr).toBe('public-security/registry-desk: 3 operation(s) from 2 file(s)\n');
    expect(result.status).toBe(0);
    const file = JSON.parse(result.stdout) as { version: number; applications: Record<string, Record<string, { name: string; text: string; source: string }>> };
    expect(file.version).toBe(1);
    const operations = file.applications['public-security/registry-desk']!;
    expect(Object.values(operations).map((o) => [o.name, o.source])).toEqual(
      expect.arrayContaining([['Household', 'lookups.graphql'], ['Names', 'lookups.graphql'], ['History', join('nested', 'history.graphql')]]),
    );
    for (const [hash, operation] of Object.entries(operations)) expect(hashOf(operation.text)).toBe(hash);
    const household = Object.values(operations).find((o) => o.name === 'Household')!;
    expect(household.text).toBe(print(parse('query Household($id: CitizenId!) { person(citizenId: $id) { ...Basic registration { status } } } fragment Basic on Person { citizenId name }')));
  });

  it("merges into --out: the application's operations are replaced, every other application's kept", () => {
    const out = join(dir, 'allowlist.json');
    const first = cli(['operations', 'build', folder('v1', { 'a.graphql': LOOKUPS }), '--department', 'public-security', '--app', 'registry-desk', '--out', out]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe('');
    const other = cli(['operations', 'build', folder('enrol', { 'e.graphql': 'query E($id: CitizenId!) { person(citizenId: $id) { education { highestLevel } } }' }), '--department', 'education', '--app', 'enrolment-portal', '--out', out]);
    expect(other.status, other.stderr).toBe(0);
    const second = cli(['operations', 'build', folder('v2', { 'h.graphql': HISTORY }), '--department', 'public-security', '--app', 'registry-desk', '--out', out]);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/^public-security\/registry-desk: 1 operation\(s\) from 1 file\(s\), 1 added, 2 removed; written to /);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(file.applications)).toEqual(['education/enrolment-portal', 'public-security/registry-desk']);
    expect(Object.keys(file.applications['public-security/registry-desk'])).toEqual([hashOf(HISTORY)]);
    expect(Object.keys(file.applications['education/enrolment-portal'])).toHaveLength(1);
  });

  it('refuses invalid operations with exit 2, naming each file, line and problem, and writes nothing', () => {
    const out = join(dir, 'never.json');
    const source = folder('broken', {
      'good.graphql': HISTORY,
      'typo.graphql': 'query Typo($id: CitizenId!) {\n  person(citizenId: $id) { shoeSize }\n}',
      'syntax.graphql': 'query {',
    });
    const result = cli(['operations', 'build', source, '--department', 'public-security', '--app', 'registry-desk', '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^Invalid operations; nothing was written:\n {2}syntax\.graphql: Syntax Error: .*\n {2}typo\.graphql:2:28: Cannot query field "shoeSize" on type "Person"\./);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a department outside the policy, a bad app name and a missing folder with exit 2 and the usage', () => {
    const source = folder('ok', { 'h.graphql': HISTORY });
    const unknown = cli(['operations', 'build', source, '--department', 'mayor', '--app', 'desk']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^--department must be a department of the sharing policy \(.*public-security.*\), got "mayor"\.[\s\S]*Usage: city-population-gateway operations build/);
    const app = cli(['operations', 'build', source, '--department', 'education', '--app', 'a/b']);
    expect(app.status).toBe(2);
    expect(app.stderr).toMatch(/^--app must be the application's name/);
    const missing = cli(['operations', 'build', join(dir, 'nowhere'), '--department', 'education', '--app', 'desk']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nowhere is not a folder/);
    expect(missing.stdout).toBe('');
  });
});
