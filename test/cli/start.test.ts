import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
      if (/Try:[\s\S]*-d '/.test(stdout)) resolve({ stdout, stderr });
    });
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${stderr}`)));
  });
}

describe('npm start', () => {
  it('migrates, seeds demo people into an empty embedded database, serves, and prints a query that works', async () => {
    // Always PGlite here: this is the fresh-machine experience, whatever database the suite runs on.
    const { stdout, stderr } = await start({ PGLITE_DIR: dataDir, DATABASE_URL: '', PORT: '0', DEMO_PERSONS: '150' });
    expect(stderr).toMatch(/migration\(s\) applied/);
    expect(stderr).toMatch(/generating 150 demo people/);
    expect(stdout).toMatch(/FOR LOCAL DEVELOPMENT ONLY/);

    const url = /listening at (http:\/\/\S+)/.exec(stdout)![1]!;
    const samples = /Sample citizen IDs: (.+)/.exec(stdout)![1]!.split(', ');
    expect(samples).toHaveLength(3);
    const body = /-d '(.+)'/.exec(stdout)![1]!;

    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const result = (await response.json()) as { data: { person: { name: string } }; errors?: unknown };
    expect(result.errors).toBeUndefined();
    expect(result.data.person.name).toBeTruthy();

    const health = await fetch(url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
  });
});
