import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli } from './cli.js';

let child: ChildProcess | undefined;
const dir = mkdtempSync(join(tmpdir(), 'gateway-production-'));
const allowlist = join(dir, 'allowlist.json');
const checkpointKey = join(dir, 'checkpoint-key.pem');
writeFileSync(checkpointKey, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
/** Production: real keys (a shared HS256 secret), the embedded database, ports chosen by the system. */
const env = {
  NODE_ENV: 'production',
  AUTH_HS256_SECRET: 'production-test-secret-of-32-bytes!',
  DATABASE_URL: '',
  PGLITE_DIR: join(dir, 'pglite'),
  PORT: '0',
  METRICS_PORT: '0',
  DEMO_PERSONS: '30',
  OPERATIONS_ALLOWLIST: allowlist,
  AUDIT_CHECKPOINT_KEY_FILE: checkpointKey,
  AUDIT_CHECKPOINT_FILE: join(dir, 'checkpoints.jsonl'),
  // Where development keys would go: production must make none.
  DEV_KEYS_DIR: join(dir, 'dev-keys'),
};
const LISTED = 'query Household($id: CitizenId!) { person(citizenId: $id) { citizenId registration { status } } }';

let stdout = '';
let origin = '';

beforeAll(async () => {
  mkdirSync(join(dir, 'operations'));
  writeFileSync(join(dir, 'operations', 'desk.graphql'), LISTED);
  const built = cli(['operations', 'build', join(dir, 'operations'), '--department', 'public-security', '--app', 'registry-desk', '--out', allowlist]);
  expect(built.status, built.stderr).toBe(0);
  stdout = await new Promise<string>((resolve, reject) => {
    child = spawn(process.execPath, [BIN, 'start'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (/Operations: .*\n/.test(out)) resolve(out);
    });
    child.stderr!.on('data', (chunk) => (err += chunk));
    child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${err}`)));
  });
  origin = /listening at (http:\/\/\S+)\/graphql/.exec(stdout)![1]!;
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('city-population-gateway start in production', () => {
  it('makes no development keys of any kind, and publishes no assertion keys without a keyring of its own', async () => {
    expect(existsSync(join(dir, 'dev-keys'))).toBe(false);
    expect((await fetch(`${origin}/.well-known/caller-assertion-keys`)).status).toBe(404);
  });

  it('prints no citizen IDs and no query links, only where things are', () => {
    expect(stdout).not.toMatch(/\d{17}[\dX]/);
    expect(stdout).not.toMatch(/Sample citizen IDs|\/ide|\/compliance|query=/);
    expect(stdout).toMatch(/Tokens: issued by your identity provider/);
  });

  it('serves /metrics on its own listener only, and neither the IDE nor the console', async () => {
    const metrics = /Operations: .* (http:\/\/\S+\/metrics)\n/.exec(stdout)![1]!;
    expect(new URL(metrics).port).not.toBe(new URL(origin).port);
    expect((await fetch(metrics)).status).toBe(200);
    for (const path of ['/metrics', '/ide', '/compliance', '/vendor/graphiql.js']) expect((await fetch(`${origin}${path}`)).status, path).toBe(404);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });

  it('enforces the allow-list named by OPERATIONS_ALLOWLIST', async () => {
    const token = cli(['token', '--dept', 'public-security', '--purpose', 'household-registration', '--app', 'registry-desk'], env);
    expect(token.status, token.stderr).toBe(0);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token.stdout.trim()}`, 'x-purpose': 'household-registration' };
    const send = (query: string) => fetch(`${origin}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables: { id: '440106199001011235' } }) });
    const listed = await send(LISTED);
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { errors?: unknown }).errors).toBeUndefined();
    const unlisted = await send('query Other($id: CitizenId!) { person(citizenId: $id) { name } }');
    expect(unlisted.status).toBe(403);
    expect(((await unlisted.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('OPERATION_NOT_ALLOWED');
  });

  it('refuses to start with an allow-list that does not fit the schema: exit 2 naming the problem', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ version: 1, applications: { 'education/portal': { ['0'.repeat(64)]: { name: null, text: '{ __typename }' } } } }));
    const result = cli(['start'], { ...env, OPERATIONS_ALLOWLIST: broken, PGLITE_DIR: join(dir, 'broken-pglite'), DEMO_PERSONS: '0' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/The operations allow-list .*broken\.json cannot be used:\n {2}- education\/portal 000000000000…: its text does not match its hash/);
  });
});
