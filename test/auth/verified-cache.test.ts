import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessControl, AccessError } from '../../src/gateway/access.js';
import { CompiledPolicy } from '../../src/policy/compile.js';
import { readPolicyFile } from '../../src/policy/policy-file.js';
import { composeSupergraph } from '../../src/gateway/compose.js';
import { SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { createTestKeys } from '../support/tokens.js';

const policy = CompiledPolicy.compile(readPolicyFile(), composeSupergraph(SUBGRAPHS).apiSchema);

afterEach(() => vi.useRealTimers());

describe('a verified token is remembered only until it expires', () => {
  it('answers a repeated token without changing the outcome, and refuses it once it has expired', async () => {
    const keys = await createTestKeys();
    const control = new AccessControl(keys.verifier, policy);
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = await keys.token('education', { ttlSeconds: 60 });
    const headers = new Map([['authorization', `Bearer ${token}`], ['x-purpose', 'school-enrolment']]);
    const first = await control.authorize(headers);
    const second = await control.authorize(headers);
    expect(second.caller).toEqual(first.caller);

    vi.setSystemTime(Date.now() + 2 * 60 * 60 * 1000);
    const refused = await control.authorize(headers).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AccessError);
    expect((refused as AccessError).extensions).toMatchObject({ reason: 'expired' });
  });

  it('does not remember a token whose purpose was refused as if the purpose had been allowed', async () => {
    const keys = await createTestKeys();
    const control = new AccessControl(keys.verifier, policy);
    const authorization = `Bearer ${await keys.token('education')}`;
    await control.authorize(new Map([['authorization', authorization], ['x-purpose', 'school-enrolment']]));
    await expect(control.authorize(new Map([['authorization', authorization], ['x-purpose', 'tax-administration']]))).rejects.toMatchObject({ code: 'PURPOSE_NOT_ALLOWED' });
  });
});
