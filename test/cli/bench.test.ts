import { describe, expect, it } from 'vitest';
import { cli } from './cli.js';

describe('city-population-gateway bench', () => {
  it('exits 2 below its smallest meaningful run, with the message on stderr and nothing on stdout', () => {
    const result = cli(['bench', '--persons', '10']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^--persons must be ≥ 1000 and --rounds ≥ 10\n\nUsage: city-population-gateway bench/);
  });
});
