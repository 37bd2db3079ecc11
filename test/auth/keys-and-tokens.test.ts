import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { authenticate } from '../../src/auth/caller.js';
import { loadSigner, loadVerifier } from '../../src/auth/keys.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { parseTtl } from '../../src/cli/duration.js';

const DEPARTMENTS = { education: 'Education Bureau' };
const tmp = () => mkdtempSync(join(tmpdir(), 'keys-'));

function configProblems(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  return '';
}

describe('key configuration', () => {
  it('refuses development keys when NODE_ENV=production', () => {
    expect(configProblems({ NODE_ENV: 'production' })).toMatch(/NODE_ENV=production needs AUTH_JWKS_FILE, AUTH_PUBLIC_KEY_FILE or AUTH_HS256_SECRET/);
  });

  it('reads AUTH_MAX_TOKEN_LIFETIME as a duration or seconds, 24h by default, and refuses nonsense or more than a week', () => {
    expect(loadConfig({}).auth.maxTokenLifetimeSeconds).toBe(86_400);
    expect(['90m', '8h', '3600', '3600s', '7d'].map((v) => loadConfig({ AUTH_MAX_TOKEN_LIFETIME: v }).auth.maxTokenLifetimeSeconds)).toEqual([5400, 28_800, 3600, 3600, 604_800]);
    for (const bad of ['0', '8d', 'a day', '-1h', '1.5h']) {
      expect(configProblems({ AUTH_MAX_TOKEN_LIFETIME: bad })).toMatch(/AUTH_MAX_TOKEN_LIFETIME must be a duration such as 24h/);
    }
  });

  it('refuses two key sources, a short HS256 secret, a missing file and a PEM without its algorithm', () => {
    expect(configProblems({ AUTH_HS256_SECRET: 'x'.repeat(40), AUTH_JWKS_FILE: '/nope.json' })).toMatch(/set only one of AUTH_JWKS_FILE, AUTH_HS256_SECRET/);
    expect(configProblems({ AUTH_HS256_SECRET: 'short' })).toMatch(/at least 32 bytes/);
    expect(configProblems({ AUTH_JWKS_FILE: '/nope.json' })).toMatch(/AUTH_JWKS_FILE names \/nope.json, which does not exist/);
    const pem = join(tmp(), 'key.pem');
    writeFileSync(pem, 'x');
    expect(configProblems({ AUTH_PUBLIC_KEY_FILE: pem })).toMatch(/AUTH_ALGORITHM must be one of RS256, ES256, EdDSA/);
  });

  it('makes development keys once, keeps the private key private, and verifies what it signs', async () => {
    const dir = tmp();
    const config = loadConfig({ DEV_KEYS_DIR: dir });
    const signer = (await loadSigner(config.auth))!;
    const again = (await loadSigner(config.auth))!;
    expect(again.kid).toBe(signer.kid);
    expect(statSync(join(dir, 'private.jwk.json')).mode & 0o777).toBe(0o600);
    const verifier = await loadVerifier(config.auth);
    expect(verifier.development).toBe(true);
    const token = await new SignJWT({ department: 'education' })
      .setProtectedHeader({ alg: 'ES256', kid: signer.kid })
      .setSubject('dev')
      .setIssuer(signer.issuer)
      .setAudience(signer.audience)
      .setExpirationTime('5m')
      .sign(signer.key);
    expect((await authenticate(`Bearer ${token}`, verifier, DEPARTMENTS)).department).toBe('education');
  });

  it('verifies EdDSA tokens against a configured JWKS file, by key id', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    const jwks = join(tmp(), 'jwks.json');
    writeFileSync(jwks, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'idp-2026', alg: 'EdDSA' }] }));
    const verifier = await loadVerifier(loadConfig({ AUTH_JWKS_FILE: jwks, AUTH_ISSUER: 'idp', AUTH_AUDIENCE: 'gw' }).auth);
    const token = await new SignJWT({ department: 'education' }).setProtectedHeader({ alg: 'EdDSA', kid: 'idp-2026' }).setSubject('app-3').setIssuer('idp').setAudience('gw').setExpirationTime('5m').sign(privateKey);
    expect((await authenticate(`Bearer ${token}`, verifier, DEPARTMENTS)).subject).toBe('app-3');
  });

  it('verifies tokens against a configured PEM public key (RS256) and a shared HS256 secret', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = join(tmp(), 'public.pem');
    writeFileSync(pem, await exportSPKI(publicKey));
    const rsa = await loadVerifier(loadConfig({ AUTH_PUBLIC_KEY_FILE: pem, AUTH_ALGORITHM: 'RS256', AUTH_ISSUER: 'idp', AUTH_AUDIENCE: 'gw' }).auth);
    const rsaToken = await new SignJWT({ department: 'education' }).setProtectedHeader({ alg: 'RS256' }).setSubject('app-1').setIssuer('idp').setAudience('gw').setExpirationTime('5m').sign(privateKey);
    expect((await authenticate(`Bearer ${rsaToken}`, rsa, DEPARTMENTS)).subject).toBe('app-1');

    const hsConfig = loadConfig({ AUTH_HS256_SECRET: 's'.repeat(32) }).auth;
    const hs = await loadVerifier(hsConfig);
    const hsSigner = (await loadSigner(hsConfig))!;
    const hsToken = await new SignJWT({ department: 'education' }).setProtectedHeader({ alg: 'HS256' }).setSubject('app-2').setIssuer(hsSigner.issuer).setAudience(hsSigner.audience).setExpirationTime('5m').sign(hsSigner.key);
    expect((await authenticate(`Bearer ${hsToken}`, hs, DEPARTMENTS)).subject).toBe('app-2');
  });
});

describe('npm run token', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, ['bin/city-population-gateway.js', 'token', ...args], { env: { ...process.env, DEV_KEYS_DIR: tmp(), ...env }, encoding: 'utf8' });

  it('prints a token and nothing else, for the department and purpose asked', () => {
    const result = run(['--dept', 'education', '--purpose', 'school-enrolment', '--sub', 'teacher-7', '--ttl', '30m']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = decodeJwt(result.stdout.trim());
    expect(claims).toMatchObject({ sub: 'teacher-7', department: 'education', purposes: ['school-enrolment'] });
    expect(claims.exp! - claims.iat!).toBe(1800);
  });

  it.each([
    [['--purpose', 'school-enrolment'], /--dept is required/],
    [['--dept', 'spies', '--purpose', 'x'], /"spies" is not a department/],
    [['--dept', 'education'], /--purpose is required; education may use: school-enrolment, education-administration/],
    [['--dept', 'education', '--purpose', 'tax-administration'], /not a purpose of education/],
    [['--dept', 'education', '--purpose', 'school-enrolment', '--ttl', '30 days'], /--ttl must be like/],
    [['--bogus'], /Unknown option/],
  ])('%j exits 2 with a message and prints no token', (args, message) => {
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 on a lifetime over the maximum the gateway accepts (24h unless AUTH_MAX_TOKEN_LIFETIME says)', () => {
    const overDefault = run(['--dept', 'education', '--purpose', 'school-enrolment', '--ttl', '2d']);
    expect(overDefault.status).toBe(2);
    expect(overDefault.stdout).toBe('');
    expect(overDefault.stderr).toMatch(/^--ttl 2d is longer than the 24h this gateway accepts \(AUTH_MAX_TOKEN_LIFETIME\)/);
    const overConfigured = run(['--dept', 'education', '--purpose', 'school-enrolment', '--ttl', '2h'], { AUTH_MAX_TOKEN_LIFETIME: '90m' });
    expect(overConfigured.status).toBe(2);
    expect(overConfigured.stderr).toMatch(/--ttl 2h is longer than the 90m this gateway accepts/);
    const within = run(['--dept', 'education', '--purpose', 'school-enrolment', '--ttl', '90m'], { AUTH_MAX_TOKEN_LIFETIME: '90m' });
    expect(within.status).toBe(0);
  });

  it('refuses to sign when tokens come from an identity provider', () => {
    const jwks = join(tmp(), 'jwks.json');
    writeFileSync(jwks, '{"keys":[]}');
    const result = run(['--dept', 'education', '--purpose', 'school-enrolment'], { AUTH_JWKS_FILE: jwks });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/identity provider/);
  });

  it('reads lifetimes in seconds, minutes, hours and days, up to a week', () => {
    expect([parseTtl('90s'), parseTtl('30m'), parseTtl('8h'), parseTtl('7d'), parseTtl('8d'), parseTtl('0h'), parseTtl('1w')]).toEqual([90, 1800, 28_800, 604_800, null, null, null]);
  });

  it('prints usage with --help', () => {
    expect(execFileSync(process.execPath, ['bin/city-population-gateway.js', 'token', '--help'], { encoding: 'utf8' })).toMatch(/Usage: city-population-gateway token/);
  });
});
