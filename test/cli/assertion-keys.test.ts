import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/assertion-keys.js';
import { loadAssertionKeyring } from '../../src/auth/assertion-keys.js';
import { AssertionRefused, assertionVerifier, grantHash, signAssertion, type CallerAssertion } from '../../src/auth/caller-assertion.js';
import { CommandError, UsageError } from '../../src/cli/exit.js';
import { composeSupergraph } from '../../src/gateway/compose.js';
import { CompiledPolicy } from '../../src/policy/compile.js';
import { readPolicyFile } from '../../src/policy/policy-file.js';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { inProcess } from './cli.js';

/** The keyring the gateway signs caller assertions with, made and rotated from the command line. */

const dir = mkdtempSync(join(tmpdir(), 'assertion-keys-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const keys = (...args: string[]) => inProcess(() => run(args));

const policy = CompiledPolicy.compile(readPolicyFile(), composeSupergraph(SUBGRAPHS).apiSchema);
const caller: CallerAssertion = {
  department: 'education',
  purpose: 'school-enrolment',
  requestId: 'rotation',
  grantHash: grantHash(policy.grant('education', 'school-enrolment')!),
  caseId: null,
  rowScope: null,
};
const BODY = '{"query":"{ _service { sdl } }"}';

/** Signs with the file's signing key and checks with what the file publishes now. */
async function signedBy(file: string) {
  return signAssertion((await loadAssertionKeyring(file)).signing, 'education', caller, BODY);
}
async function accepts(file: string, assertion: string) {
  const verify = assertionVerifier((await loadAssertionKeyring(file)).published, 'education', policy);
  return verify(assertion, BODY).then(
    () => 'accepted',
    (error: unknown) => (error instanceof AssertionRefused ? error.reason : String(error)),
  );
}

describe('assertion-keys', () => {
  const file = join(dir, 'keyring.json');

  it('rotates without a moment when an assertion in flight is refused, and the retired key is refused after', async () => {
    const made = await keys('new', file);
    expect(made.error).toBeUndefined();
    const first = made.stdout.trim();
    // Private keys: readable by their owner only.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const before = await signedBy(file);

    const added = await keys('add', file);
    const second = added.stdout.trim();
    expect(second).not.toBe(first);
    expect((await keys('list', file)).stdout).toBe(`${first}  (signing)\n${second}\n`);
    // Published beside the signing key, not yet signing.
    expect(await accepts(file, before)).toBe('accepted');

    expect((await keys('promote', file, '--kid', second)).error).toBeUndefined();
    const after = await signedBy(file);
    expect(JSON.parse(Buffer.from(after.split('.')[0]!, 'base64url').toString()).kid).toBe(second);
    // Both keys are valid during the rotation: assertions signed just before and just after pass.
    expect(await accepts(file, before)).toBe('accepted');
    expect(await accepts(file, after)).toBe('accepted');

    const old = await signedBy(file);
    expect((await keys('retire', file, '--kid', first)).error).toBeUndefined();
    expect((await keys('list', file)).stdout).toBe(`${second}  (signing)\n`);
    expect(await accepts(file, before)).toBe('unknown key');
    expect(await accepts(file, old)).toBe('accepted');
    // Nothing private is ever published.
    expect(JSON.stringify((await loadAssertionKeyring(file)).published)).not.toMatch(/"d"/);
    expect(readFileSync(file, 'utf8')).toMatch(/"d"/);
  });

  it('refuses what would break signing, in words that say what to do', async () => {
    const signing = (await keys('list', file)).stdout.split(/\s/)[0]!;
    const retireSigning = await keys('retire', file, '--kid', signing);
    expect(retireSigning.error).toBeInstanceOf(CommandError);
    expect((retireSigning.error as Error).message).toMatch(/is signing: promote another key first/);
    expect(((await keys('promote', file, '--kid', 'nobody')).error as Error).message).toMatch(/holds no key nobody/);
    expect(((await keys('new', file)).error as Error).message).toMatch(/exists already/);
    expect(((await keys('add', join(dir, 'missing.json'))).error as Error).message).toMatch(/does not exist; make one with assertion-keys new/);
    expect((await keys('promote', file)).error).toBeInstanceOf(UsageError);
    expect((await keys('rotate', file)).error).toBeInstanceOf(UsageError);
    // A keyring cannot grow past four keys: a rotation needs two.
    for (let i = 0; i < 3; i++) await keys('add', file);
    expect(((await keys('add', file)).error as Error).message).toMatch(/would not load: .*1 to 4/);
    expect((await keys('list', file)).stdout.trim().split('\n')).toHaveLength(4);
  });
});
