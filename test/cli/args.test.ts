import { describe, expect, it } from 'vitest';
import { parseOptions, parseOptionsAndArguments } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/exit.js';

const options = { kid: { type: 'string' }, force: { type: 'boolean' } } as const;

describe('command-line options', () => {
  it('takes the next word as an option’s value even when it begins with a dash (one key id in 64 does)', () => {
    expect(parseOptions(['--kid', '-Zx3_q'], options, 'usage')).toEqual({ kid: '-Zx3_q' });
    expect(parseOptions(['--kid=-Zx3_q', '--force'], options, 'usage')).toEqual({ kid: '-Zx3_q', force: true });
  });

  it('still refuses an option missing its value, an unknown option and a stray word', () => {
    expect(() => parseOptions(['--kid'], options, 'usage')).toThrow(UsageError);
    expect(() => parseOptions(['--nope', 'x'], options, 'usage')).toThrow(/Unknown option '--nope'/);
    expect(() => parseOptions(['--force', 'stray'], options, 'usage')).toThrow(UsageError);
  });

  it('leaves words after -- alone', () => {
    expect(parseOptionsAndArguments(['--force', '--', '--kid', 'x'], options, 'usage')).toEqual({ values: { force: true }, positionals: ['--kid', 'x'] });
  });
});
