import { execSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

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

/** Starts `npm start`'s entry point and resolves with everything it printed once it is listening. */
function start(env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
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

describe('npm start', () => {
  it('migrates, seeds demo people into an empty embedded database, serves, and prints a token command and a query that work', async () => {
    // Always PGlite here: this is the fresh-machine experience, whatever database the suite runs on.
    const env = { PGLITE_DIR: join(dataDir, 'pglite'), DEV_KEYS_DIR: join(dataDir, 'keys'), DATABASE_URL: '', PORT: '0', DEMO_PERSONS: '150' };
    const { stdout, stderr } = await start(env);
    expect(stderr).toMatch(/migration\(s\) applied/);
    expect(stderr).toMatch(/generating 150 demo people/);
    expect(stdout).toMatch(/FOR LOCAL DEVELOPMENT ONLY/);

    const url = /listening at (http:\/\/\S+)/.exec(stdout)![1]!;
    const samples = /Sample citizen IDs: (.+)/.exec(stdout)![1]!.split(', ');
    expect(samples).toHaveLength(3);
    const body = /-d '(.+)'/.exec(stdout)![1]!;
    const tokenCommand = /Get a token: (.+?) {2}\(/.exec(stdout)![1]!;
    const purpose = /x-purpose: ([\w-]+)/.exec(stdout)![1]!;

    const refused = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(refused.status).toBe(401);

    // The printed command, run as printed: it prints the token and nothing else.
    const token = execSync(tokenCommand, { env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
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

    const health = await fetch(url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
  });

  it('refuses to start in production with development keys, saying what to configure', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: '', PGLITE_DIR: join(dataDir, 'never'), DEV_KEYS_DIR: join(dataDir, 'never-keys'), PORT: '0' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/NODE_ENV=production needs AUTH_JWKS_FILE, AUTH_PUBLIC_KEY_FILE or AUTH_HS256_SECRET/);
    expect(existsSync(join(dataDir, 'never-keys'))).toBe(false);
  });
});
