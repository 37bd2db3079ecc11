import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { AllowlistError, OperationsAllowlist, operationsOf, type AllowlistFile } from '../../src/gateway/operations-allowlist.js';

const HOUSEHOLD = `query Household($id: CitizenId!) {
  person(citizenId: $id) { ...Basic registration { status } }
}
query Names($ids: [CitizenId!]!) { persons(citizenIds: $ids) { ...Basic } }
fragment Basic on Person { citizenId name }`;
const HOUSEHOLD_ALONE = `query Household($id: CitizenId!) {
  person(citizenId: $id) { ...Basic registration { status } }
}
fragment Basic on Person { citizenId name }`;
const ENROLMENT = 'query Enrolment($id: CitizenId!) { person(citizenId: $id) { education { highestLevel } } }';
const UNLISTED = 'query Unlisted($id: CitizenId!) { person(citizenId: $id) { name birthDate } }';

const hashOf = (text: string) => createHash('sha256').update(print(parse(text))).digest('hex');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const dir = mkdtempSync(join(tmpdir(), 'allowlist-'));
let plain: TestGateway;
let listed: TestGateway;
let citizenId: string;

async function post(gw: TestGateway, body: Record<string, unknown>, headers: Record<string, string>) {
  const response = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: any; errors?: { message: string; extensions: Record<string, any> }[] };
  const [record] = await gw.database.query<Record<string, any>>('select * from audit.event where request_id = $1', [response.headers.get('x-request-id')]);
  return { status: response.status, body: json, record };
}

beforeAll(async () => {
  plain = await startTestGateway({ persons: 20, seed: 5 });
  [{ citizen_id: citizenId }] = (await plain.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id limit 1')) as [{ citizen_id: string }];
  const registry = operationsOf(HOUSEHOLD, plain.gateway.schema, 'registry-desk/household.graphql');
  const enrolment = operationsOf(ENROLMENT, plain.gateway.schema, 'enrolment.graphql');
  const file: AllowlistFile = { version: 1, applications: { 'public-security/registry-desk': registry.operations, 'education/enrolment-portal': enrolment.operations } };
  writeFileSync(join(dir, 'allowlist.json'), JSON.stringify(file));
  listed = await startTestGateway({ persons: 20, seed: 5, operationsAllowlist: join(dir, 'allowlist.json') });
});
afterAll(async () => {
  await plain?.close();
  await listed?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('automatic persisted queries are off (one shared cache would tell one department what another asked)', () => {
  it("a hash one department sent with its text never runs that operation for another department", async () => {
    const registryDesk = await plain.headersFor('public-security', 'household-registration');
    const persistedQuery = { version: 1, sha256Hash: sha256(UNLISTED) };
    const registered = await post(plain, { query: UNLISTED, variables: { id: citizenId }, extensions: { persistedQuery } }, registryDesk);
    expect(registered.body.errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    expect(registered.body.data).toBeUndefined();

    const education = await plain.headersFor('education', 'school-enrolment');
    const probed = await post(plain, { variables: { id: citizenId }, extensions: { persistedQuery } }, education);
    // Apollo Server answers APQ errors with 200, so that APQ clients fall back to sending the text.
    expect(probed.status).toBe(200);
    expect(probed.body.errors?.map((e) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_SUPPORTED']);
    expect(probed.body.data).toBeUndefined();
    // The probe is audited like any refusal, and nothing was read for it.
    expect(probed.record).toMatchObject({ department: 'education', code: 'PERSISTED_QUERY_NOT_SUPPORTED', citizen_ids: [] });
  });

  it('the same answer whether or not anyone ever sent the text, so the answer reveals nothing', async () => {
    const education = await plain.headersFor('education', 'school-enrolment');
    const never = await post(plain, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ never { sent } }') } } }, education);
    const sent = await post(plain, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(UNLISTED) } } }, education);
    expect(never.status).toBe(sent.status);
    expect(never.body).toEqual(sent.body);
  });
});

describe('operations allow-list (OPERATIONS_ALLOWLIST): only the operations listed for the caller application run', () => {
  const registryDesk = () => listed.headersFor('public-security', 'household-registration', { app: 'registry-desk' });
  const enrolmentPortal = () => listed.headersFor('education', 'school-enrolment', { app: 'enrolment-portal' });

  it('runs a listed operation sent as text with its fragments; the whole file it came from is not itself a listed document', async () => {
    const { status, body, record } = await post(listed, { query: HOUSEHOLD, operationName: 'Household', variables: { id: citizenId } }, await registryDesk());
    // The whole file is not a listed document: each operation is listed alone with its fragments.
    expect(status).toBe(403);
    expect(body.errors?.[0]?.extensions.code).toBe('OPERATION_NOT_ALLOWED');
    expect(record).toMatchObject({ code: 'OPERATION_NOT_ALLOWED', operation_name: 'Household' });

    const alone = await post(listed, { query: HOUSEHOLD_ALONE, variables: { id: citizenId } }, await registryDesk());
    expect(alone.status).toBe(200);
    expect(alone.body.errors).toBeUndefined();
    expect(alone.body.data.person).toMatchObject({ citizenId, registration: { status: expect.any(String) } });
    expect(alone.record).toMatchObject({ outcome: 'allowed', app: 'registry-desk', operation_hash: hashOf(HOUSEHOLD_ALONE) });
  });

  it('runs a listed operation written differently (spacing, commas, comments): the list holds normalised text', async () => {
    const reformatted = `# the desk's lookup\n${HOUSEHOLD_ALONE.replace(/ /g, '  ').replace('citizenId name', 'citizenId, name')}`;
    const { status, body } = await post(listed, { query: reformatted, variables: { id: citizenId } }, await registryDesk());
    expect(status).toBe(200);
    expect(body.data.person.citizenId).toBe(citizenId);
  });

  it('runs the stored text when the client sends only its hash (extensions.persistedQuery.sha256Hash)', async () => {
    const hash = hashOf(HOUSEHOLD_ALONE);
    const { status, body, record } = await post(listed, { variables: { id: citizenId }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, await registryDesk());
    expect(status).toBe(200);
    expect(body.data.person.citizenId).toBe(citizenId);
    expect(record).toMatchObject({ outcome: 'allowed', operation_name: 'Household', operation_hash: hash, citizen_ids: [citizenId] });
  });

  it('refuses an unlisted operation with OPERATION_NOT_ALLOWED (403), says how to get it added, audits it and reads nothing', async () => {
    const { status, body, record } = await post(listed, { query: UNLISTED, variables: { id: citizenId } }, await registryDesk());
    expect(status).toBe(403);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toEqual({ code: 'OPERATION_NOT_ALLOWED', operationHash: hashOf(UNLISTED) });
    expect(body.errors![0]!.message).toMatch(/not on the allow-list of public-security\/registry-desk\. .*operations build <folder> --department <department> --app <app>/);
    expect(record).toMatchObject({ status: 403, code: 'OPERATION_NOT_ALLOWED', department: 'public-security', app: 'registry-desk', operation_name: 'Unlisted', operation_hash: hashOf(UNLISTED), citizen_ids: [], fields_returned: [] });
  });

  it("another department's application cannot run an operation listed for someone else, by text or by hash", async () => {
    const byText = await post(listed, { query: HOUSEHOLD_ALONE, variables: { id: citizenId } }, await enrolmentPortal());
    expect(byText.status).toBe(403);
    expect(byText.body.errors?.[0]?.extensions.code).toBe('OPERATION_NOT_ALLOWED');
    expect(byText.body.errors?.[0]?.message).toMatch(/allow-list of education\/enrolment-portal/);

    const byHash = await post(listed, { variables: { id: citizenId }, extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(HOUSEHOLD_ALONE) } } }, await enrolmentPortal());
    expect(byHash.status).toBe(403);
    expect(byHash.body.data).toBeUndefined();
    expect(byHash.body.errors?.map((e) => e.extensions.code)).toEqual(['OPERATION_NOT_ALLOWED']);
    // The answer is the one an unknown hash gets: nothing tells that another application lists it.
    const unknown = await post(listed, { variables: { id: citizenId }, extensions: { persistedQuery: { version: 1, sha256Hash: sha256('nothing') } } }, await enrolmentPortal());
    expect({ ...byHash.body.errors![0], extensions: {} }).toEqual({ ...unknown.body.errors![0], extensions: {} });
    expect(byHash.record).toMatchObject({ status: 403, code: 'OPERATION_NOT_ALLOWED', department: 'education', citizen_ids: [] });

    const own = await post(listed, { variables: { id: citizenId }, extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(ENROLMENT) } } }, await enrolmentPortal());
    expect(own.status).toBe(200);
    expect(own.body.data.person).toHaveProperty('education');
  });

  it('judges a text sent with a hash (an APQ client registering it) by its text alone', async () => {
    const persistedQuery = { version: 1, sha256Hash: sha256(HOUSEHOLD_ALONE) };
    const registered = await post(listed, { query: HOUSEHOLD_ALONE, variables: { id: citizenId }, extensions: { persistedQuery } }, await registryDesk());
    expect(registered.status).toBe(200);
    expect(registered.body.data.person.citizenId).toBe(citizenId);
    const disguised = await post(listed, { query: UNLISTED, variables: { id: citizenId }, extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(HOUSEHOLD_ALONE) } } }, await registryDesk());
    expect(disguised.status).toBe(403);
    expect(disguised.body.data).toBeUndefined();
  });

  it('refuses an application that has no list at all', async () => {
    const headers = await listed.headersFor('health', 'community-health-services', { app: 'clinic-desk' });
    const { status, body } = await post(listed, { query: '{ __typename }' }, headers);
    expect(status).toBe(403);
    expect(body.errors?.[0]?.message).toMatch(/not on the allow-list of health\/clinic-desk/);
  });

  it('refuses a token without an "app" claim: no application, no list', async () => {
    const { status, body } = await post(listed, { query: HOUSEHOLD_ALONE, variables: { id: citizenId } }, await listed.headersFor('public-security', 'household-registration'));
    expect(status).toBe(403);
    expect(body.errors?.[0]?.extensions.code).toBe('OPERATION_NOT_ALLOWED');
    expect(body.errors?.[0]?.message).toMatch(/this token names no application: ask your identity provider for a token with an "app" claim/);
  });

  it('refuses introspection unless it is listed (the IDE is off in production)', async () => {
    const { status, body } = await post(listed, { query: '{ __schema { queryType { name } } }' }, await registryDesk());
    expect(status).toBe(403);
    expect(body.errors?.[0]?.extensions.code).toBe('OPERATION_NOT_ALLOWED');
    expect(body.data).toBeUndefined();
  });

  it('still refuses a bad token or purpose first, as without a list', async () => {
    const { status, body } = await post(listed, { query: HOUSEHOLD_ALONE }, { authorization: 'Bearer nope', 'x-purpose': 'household-registration' });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('the allow-list file is checked before the gateway starts', () => {
  it('refuses a text that no longer matches the hash it is filed under', () => {
    const hash = hashOf(ENROLMENT);
    const file = { version: 1, applications: { 'education/enrolment-portal': { [hash]: { name: 'Enrolment', text: print(parse(UNLISTED)) } } } };
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(file));
    expect(() => OperationsAllowlist.load(join(dir, 'tampered.json'), plain.gateway.schema)).toThrow(/its text does not match its hash; rebuild the list/);
  });

  it('refuses an operation the composed schema no longer has, and a malformed file, naming every problem', () => {
    const stale = 'query Old { person(citizenId: "440106199001011235") { shoeSize } }';
    const file = {
      version: 2,
      applications: { 'education/enrolment-portal': { [hashOf(stale)]: { name: 'Old', text: print(parse(stale)) } }, 'no-slash': {} },
    };
    writeFileSync(join(dir, 'stale.json'), JSON.stringify(file));
    let error: unknown;
    try {
      OperationsAllowlist.load(join(dir, 'stale.json'), plain.gateway.schema);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AllowlistError);
    expect((error as AllowlistError).problems).toEqual([expect.stringMatching(/"version" must be 1/), expect.stringMatching(/"no-slash" is not a "department\/app" key/)]);
    file.version = 1;
    delete (file.applications as Record<string, unknown>)['no-slash'];
    writeFileSync(join(dir, 'stale.json'), JSON.stringify(file));
    expect(() => OperationsAllowlist.load(join(dir, 'stale.json'), plain.gateway.schema)).toThrow(/education\/enrolment-portal Old .*shoeSize.*rebuild the list against this schema/);
  });
});
