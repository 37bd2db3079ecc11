import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICTS } from '../../src/domain/districts.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let inside: string[];
let outside: string[];

beforeAll(async () => {
  gw = await startTestGateway({ persons: 300, seed: 9 });
  const rows = await gw.database.query<{ citizen_id: string; district_code: string }>('select citizen_id, district_code from registry.registration order by citizen_id');
  inside = rows.filter((r) => r.district_code === DISTRICTS.TIANHE.code).map((r) => r.citizen_id).slice(0, 5);
  outside = rows.filter((r) => r.district_code !== DISTRICTS.TIANHE.code).map((r) => r.citizen_id).slice(0, 5);
});
afterAll(() => gw?.close());

const QUERY = 'query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId name registration { district address household { kind } } } }';

describe('a row-scoped grant reaches only people registered in the caller district', () => {
  it('answers people registered in the district and reads everyone else as unknown', async () => {
    expect(inside.length).toBe(5);
    const headers = await gw.headersFor('public-security', 'district-registration-services', { district: DISTRICTS.TIANHE.code });
    const { status, body } = await gw.query(QUERY, { ids: [...inside, ...outside] }, headers);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.persons.slice(0, 5).map((p: { citizenId: string }) => p.citizenId)).toEqual(inside);
    expect(body.data.persons.slice(0, 5).every((p: { registration: { district: string } }) => p.registration.district === 'TIANHE')).toBe(true);
    expect(body.data.persons.slice(5)).toEqual([null, null, null, null, null]);
  });

  it('applies the scope in the SQL, and reads no registration of anyone outside it', async () => {
    const headers = await gw.headersFor('public-security', 'district-registration-services', { district: DISTRICTS.TIANHE.code });
    const statements: { sql: string; params: unknown[] }[] = [];
    const stop = gw.database.onStatement((sql, params) => statements.push({ sql, params: params ?? [] }));
    await gw.query(QUERY, { ids: outside }, headers);
    stop();
    expect(statements).toHaveLength(1);
    expect(statements[0]!.sql).toMatch(/"registry"\."registration"\."district_code" = \$\d/);
    expect(statements[0]!.params).toContain(DISTRICTS.TIANHE.code);
  });

  it('the same people are all readable for the city-wide purpose', async () => {
    const { body } = await gw.query(QUERY, { ids: outside }, await gw.headersFor('public-security', 'household-registration'));
    expect(body.data.persons.every((p: unknown) => p !== null)).toBe(true);
  });

  it('refuses a token that names no district, or one that is not in Guangzhou, before reading anything', async () => {
    for (const district of [undefined, '110105']) {
      const headers = await gw.headersFor('public-security', 'district-registration-services', district ? { district } : {});
      const { status, body } = await gw.query(QUERY, { ids: inside }, headers);
      expect(status).toBe(403);
      expect(body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(body.errors![0]!.message).toMatch(/registered in the caller's own district/);
    }
  });
});
