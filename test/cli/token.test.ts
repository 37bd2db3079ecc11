import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.js';

const keys = { DEV_KEYS_DIR: join(mkdtempSync(join(tmpdir(), 'cli-token-')), 'keys') };
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+\n$/;

describe('city-population-gateway token', () => {
  it('prints the token and nothing else on stdout', () => {
    const result = cli(['token', '--dept', 'education', '--purpose', 'school-enrolment'], keys);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(JWT);
    expect(decodeJwt(result.stdout.trim())).toMatchObject({ department: 'education', purposes: ['school-enrolment'] });
  });

  it('through npx too, so $(npx city-population-gateway token …) is the token (npm run without -s adds its banner)', () => {
    const stdout = execFileSync('npx', ['city-population-gateway', 'token', '--dept', 'education', '--purpose', 'school-enrolment'], {
      env: { ...process.env, ...keys },
      encoding: 'utf8',
    });
    expect(stdout).toMatch(JWT);
  });

  it('exits 2 on a purpose the department may not use, printing no token', () => {
    const result = cli(['token', '--dept', 'education', '--purpose', 'tax-administration'], keys);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^--purpose "tax-administration" is not a purpose of education; it may use: [\s\S]*Usage: city-population-gateway token/);
  });
});
