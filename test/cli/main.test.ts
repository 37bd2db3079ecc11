import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dispatch, editDistance } from '../../src/cli/main.js';
import { report, UsageError } from '../../src/cli/exit.js';
import { BIN, cli, inProcess } from './cli.js';

const COMMANDS = ['start', 'migrate', 'seed', 'token', 'audit verify', 'audit export', 'bench'];

describe('city-population-gateway', () => {
  it('--help lists every command with what it does, and the exit codes', () => {
    const result = cli(['--help']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    expect(result.stdout).toMatch(/Exit codes: 0 done, 1 failed .*\n2 bad arguments or configuration, 3 database unreachable/);
  });

  it('an unknown command exits 2 naming the commands and the nearest one, printing nothing on stdout', () => {
    const result = cli(['sed', '--persons', '10']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Unknown command "sed"\. Did you mean "city-population-gateway seed"\?/);
    expect(result.stderr).toMatch(/Commands: start, migrate, seed, token, audit verify, audit export, bench, supergraph, compose, subgraph, assertion-keys, operations build\./);
  });

  it('is an executable node script, and package.json names it as the bin', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.bin).toEqual({ 'city-population-gateway': BIN });
    // With a larger young generation (see the entry's comment); env -S splits the flag from the command.
    expect(readFileSync(BIN, 'utf8')).toMatch(/^#!\/usr\/bin\/env -S node --max-semi-space-size=64\n/);
    expect(statSync(BIN).mode & 0o111).toBe(0o111);
    // Run through its own first line, as npx runs it.
    expect(execFileSync(BIN, ['--help'], { encoding: 'utf8' })).toMatch(/^Usage: city-population-gateway <command>/);
  });

  it('the npm scripts run the same dispatcher', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(scripts).toMatchObject({
      start: 'tsx --max-semi-space-size=64 src/cli/main.ts start',
      dev: 'tsx watch src/cli/main.ts start',
      migrate: 'tsx src/cli/main.ts migrate',
      seed: 'tsx src/cli/main.ts seed',
      token: 'tsx src/cli/main.ts token',
      'audit:verify': 'tsx src/cli/main.ts audit verify',
      'audit:export': 'tsx src/cli/main.ts audit export',
      bench: 'tsx --max-semi-space-size=64 src/cli/main.ts bench',
    });
  });
});

// In this process from here on: what needs no database or process of its own.
describe('the dispatcher', () => {
  it.each(COMMANDS)('"%s --help" prints that command\'s usage on stdout', async (command) => {
    const result = await inProcess(() => dispatch([...command.split(' '), '--help']));
    expect(result.error).toBeUndefined();
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(new RegExp(`^Usage: city-population-gateway ${command}\\b`));
    expect(result.stdout).toMatch(/\n {3}or: npm (start|run)/);
    expect(result.stdout).toMatch(/Exit codes: 0 /);
  });

  it('"help seed" is "seed --help"', async () => {
    const result = await inProcess(() => dispatch(['help', 'seed']));
    expect(result.stdout).toMatch(/^Usage: city-population-gateway seed --persons N/);
  });

  it('start --help lists the environment it is configured by', async () => {
    const { stdout } = await inProcess(() => dispatch(['start', '--help']));
    for (const name of ['DATABASE_URL', 'PGLITE_DIR', 'DATABASE_POOL_SIZE', 'PORT', 'HOST', 'DEMO_PERSONS', 'AUTH_JWKS_FILE', 'AUTH_PUBLIC_KEY_FILE', 'AUTH_ALGORITHM', 'AUTH_HS256_SECRET', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'DEV_KEYS_DIR', 'NODE_ENV']) {
      expect(stdout).toContain(name);
    }
  });

  it('"audit --help" lists verify and export', async () => {
    const { stdout, error } = await inProcess(() => dispatch(['audit', '--help']));
    expect(error).toBeUndefined();
    expect(stdout).toMatch(/^Usage: city-population-gateway audit <verify\|export>/);
    expect(stdout).toMatch(/^ {2}audit verify +recompute/m);
    expect(stdout).toMatch(/^ {2}audit export +write/m);
  });

  it('--version prints the version in package.json', async () => {
    const { stdout } = await inProcess(() => dispatch(['--version']));
    expect(stdout).toBe(`${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`);
  });

  it.each([
    [[], /^city-population-gateway needs a command: start, migrate, seed, token, audit verify, audit export, bench, supergraph, compose, subgraph, assertion-keys, operations build\.\n\nUsage:/],
    [['audit'], /^city-population-gateway audit needs a command: verify, export\.\n\nUsage: city-population-gateway audit/],
    [['audit', 'verfy'], /Unknown command "verfy"\. Did you mean "city-population-gateway audit verify"\?\nCommands: verify, export\./],
    [['audit:export'], /Did you mean "city-population-gateway audit export"\?/],
    [['verify'], /Did you mean "city-population-gateway audit verify"\?/],
    [['strat'], /Did you mean "city-population-gateway start"\?/],
    [['launch'], /^Unknown command "launch"\.\nCommands: /],
    [['--verbose', 'seed'], /^Unknown option "--verbose" before the command\./],
    [['seed', '--persons', 'many'], /--persons must be a whole number from 1 to 10000000, got "many"\n\nUsage: city-population-gateway seed/],
    [['seed'], /--persons is required/],
    [['audit', 'export', '--to', '2026-11-03', '--format', 'csv'], /--from is required/],
    [['audit', 'export', '--from', '2026-13-45', '--to', '2026-11-03', '--format', 'csv'], /--from must be a date/],
    [['audit', 'export', '--from', '2026-11-05', '--to', '2026-11-03', '--format', 'csv'], /--from must be before --to/],
    [['bench', '--rounds', '3'], /--persons must be ≥ 1000 and --rounds ≥ 10/],
  ])('%j is a usage error: exit 2, the message on stderr, nothing on stdout', async (argv, message) => {
    const result = await inProcess(() => dispatch(argv));
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stdout).toBe('');
    let stderr = '';
    expect(report(result.error, { write: (text: string) => (stderr += text) })).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('counts a swap of two letters as one edit', () => {
    expect([editDistance('strat', 'start'), editDistance('sed', 'seed'), editDistance('', 'abc'), editDistance('token', 'token')]).toEqual([1, 1, 3, 0]);
  });
});
