import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullPersonsQuery, fullSelection } from '../../src/bench/full-view.js';
import { DEFAULT_LIMITS } from '../../src/policy/limits.js';
import { POLICY_FILE } from '../../src/policy/policy-file.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let ids: string[];
let headers: Record<string, string>;
/** SQL statements sent by the subgraphs (the audit's own writes are not among them). */
let statements = 0;

beforeAll(async () => {
  gw = await startTestGateway({ persons: 60, seed: 17 });
  ids = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id')).map((r) => r.citizen_id);
  headers = await gw.headersFor('public-security', 'household-registration');
  gw.database.onStatement(() => (statements += 1));
}, 120_000);
afterAll(() => gw?.close());

/** Fragments on Query that spread the one below twice, over `persons`: 2^levels × the people asked for. */
function queryFanOut(levels: number): string {
  let fragments = `fragment Q0 on Query { persons(citizenIds: $ids) { citizenId name registration { district } } }\n`;
  for (let i = 1; i <= levels; i++) fragments += `fragment Q${i} on Query { ...Q${i - 1} ...Q${i - 1} }\n`;
  return `query($ids: [CitizenId!]!) { ...Q${levels} }\n${fragments}`;
}

/** Fragments that spread the one below twice at the same level: 2^levels spreads written in a few hundred bytes. */
function sameLevelFanOut(levels: number): string {
  let fragments = `fragment P0 on Person { citizenId name registration { district household { address } } }\n`;
  for (let i = 1; i <= levels; i++) fragments += `fragment P${i} on Person { ...P${i - 1} ...P${i - 1} }\n`;
  return `query { person(citizenId: "${ids[0]}") { ...P${levels} } }\n${fragments}`;
}

/** Aliases fanning out at every level of the person view: 31^4 fields in 3 KB, within the cost limit. */
function aliasFanOut(): string {
  const aliases = (prefix: string, body: string) => Array.from({ length: 31 }, (_, i) => `${prefix}${i}: ${body}`).join(' ');
  return `query Q($id: CitizenId!) { ${aliases('p', 'person(citizenId: $id) { ...P }')} }
fragment P on Person { ${aliases('r', 'registration { ...R }')} }
fragment R on HouseholdRegistration { ${aliases('h', 'household { ...H }')} }
fragment H on Household { ${aliases('a', 'householdId')} }`;
}

const nested = (levels: number) => `query { __schema { types { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} } } }`;
const manyIds = (n: number) => Array.from({ length: n }, (_, i) => ids[i % ids.length]);
/** Full views that fit, all together, under the field limit (the view grows as departments add fields), so cost is what is exceeded. */
const viewsUnderFieldLimit = () => {
  const fields = (fullSelection(gw.gateway.schema, 'Person').match(/[A-Za-z_]\w*/g) ?? []).length + 1;
  return Math.max(2, Math.floor((DEFAULT_LIMITS.fields - 1) / fields));
};

/** Each abusive document, the code it must be refused with, and how to make it once the people exist. */
const ABUSIVE: [string, string, () => { query: string; variables?: Record<string, unknown> }][] = [
  ['fragment fan-out over persons, 12 levels', 'ROOT_FIELD_LIMIT_EXCEEDED', () => ({ query: queryFanOut(12), variables: { ids: manyIds(1000) } })],
  ['fragment fan-out over persons, 24 levels', 'ROOT_FIELD_LIMIT_EXCEEDED', () => ({ query: queryFanOut(24), variables: { ids: manyIds(10) } })],
  ['fragment fan-out on Person, 20 levels', 'FIELD_LIMIT_EXCEEDED', () => ({ query: sameLevelFanOut(20) })],
  ['fragment fan-out on Person, 64 levels (2^64 spreads)', 'FIELD_LIMIT_EXCEEDED', () => ({ query: sameLevelFanOut(64) })],
  [
    'as many aliased full views of 1000 people as the field limit lets through',
    'COST_LIMIT_EXCEEDED',
    () => ({
      query: `query($ids: [CitizenId!]!) { ${Array.from({ length: viewsUnderFieldLimit() }, (_, i) => `p${i}: persons(citizenIds: $ids) ${fullSelection(gw.gateway.schema, 'Person')}`).join(' ')} }`,
      variables: { ids: manyIds(1000) },
    }),
  ],
  ['alias fan-out over the person view (31^4 fields, within the cost limit)', 'FIELD_LIMIT_EXCEEDED', () => ({ query: aliasFanOut(), variables: { id: ids[0] } })],
  [
    'long aliases over many people (a 400 MB answer from a small request)',
    'ALIAS_LENGTH_LIMIT_EXCEEDED',
    () => ({
      query: `query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { ${Array.from({ length: 100 }, (_, i) => `a${i}_${'x'.repeat(6000)}: __typename`).join(' ')} } }`,
      variables: { ids: manyIds(500) },
    }),
  ],
  [
    'aliases as long as allowed, spread over many people (an answer over 16 MB by its keys alone)',
    'RESPONSE_SIZE_LIMIT_EXCEEDED',
    () => ({
      query: `query($ids: [CitizenId!]!) { ${[0, 1, 2, 3].map((i) => `p${i}: persons(citizenIds: $ids) { ...Keys }`).join(' ')} }
fragment Keys on Person { ${Array.from({ length: 60 }, (_, i) => `a${String(i).padStart(2, '0')}${'x'.repeat(61)}: __typename`).join(' ')} }`,
      variables: { ids: manyIds(1000) },
    }),
  ],
  ['thousands of aliases', 'ALIAS_LIMIT_EXCEEDED', () => ({ query: `query { ${Array.from({ length: 3000 }, (_, i) => `a${i}: __typename`).join(' ')} }` })],
  ['deep nesting, 200 levels', 'DEPTH_LIMIT_EXCEEDED', () => ({ query: nested(200) })],
  ['many directives', 'DIRECTIVE_LIMIT_EXCEEDED', () => ({ query: `query { ${'__typename @include(if: true) '.repeat(500)} }` })],
  ['many root fields through fragments', 'ROOT_FIELD_LIMIT_EXCEEDED', () => ({ query: `query { ...R ...S } fragment R on Query { ${'__typename '.repeat(20)} } fragment S on Query { ${'__typename '.repeat(20)} }` })],
  [
    'the list sized by a variable default value',
    'COST_LIMIT_EXCEEDED',
    () => ({
      query: `query($ids: [CitizenId!]! = ${JSON.stringify(manyIds(1000))}) { a: persons(citizenIds: $ids) ${fullSelection(gw.gateway.schema, 'Person')} b: persons(citizenIds: $ids) ${fullSelection(gw.gateway.schema, 'Person')} }`,
    }),
  ],
  ['a huge list of IDs', 'COST_LIMIT_EXCEEDED', () => ({ query: fullPersonsQuery(gw.gateway.schema), variables: { citizenIds: manyIds(5000) } })],
  ['a huge document', 'TOKEN_LIMIT_EXCEEDED', () => ({ query: `query { ${'__typename '.repeat(30_000)} }` })],
];

async function post(query: string, variables: Record<string, unknown> = {}, extra: Record<string, string> = {}) {
  const response = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...extra },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, requestId: response.headers.get('x-request-id')!, body: (await response.json()) as { data?: any; errors?: any[] } };
}

describe('abusive documents are refused before anything is read, by the limit they exceed', () => {
  it.each(ABUSIVE.map(([label, code]) => [label, code]))('%s → %s', async (label, code) => {
    const { query, variables } = ABUSIVE.find(([l]) => l === label)![2]();
    const before = statements;
    // An ordinary request and the liveness probe are answered while the abusive one is handled.
    const [abusive, ordinary, health] = await Promise.all([
      post(query, variables),
      post(`query { person(citizenId: "${ids[0]}") { name } }`),
      fetch(`${gw.origin}/healthz`),
    ]);
    expect(abusive.status).toBe(400);
    expect(abusive.body.data).toBeUndefined();
    expect(abusive.body.errors![0].extensions.code).toBe(code);
    expect(abusive.body.errors![0].message).toMatch(/the limit is \d+/);
    expect(ordinary.body.data.person.name).toEqual(expect.any(String));
    expect(health.status).toBe(200);
    // Only the ordinary request read anything (one person: the registry's read).
    expect(statements - before).toBeLessThanOrEqual(2);
    const records = await gw.database.query<Record<string, any>>('select outcome, status, code, citizen_ids from audit.event where request_id = $1', [abusive.requestId]);
    expect(records).toEqual([{ outcome: 'refused', status: 400, code, citizen_ids: [] }]);
  }, 20_000);

  it('a refusal names the limit and the value found', async () => {
    const { body } = await post(sameLevelFanOut(32));
    const error = body.errors![0];
    // person (1) + 2^32 copies of P0's 6 fields.
    expect(error.extensions).toEqual({ code: 'FIELD_LIMIT_EXCEEDED', limit: 'fields', maximum: DEFAULT_LIMITS.fields, found: 1 + 2 ** 32 * 6 });
    expect(error.message).toContain(`the limit is ${DEFAULT_LIMITS.fields}`);
  });

  it('a flood of denied fields is measured with its FORBIDDEN errors: the answer is withheld', async () => {
    const small = await startTestGateway({ persons: 5, seed: 3, limits: { responseBytes: 100_000 } });
    try {
      const education = await small.headersFor('education', 'school-enrolment');
      const [person] = await small.database.query<{ citizen_id: string }>('select citizen_id from registry.person limit 1');
      const query = `query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { ${Array.from({ length: 100 }, (_, i) => `t${i}: tax { incomeBracket }`).join(' ')} } }`;
      // 30 × 100 FORBIDDEN errors and almost no data: the errors make the answer too large.
      const { status, body } = await small.query(query, { ids: Array.from({ length: 30 }, () => person!.citizen_id) }, education);
      expect(status).toBe(400);
      expect(body.errors![0]!.extensions).toMatchObject({ code: 'RESPONSE_SIZE_LIMIT_EXCEEDED', maximum: 100_000 });
    } finally {
      await small.close();
    }
  });

  it('validation errors are measured too: a long name quoted in each of them cannot swell the answer', async () => {
    const small = await startTestGateway({ persons: 0, limits: { responseBytes: 20_000 } });
    try {
      const variables = Array.from({ length: 100 }, (_, i) => `$v${i}: Int`).join(' ');
      const { status, body } = await small.query(`query ${'N'.repeat(9000)}(${variables}) { __typename }`, {}, await small.headersFor('public-security', 'household-registration'));
      expect(status).toBe(400);
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toMatchObject({ code: 'RESPONSE_SIZE_LIMIT_EXCEEDED', maximum: 20_000 });
    } finally {
      await small.close();
    }
  });

  it('pages of the audit log are measured as they are answered: a page of records is withheld when too large', async () => {
    const small = await startTestGateway({ persons: 100, seed: 4, limits: { responseBytes: 6_000 } });
    try {
      const people = (await small.database.query<{ citizen_id: string }>('select citizen_id from registry.person')).map((r) => r.citizen_id);
      const registry = await small.headersFor('public-security', 'household-registration');
      for (let i = 0; i < 5; i++) await small.query('query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId } }', { ids: people }, registry);
      const reviewer = await small.headersFor('compliance', 'access-review');
      const { status, body } = await small.query('{ auditEvents(first: 50) { events { citizenIds } } }', {}, reviewer);
      expect(status).toBe(400);
      expect(body.errors![0]!.extensions).toMatchObject({ code: 'RESPONSE_SIZE_LIMIT_EXCEEDED', maximum: 6_000 });
    } finally {
      await small.close();
    }
  });

  it('persons with 1000 IDs costs 1000 times one person', async () => {
    const one = `query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { name registration { district } } }`;
    const tight = await startTestGateway({ persons: 0, limits: { cost: 3000 } });
    try {
      const h = await tight.headersFor('public-security', 'household-registration');
      const thousand = await tight.query(one, { ids: Array.from({ length: 1000 }, () => ids[0]) }, h);
      expect(thousand.status).toBe(400);
      expect(thousand.body.errors![0]!.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', found: 3000 * 1 + 1000 });
      const ten = await tight.query(one, { ids: Array.from({ length: 10 }, () => ids[0]) }, h);
      expect(ten.status).toBe(200);
    } finally {
      await tight.close();
    }
  });
});

describe('limits are configured per deployment, and raised per grant in the policy file', () => {
  it('an answer larger than the response size limit is withheld, and the audit records no citizen', async () => {
    const small = await startTestGateway({ persons: 40, seed: 17, limits: { responseBytes: 2000 } });
    try {
      const h = await small.headersFor('public-security', 'household-registration');
      const people = (await small.database.query<{ citizen_id: string }>('select citizen_id from registry.person')).map((r) => r.citizen_id);
      const response = await fetch(small.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...h },
        body: JSON.stringify({ query: fullPersonsQuery(small.gateway.schema), variables: { citizenIds: people } }),
      });
      const body = (await response.json()) as { data?: unknown; errors: { extensions: Record<string, unknown> }[] };
      expect(response.status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'RESPONSE_SIZE_LIMIT_EXCEEDED', maximum: 2000 });
      expect(body.errors[0]!.extensions.found as number).toBeGreaterThan(2000);
      const [record] = await small.database.query<Record<string, any>>('select outcome, code, citizen_ids from audit.event where request_id = $1', [
        response.headers.get('x-request-id'),
      ]);
      expect(record).toEqual({ outcome: 'refused', code: 'RESPONSE_SIZE_LIMIT_EXCEEDED', citizen_ids: [] });
    } finally {
      await small.close();
    }
  });

  it('a bulk purpose gets a higher cost limit from its grant; other purposes keep the deployment limit', async () => {
    const policy = parseDocument(readFileSync(POLICY_FILE, 'utf8')).toJS() as { grants: { department: string; purpose: string; limits?: unknown }[] };
    policy.grants.find((g) => g.department === 'hrss' && g.purpose === 'social-insurance-administration')!.limits = { cost: 50_000 };
    const file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.json');
    writeFileSync(file, JSON.stringify(policy));
    const bulk = await startTestGateway({ persons: 0, limits: { cost: 1000 }, policyFile: file });
    try {
      const query = `query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId name } }`;
      const variables = { ids: Array.from({ length: 900 }, () => ids[0]) };
      const granted = await bulk.query(query, variables, await bulk.headersFor('hrss', 'social-insurance-administration'));
      expect(granted.status).toBe(200);
      const other = await bulk.query(query, variables, await bulk.headersFor('hrss', 'employment-services'));
      expect(other.status).toBe(400);
      expect(other.body.errors![0]!.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', maximum: 1000 });
    } finally {
      await bulk.close();
      rmSync(dirname(file), { recursive: true, force: true });
    }
  });

  it('a policy file with a wrong limit stops the start, naming it', async () => {
    const policy = parseDocument(readFileSync(POLICY_FILE, 'utf8')).toJS() as { grants: { limits?: unknown }[] };
    policy.grants[0]!.limits = { cost: -1, speed: 3 };
    const file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.json');
    writeFileSync(file, JSON.stringify(policy));
    try {
      await expect(startTestGateway({ persons: 0, policyFile: file })).rejects.toThrow(/limits\.cost: must be a whole number of at least 1[\s\S]*limits\.speed: unknown limit/);
    } finally {
      rmSync(dirname(file), { recursive: true, force: true });
    }
  });
});
