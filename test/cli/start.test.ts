import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cli } from './cli.js';

let child: ChildProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'gateway-start-'));

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `city-population-gateway start` and resolves with everything it printed once it is listening. */
function start(env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, [BIN, 'start'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      if (/Try[\s\S]*-d '/.test(stdout)) resolve({ stdout, stderr });
    });
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${stderr}`)));
  });
}

describe('city-population-gateway start (npm start)', () => {
  it('migrates, seeds demo people into an empty embedded database, serves, and prints a token command and a query that work', async () => {
    // Always PGlite here: this is the fresh-machine experience, whatever database the suite runs on.
    const env = {
      PGLITE_DIR: join(dataDir, 'pglite'),
      DEV_KEYS_DIR: join(dataDir, 'keys'),
      AUDIT_CHECKPOINT_FILE: join(dataDir, 'audit-checkpoints.jsonl'),
      DATABASE_URL: '',
      PORT: '0',
      DEMO_PERSONS: '150',
    };
    const { stdout, stderr } = await start(env);
    expect(stderr).toMatch(/migration\(s\) applied/);
    expect(stderr).toMatch(/generating 150 demo people/);
    expect(stdout).toMatch(/Development keys let anyone here mint tokens: never expose this setup/);

    const url = /listening at (http:\/\/\S+)/.exec(stdout)![1]!;
    const samples = /Sample citizen IDs: (.+)/.exec(stdout)![1]!.split(', ');
    expect(samples).toHaveLength(3);
    const body = /-d '(.+)'/.exec(stdout)![1]!;
    const tokenCommand = /after getting a token: (.+?) {2}\(/.exec(stdout)![1]!;
    const purpose = /x-purpose: ([\w-]+)/.exec(stdout)![1]!;

    const refused = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(refused.status).toBe(401);

    // The printed command, run as printed: it prints the token and nothing else.
    const token = execSync(tokenCommand, { env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
    // Minted here, beside the first: a synchronous command blocks this process for seconds, long enough
    // for the server to close an idle kept-alive connection that the next request would reuse.
    const pointsToken = execSync('npx city-population-gateway token --dept migrant-services --purpose residence-points-assessment', { env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': purpose },
      body,
    });
    const result = (await response.json()) as { data: { person: Record<string, any> }; errors?: { extensions: { code: string } }[] };
    expect(result.data.person.name).toBeTruthy();
    expect(result.data.person.registration.address).toMatch(/区\*\*\*\*$/);
    expect(result.data.person.tax).toBeNull();
    expect(result.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);

    // The interfaces it names are there, and the IDE link carries the same query.
    const origin = url.replace('/graphql', '');
    for (const path of ['/healthz', '/readyz', '/compliance', '/dev/token-options']) expect((await fetch(`${origin}${path}`)).status, path).toBe(200);
    const ide = new URL(/in the IDE: (\S+)/.exec(stdout)![1]!);
    expect(ide.pathname).toBe('/ide');
    expect(ide.searchParams.get('query')).toBe(JSON.parse(body).query);
    expect(ide.searchParams.get('dept')).toBe('education');
    expect((await fetch(ide, { headers: { accept: 'text/html' } })).headers.get('content-type')).toMatch(/^text\/html/);
    // The points query it prints answers for migrant-services: the breakdown, never the inputs.
    const pointsLink = new URL(/Residence-permit points .*:\n {2}(\S+)/.exec(stdout)![1]!);
    expect(pointsLink.searchParams.get('dept')).toBe('migrant-services');
    const points = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${pointsToken}`, 'x-purpose': pointsLink.searchParams.get('purpose')! },
      body: JSON.stringify({ query: pointsLink.searchParams.get('query') }),
    });
    const answer = (await points.json()) as { data: { person: { residencePoints: { ruleSetId: string; total: number | null; indicators: unknown[] } } }; errors?: unknown[] };
    expect(answer.errors).toBeUndefined();
    expect(answer.data.person.residencePoints.ruleSetId).toBe('services-2021');
    expect(answer.data.person.residencePoints.indicators.length).toBeGreaterThan(10);

    // The logs on stderr are JSON lines (the last may still be on its way).
    const lines = stderr.split('\n').slice(0, -1);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();

    // SIGTERM: the requests answered are covered by a last signed checkpoint, which audit verify checks.
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    const verified = cli(['audit', 'verify'], env);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/^audit chain intact: (\d+) records\naudit checkpoints agree: \d+ signed checkpoints?, the last at record \1 /);
    // A whole start (migrate, seed, serve) and three npx commands: more than the default minute on a busy machine.
  }, 180_000);

  it('refuses to start in production with development keys, saying what to configure', () => {
    const result = cli(['start'], { NODE_ENV: 'production', DATABASE_URL: '', PGLITE_DIR: join(dataDir, 'never'), DEV_KEYS_DIR: join(dataDir, 'never-keys'), PORT: '0' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/NODE_ENV=production needs AUTH_JWKS_FILE, AUTH_PUBLIC_KEY_FILE or AUTH_HS256_SECRET/);
    expect(result.stderr).toMatch(/NODE_ENV=production needs AUDIT_CHECKPOINT_KEY_FILE/);
    expect(existsSync(join(dataDir, 'never-keys'))).toBe(false);
  });

  it('refuses to start in production with only the public checkpoint key: the gateway must sign', () => {
    const publicKeyFile = join(dataDir, 'checkpoint.pub.pem');
    writeFileSync(publicKeyFile, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const result = cli(['start'], {
      NODE_ENV: 'production', AUTH_HS256_SECRET: 's'.repeat(32), AUDIT_CHECKPOINT_PUBLIC_KEY_FILE: publicKeyFile,
      DATABASE_URL: '', PGLITE_DIR: join(dataDir, 'never'), PORT: '0',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the gateway signs audit checkpoints and needs AUDIT_CHECKPOINT_KEY_FILE/);
    expect(existsSync(join(dataDir, 'never'))).toBe(false);
  });

  it('takes no arguments: one exits 2 with the usage on stderr, before touching anything', () => {
    const result = cli(['start', '--port', '8080'], { DATABASE_URL: '', PGLITE_DIR: join(dataDir, 'never'), DEV_KEYS_DIR: join(dataDir, 'never-keys') });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Unknown option '--port'[\s\S]*Usage: city-population-gateway start/);
    expect(existsSync(join(dataDir, 'never'))).toBe(false);
  });
});
