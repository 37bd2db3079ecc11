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
