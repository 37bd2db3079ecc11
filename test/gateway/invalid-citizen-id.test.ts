import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import vectors from '../citizen-ids.json' with { type: 'json' };

let gw: TestGateway;
let statements = 0;

beforeAll(async () => {
  gw = await startTestGateway({ persons: 0 });
  gw.database.onStatement(() => statements++);
});
afterAll(() => gw?.close());

const EXPECTED_WORDS: Record<string, RegExp> = {
  length: /18 characters/,
  characters: /digits|X may only/,
  date: /birth date .* (not a real date|in the future)/,
  'check digit': /check character/,
};

describe('invalid citizen IDs are clear input errors, never a silent "not found"', () => {
  describe.each(vectors.invalid)('"$input" ($note)', ({ input, reason }) => {
    it(`is refused as a variable with BAD_USER_INPUT naming the ${reason}`, async () => {
      const before = statements;
      const { status, body } = await gw.query('query($id: CitizenId!) { person(citizenId: $id) { name } }', { id: input });
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
      expect(body.errors![0]!.message).toMatch(EXPECTED_WORDS[reason]!);
      expect(statements).toBe(before);
    });

    it(`is refused as a literal with BAD_USER_INPUT naming the ${reason}`, async () => {
      const { status, body } = await gw.query(`{ person(citizenId: ${JSON.stringify(input)}) { name } }`);
      expect(status).toBe(400);
      expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
      expect(body.errors![0]!.message).toMatch(EXPECTED_WORDS[reason]!);
    });
  });

  describe.each([
    ['a variable', (id: string) => gw.query('query($id: CitizenId!) { person(citizenId: $id) { name } }', { id })],
    ['a literal', (id: string) => gw.query(`{ person(citizenId: ${JSON.stringify(id)}) { name } }`)],
  ])('as %s', (_, ask) => {
    it('refuses a number whose first two digits are no province code, naming them', async () => {
      const before = statements;
      // 99 in place of 44, the check character recomputed: only the province is wrong.
      const { status, body } = await ask('990106199001011232');
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'region' });
      expect(body.errors![0]!.message).toMatch(/characters 1–2 are 99, which is no province code \(GB\/T 2260: 11–15, 21–23, /);
      expect(statements).toBe(before);
    });

    it('refuses an old 15-digit number, giving its 18-digit form in the message and the extensions', async () => {
      const before = statements;
      const { status, body } = await ask('440106900101123');
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'old 15-digit form',
        eighteenDigitForm: '440106199001011235',
      });
      expect(body.errors![0]!.message).toMatch(/Invalid citizen ID "440106900101123": is an old 15-digit number .*its 18-digit form is 440106199001011235 — use that\./);
      expect(statements).toBe(before);
    });

    it('refuses 15 digits that are no real old number (month 13) for their length, with no 18-digit form', async () => {
      const { status, body } = await ask('440106901301123');
      expect(status).toBe(400);
      expect(body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'length' });
      expect(body.errors![0]!.message).toMatch(/18 characters, got 15/);
    });
  });

  it('the audit filter the compliance console sends refuses a bad province and an old number the same way', async () => {
    const reviewer = await gw.headersFor('compliance', 'access-review');
    const events = 'query($filter: AuditFilter) { auditEvents(filter: $filter) { events { seq } } }';
    const old = await gw.query(events, { filter: { citizenId: '440106900101123' } }, reviewer);
    expect(old.status).toBe(400);
    expect(old.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'old 15-digit form', eighteenDigitForm: '440106199001011235' });
    const region = await gw.query(events, { filter: { citizenId: '990106199001011232' } }, reviewer);
    expect(region.status).toBe(400);
    expect(region.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'region' });
  });

  it('refuses a number that is not a string', async () => {
    const { status, body } = await gw.query('query($id: CitizenId!) { person(citizenId: $id) { name } }', { id: 440106199001011 });
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(body.errors![0]!.message).toMatch(/string/);
  });

  it('names the bad entry inside a persons list', async () => {
    const { status, body } = await gw.query('query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { name } }', {
      ids: ['440106199001011235', '440106199001011230'],
    });
    expect(status).toBe(400);
    expect(body.errors![0]!.message).toMatch(/ids\[1\].*check character/);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'check digit' });
  });
});
