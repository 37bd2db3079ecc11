import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { loadDepartmentModules, SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { composeSupergraph } from '../../src/gateway/compose.js';
import { POLICY_FILE } from '../../src/policy/policy-file.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * DESIGN.md "Departments are modules": a department defined only in a fixture folder (manifest,
 * SDL, resolvers, tables, migrations, demo data) is composed, migrated, seeded, granted and
 * queried, with nothing else edited but a policy file.
 */
const FIXTURES = fileURLToPath(new URL('../fixtures/departments', import.meta.url));
const [library] = await loadDepartmentModules(FIXTURES);
const MODULES = [...SUBGRAPHS, library!];

/** The city's policy plus the culture department's own purpose and grant. */
function policyWithLibrary(): string {
  const policy = parse(readFileSync(POLICY_FILE, 'utf8'));
  policy.departments.culture = '市文化广电旅游局 Culture, Radio, Television and Tourism Bureau';
  policy.purposes.push({ code: 'library-services', department: 'culture', description: 'Issuing and renewing readers\' cards.', legalBasis: 'PIPL Art. 13(3), 34; Public Library Law.' });
  policy.grants.push({
    department: 'culture',
    purpose: 'library-services',
    reason: 'The library reads its own cards and the reader\'s name.',
    full: ['Query.person', 'Person.citizenId', 'Person.libraryCard', 'LibraryCard.*'],
    masked: ['Person.name'],
  });
  const file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.yaml');
  writeFileSync(file, stringify(policy));
  return file;
}

describe('a department is one folder', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ modules: MODULES, persons: 400, policyFile: policyWithLibrary(), as: { department: 'culture', purpose: 'library-services' } });
  });
  afterAll(() => gateway?.close());

  it('is found by its folder and named after it', () => {
    expect(library!.name).toBe('library');
    expect(library!.department).toBe('culture');
    expect(SUBGRAPHS.map((m) => m.name)).not.toContain('library');
  });

  it('composes into the supergraph beside the city\'s departments, and only when given', () => {
    expect(composeSupergraph(MODULES).apiSchema.getType('LibraryCard')).toBeDefined();
    expect(composeSupergraph(SUBGRAPHS).apiSchema.getType('LibraryCard')).toBeUndefined();
  });

  it('is migrated into its own schema and seeded from its own demo data', async () => {
    const [{ cards, readers }] = (await gateway.database.query<{ cards: string; readers: string }>(
      `select count(*) as cards,
              (select count(*) from registry.person where birth_date <= current_date - interval '6 years') as readers
         from library.card`,
    )) as [{ cards: string; readers: string }];
    // One reader in three from age 6: a loose band, wide enough for 400 people.
    expect(Number(cards)).toBeGreaterThan(Number(readers) * 0.2);
    expect(Number(cards)).toBeLessThan(Number(readers) * 0.47);
    const [bookkeeping] = await gateway.database.query<{ n: string }>('select count(*) as n from drizzle.__drizzle_migrations_library');
    expect(Number(bookkeeping!.n)).toBe(1);
  });

  it('answers its slice through the gateway for its own grant, joined to the registry\'s name (masked)', async () => {
    const [card] = await gateway.database.query<{ citizen_id: string; card_no: string; issued_on: string }>(
      'select citizen_id, card_no, issued_on::text as issued_on from library.card order by citizen_id limit 1',
    );
    const [person] = await gateway.database.query<{ name: string }>('select name from registry.person where citizen_id = $1', [card!.citizen_id]);
    const { status, body } = await gateway.query(`{ person(citizenId: "${card!.citizen_id}") { name libraryCard { cardNo issuedOn } } }`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.person.libraryCard).toEqual({ cardNo: card!.card_no, issuedOn: card!.issued_on });
    expect(body.data.person.name).toBe(`${person!.name[0]}${'*'.repeat(person!.name.length - 1)}`);
  });

  it('is denied to a department whose grant does not name it, before the library is asked', async () => {
    const [card] = await gateway.database.query<{ citizen_id: string }>('select citizen_id from library.card limit 1');
    const { body } = await gateway.query(
      `{ person(citizenId: "${card!.citizen_id}") { name libraryCard { cardNo } } }`,
      undefined,
      await gateway.headersFor('education', 'school-enrolment'),
    );
    expect(body.data.person.libraryCard).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ path: ['person', 'libraryCard'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    const [audit] = await gateway.database.query<{ fields_denied: string[] }>(
      "select fields_denied from audit.event where department = 'education' order by seq desc limit 1",
    );
    expect(audit!.fields_denied).toContain('Person.libraryCard');
  });

  it('is named nowhere in src/: every list of departments comes from the manifests', () => {
    const mentions: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder)) {
        const path = join(folder, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (/libraryCard|LibraryCard|library\.card/.test(readFileSync(path, 'utf8'))) mentions.push(path);
      }
    };
    walk(fileURLToPath(new URL('../../src', import.meta.url)));
    expect(mentions).toEqual([]);
  });
});
