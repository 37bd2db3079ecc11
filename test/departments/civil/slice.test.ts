import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';
import { createGatewayServer, type GatewayServer } from '../../../src/gateway/server.js';
import { createHttpServer, listen } from '../../../src/gateway/http.js';
import { POLICY_FILE } from '../../../src/policy/policy-file.js';
import { fenToYuan } from '../../../src/domain/money.js';

/**
 * The civil-affairs slice through the real gateway: what the bureau's own purposes read, the
 * answers derived from its records, and what every other purpose is refused (and the audit records).
 */

let gw: TestGateway;

beforeAll(async () => {
  // Large enough for cases of every kind to occur (with seed 4: granted, ended, refused, under review).
  gw = await startTestGateway({ persons: 3000, seed: 4, as: { department: 'civil-affairs', purpose: 'subsistence-allowance-assessment' } });
}, 180_000);
afterAll(() => gw?.close());

const ids = async (sql: string, params: unknown[] = []) => (await gw.database.query<{ citizen_id: string }>(sql, params)).map((r) => r.citizen_id);
const one = async (sql: string, params: unknown[] = []) => {
  const [id] = await ids(sql, params);
  if (!id) throw new Error(`the seeded population has nobody for: ${sql}`);
  return id;
};
const forbidden = (body: { errors?: { path?: (string | number)[]; extensions?: Record<string, any> }[] }) =>
  (body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.path!.join('.'));
const lastAudit = async (department: string) => {
  const [record] = await gw.database.query<{ outcome: string; citizen_ids: string[]; fields_returned: string[]; fields_denied: string[] }>(
    'select outcome, citizen_ids, fields_returned, fields_denied from audit.event where department = $1 order by seq desc limit 1',
    [department],
  );
  return record!;
};

/** A person's marriages as the bureau stores them, in the shape the API answers. */
async function storedMarriages(citizenId: string) {
  const rows = await gw.database.query<any>(
    `select spouse_citizen_id, registered_on::text, registered_area_code, ended_on::text, ending, divorce_area_code
       from civil.marriage where citizen_id = $1 order by registered_on`,
    [citizenId],
  );
  return rows.map((r) => ({
    spouseCitizenId: r.spouse_citizen_id,
    registeredOn: r.registered_on,
    registrationAreaCode: r.registered_area_code,
    endedOn: r.ended_on,
    ending: r.ending?.toUpperCase() ?? null,
    divorceAreaCode: r.divorce_area_code,
  }));
}

async function storedCases(table: 'subsistence_allowance' | 'low_income_family', citizenId: string) {
  const rows = await gw.database.query<any>(
    `select *, applied_on::text as applied, decided_on::text as decided, since::text as since_text, until::text as until_text
       from civil.${table} where citizen_id = $1 order by applied_on`,
    [citizenId],
  );
  return rows.map((r) => ({
    householdId: r.household_id,
    householdSize: r.household_size,
    status: r.status.toUpperCase(),
    appliedOn: r.applied,
    decidedOn: r.decided,
    since: r.since_text,
    until: r.until_text,
    ...(table === 'subsistence_allowance' ? { monthlyAmount: r.monthly_amount_fen === null ? null : fenToYuan(Number(r.monthly_amount_fen)) } : {}),
  }));
}

const MARRIAGE = 'spouseCitizenId registeredOn registrationAreaCode endedOn ending divorceAreaCode';
const CASE = 'householdId householdSize status appliedOn decidedOn since until';

describe('the slice, for the bureau means-testing a 低保 application', () => {
  it('a married person: MARRIED, the registration naming the spouse, who is married to them in the same household', async () => {
    const citizenId = await one(
      `select m.citizen_id from civil.marriage m
         join registry.registration r on r.citizen_id = m.citizen_id
         join registry.registration s on s.citizen_id = m.spouse_citizen_id
        where m.ended_on is null and r.household_id = s.household_id order by m.citizen_id limit 1`,
    );
    const [{ spouse_citizen_id: spouse }] = (await gw.database.query<{ spouse_citizen_id: string }>(
      'select spouse_citizen_id from civil.marriage where citizen_id = $1 and ended_on is null',
      [citizenId],
    )) as [{ spouse_citizen_id: string }];
    const { status, body } = await gw.query(
      `query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId registration { household { householdId } } civilAffairs { maritalStatus marriages { ${MARRIAGE} } } } }`,
      { ids: [citizenId] },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const [person] = body.data.persons;
    expect(person.civilAffairs.maritalStatus).toBe('MARRIED');
    expect(person.civilAffairs.marriages).toEqual(await storedMarriages(citizenId));
    const current = person.civilAffairs.marriages.at(-1);
    expect(current).toMatchObject({ spouseCitizenId: spouse, endedOn: null, ending: null, divorceAreaCode: null });

    // The spouse's side of the same registration, in the same household.
    const other = await gw.query(
      `query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { registration { household { householdId } } civilAffairs { maritalStatus marriages { ${MARRIAGE} } } } }`,
      { ids: [spouse] },
    );
    const [spousePerson] = other.body.data.persons;
    expect(spousePerson.civilAffairs.maritalStatus).toBe('MARRIED');
    expect(spousePerson.civilAffairs.marriages.at(-1)).toEqual({ ...current, spouseCitizenId: citizenId });
    expect(spousePerson.registration.household.householdId).toBe(person.registration.household.householdId);
  });

  it('the spouse named in an answer is recorded by the audit as a citizen the answer carries', async () => {
    const [row] = await gw.database.query<{ citizen_id: string; spouse_citizen_id: string }>(
      'select citizen_id, spouse_citizen_id from civil.marriage where spouse_citizen_id is not null order by citizen_id limit 1',
    );
    const { body } = await gw.query(`{ person(citizenId: "${row!.citizen_id}") { civilAffairs { marriages { spouseCitizenId } } } }`);
    expect(body.errors).toBeUndefined();
    expect([...(await lastAudit('civil-affairs')).citizen_ids].sort()).toEqual([row!.citizen_id, row!.spouse_citizen_id].sort());
  });

  it('a 低保 recipient: the case of their household, in force, with the household allowance; the derived answers agree', async () => {
    const citizenId = await one("select citizen_id from civil.subsistence_allowance where status = 'granted' order by citizen_id limit 1");
    const { body } = await gw.query(
      `query($id: CitizenId!) { person(citizenId: $id) { registration { household { householdId } }
         civilAffairs { receivesSubsistenceAllowance isLowIncomeFamily subsistenceAllowance { ${CASE} monthlyAmount } } } }`,
      { id: citizenId },
    );
    expect(body.errors).toBeUndefined();
    const slice = body.data.person.civilAffairs;
    expect(slice.subsistenceAllowance).toEqual(await storedCases('subsistence_allowance', citizenId));
    const granted = slice.subsistenceAllowance.find((c: any) => c.status === 'GRANTED');
    expect(granted).toMatchObject({ until: null, householdId: body.data.person.registration.household.householdId });
    expect(granted.since >= granted.decidedOn && granted.decidedOn > granted.appliedOn).toBe(true);
    // 低保 tops the household up to the line (¥1,368 a head): never more than the line for everyone.
    const amount = Number(granted.monthlyAmount);
    expect(amount).toBeGreaterThan(0);
    expect(amount).toBeLessThanOrEqual(1368 * granted.householdSize);
    expect(slice.receivesSubsistenceAllowance).toBe(true);
    expect(slice.isLowIncomeFamily).toBe(false);

    // Every member the case covers has it, and the household counts exactly them.
    const members = await ids(
      "select citizen_id from civil.subsistence_allowance where household_id = $1 and status = 'granted' order by citizen_id",
      [granted.householdId],
    );
    expect(members).toHaveLength(granted.householdSize);
    const all = await gw.query(`query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { civilAffairs { receivesSubsistenceAllowance } } }`, { ids: members });
    expect(all.body.data.persons.every((p: any) => p.civilAffairs.receivesSubsistenceAllowance === true)).toBe(true);
  });

  it('every 低保 case and low-income determination answers its period as stored, and the derived answers follow the status', async () => {
    const people = await ids('select citizen_id from civil.subsistence_allowance union select citizen_id from civil.low_income_family order by 1');
    expect(people.length).toBeGreaterThan(10);
    const { body } = await gw.query(
      `query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId civilAffairs {
         receivesSubsistenceAllowance isLowIncomeFamily subsistenceAllowance { ${CASE} monthlyAmount } lowIncomeStatus { ${CASE} } } } }`,
      { ids: people },
    );
    expect(body.errors).toBeUndefined();
    const statuses = new Set<string>();
    for (const person of body.data.persons) {
      const slice = person.civilAffairs;
      expect(slice.subsistenceAllowance).toEqual(await storedCases('subsistence_allowance', person.citizenId));
      expect(slice.lowIncomeStatus).toEqual(await storedCases('low_income_family', person.citizenId));
      for (const c of [...slice.subsistenceAllowance, ...slice.lowIncomeStatus]) {
        statuses.add(c.status);
        if (c.status === 'APPLIED') expect(c).toMatchObject({ decidedOn: null, since: null, until: null });
        if (c.status === 'REFUSED') expect(c).toMatchObject({ since: null, until: null });
        if (c.status === 'GRANTED') expect(c.since !== null && c.until === null).toBe(true);
        if (c.status === 'ENDED') expect(c.since < c.until).toBe(true);
        expect(c.appliedOn <= '2026-11-01' && (c.until ?? c.since ?? c.appliedOn) <= '2026-11-01').toBe(true);
      }
      for (const c of slice.subsistenceAllowance) expect(c.monthlyAmount === null).toBe(c.status === 'APPLIED' || c.status === 'REFUSED');
      expect(slice.receivesSubsistenceAllowance).toBe(slice.subsistenceAllowance.some((c: any) => c.status === 'GRANTED'));
      expect(slice.isLowIncomeFamily).toBe(slice.lowIncomeStatus.some((c: any) => c.status === 'GRANTED'));
      // A household is on 低保 or a low-income family, never both at once.
      expect(slice.receivesSubsistenceAllowance && slice.isLowIncomeFamily).toBe(false);
    }
    // Cases in force and ended ones are common; applications under review or refused are rarer.
    expect(statuses).toContain('GRANTED');
    expect(statuses).toContain('ENDED');
    expect(statuses.size).toBeGreaterThanOrEqual(3);
  });

  it('marital status is the latest marriage read: never married, married, divorced, widowed', async () => {
    const cases = {
      // Never married, and known to the bureau for something else.
      NEVER_MARRIED: await one(`select citizen_id from civil.volunteer_hours v
        where not exists (select 1 from civil.marriage m where m.citizen_id = v.citizen_id) order by citizen_id limit 1`),
      MARRIED: await one('select citizen_id from civil.marriage where ended_on is null order by citizen_id limit 1'),
      // Latest marriage ended, and no later one.
      DIVORCED: await one(`select citizen_id from civil.marriage m where ending in ('divorce_registered', 'divorce_by_court')
        and not exists (select 1 from civil.marriage l where l.citizen_id = m.citizen_id and l.registered_on > m.registered_on) order by citizen_id limit 1`),
      WIDOWED: await one(`select citizen_id from civil.marriage m where ending = 'death_of_spouse'
        and not exists (select 1 from civil.marriage l where l.citizen_id = m.citizen_id and l.registered_on > m.registered_on) order by citizen_id limit 1`),
      // Divorced once and married again: the current marriage decides.
      REMARRIED: await one(`select citizen_id from civil.marriage m where ended_on is null
        and exists (select 1 from civil.marriage e where e.citizen_id = m.citizen_id and e.ending is not null) order by citizen_id limit 1`),
    };
    const { body } = await gw.query(`query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { civilAffairs { maritalStatus marriages { endedOn } } } }`, {
      ids: Object.values(cases),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.persons.map((p: any) => p.civilAffairs.maritalStatus)).toEqual(['NEVER_MARRIED', 'MARRIED', 'DIVORCED', 'WIDOWED', 'MARRIED']);
    expect(body.data.persons[0].civilAffairs.marriages).toEqual([]);
    expect(body.data.persons[4].civilAffairs.marriages.length).toBeGreaterThan(1);
  });

  it('has no slice for a person the bureau holds nothing on, rather than saying they never married', async () => {
    const registers = ['marriage', 'subsistence_allowance', 'low_income_family', 'elderly_care', 'volunteer_hours', 'award'];
    const citizenId = await one(
      `select citizen_id from registry.person p where ${registers.map((t) => `not exists (select 1 from civil.${t} r where r.citizen_id = p.citizen_id)`).join(' and ')}
        order by citizen_id limit 1`,
    );
    const statements: string[] = [];
    const stop = gw.database.onStatement((sql) => statements.push(sql));
    const { body } = await gw.query(`{ person(citizenId: "${citizenId}") { citizenId civilAffairs { maritalStatus receivesSubsistenceAllowance } } }`);
    stop();
    expect(body).toEqual({ data: { person: { citizenId, civilAffairs: null } } });
    // Deciding that reads each register once, the same reads the fields would be answered from.
    const civil = statements.map((sql) => /from "civil"\."(\w+)"/.exec(sql)?.[1]).filter((t) => t !== undefined);
    expect(civil.sort()).toEqual([...registers].sort());
  });

  it('reads its slice but not volunteering or awards, which say nothing of need', async () => {
    const citizenId = await one('select citizen_id from civil.award order by citizen_id limit 1');
    const { body } = await gw.query(`{ person(citizenId: "${citizenId}") { civilAffairs { maritalStatus elderlyCare { kind } volunteering { hours } awards { title } } } }`);
    expect(body.data.person.civilAffairs).toMatchObject({ volunteering: null, awards: null });
    expect(body.data.person.civilAffairs.maritalStatus).toMatch(/^[A-Z_]+$/);
    expect(forbidden(body).sort()).toEqual(['person.civilAffairs.awards', 'person.civilAffairs.volunteering']);
    const record = await lastAudit('civil-affairs');
    expect(record.outcome).toBe('partly_denied');
    expect([...record.fields_denied].sort()).toEqual(['CivilAffairsSlice.awards', 'CivilAffairsSlice.volunteering']);
    expect(record.fields_returned).toEqual(expect.arrayContaining(['Person.civilAffairs', 'CivilAffairsSlice.maritalStatus', 'CivilAffairsSlice.elderlyCare']));
  });
});

describe('the slice, for the bureau keeping its own records', () => {
  it('answers elderly care, volunteering and awards as stored', async () => {
    const headers = await gw.headersFor('civil-affairs', 'civil-affairs-administration');
    const people = await ids(`select citizen_id from (select citizen_id from civil.elderly_care union select citizen_id from civil.award
      union (select citizen_id from civil.volunteer_hours order by citizen_id limit 50)) x order by 1`);
    const { body } = await gw.query(
      `query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId civilAffairs {
         elderlyCare { kind since until monthlyAmount } volunteering { year hours } awards { level title awardedBy awardedOn } } } }`,
      { ids: people },
      headers,
    );
    expect(body.errors).toBeUndefined();
    let hours = 0;
    for (const { citizenId, civilAffairs } of body.data.persons) {
      const care = await gw.database.query<any>('select kind, since::text, until::text, monthly_amount_fen from civil.elderly_care where citizen_id = $1 order by since', [citizenId]);
      expect(civilAffairs.elderlyCare).toEqual(
        care.map((c) => ({ kind: c.kind.toUpperCase(), since: c.since, until: c.until, monthlyAmount: c.monthly_amount_fen === null ? null : fenToYuan(Number(c.monthly_amount_fen)) })),
      );
      const years = await gw.database.query<any>('select year, hours::text from civil.volunteer_hours where citizen_id = $1 order by year', [citizenId]);
      expect(civilAffairs.volunteering).toEqual(years.map((y) => ({ year: y.year, hours: Number(y.hours) })));
      hours += years.length;
      const awards = await gw.database.query<any>('select level, title, awarded_by, awarded_on::text from civil.award where citizen_id = $1 order by awarded_on', [citizenId]);
      expect(civilAffairs.awards).toEqual(awards.map((a) => ({ level: a.level.toUpperCase(), title: a.title, awardedBy: a.awarded_by, awardedOn: a.awarded_on })));
    }
    expect(hours).toBeGreaterThan(50);
  });
});

describe('every other purpose is refused the slice, before the bureau is asked', () => {
  it('education enrolling a child cannot read 低保: FORBIDDEN, nothing of civil affairs read, and the audit says what was denied', async () => {
    const citizenId = await one("select citizen_id from civil.subsistence_allowance where status = 'granted' order by citizen_id limit 1");
    const statements: string[] = [];
    const stop = gw.database.onStatement((sql) => statements.push(sql));
    const { status, body } = await gw.query(
      `{ person(citizenId: "${citizenId}") { name civilAffairs { receivesSubsistenceAllowance subsistenceAllowance { status monthlyAmount } } } }`,
      undefined,
      await gw.headersFor('education', 'school-enrolment'),
    );
    stop();
    expect(status).toBe(200);
    expect(body.data.person.name).toBeTypeOf('string');
    expect(body.data.person.civilAffairs).toBeNull();
    expect(forbidden(body)).toEqual(['person.civilAffairs']);
    expect(body.errors![0]!.message).toMatch(/Person\.civilAffairs is not readable by education for "school-enrolment"/);
    expect(statements.filter((sql) => sql.includes('"civil".'))).toEqual([]);
    const record = await lastAudit('education');
    expect(record.outcome).toBe('partly_denied');
    expect(record.fields_denied).toEqual(['Person.civilAffairs']);
    expect(record.fields_returned).not.toContain('Person.civilAffairs');
  });

  it('migrant-services scoring residence points gets no raw volunteering hours or awards', async () => {
    const citizenId = await one('select citizen_id from civil.award order by citizen_id limit 1');
    const { body } = await gw.query(
      `{ person(citizenId: "${citizenId}") { citizenId civilAffairs { volunteering { year hours } awards { level awardedOn } } } }`,
      undefined,
      await gw.headersFor('migrant-services', 'residence-points-assessment'),
    );
    expect(body.data.person).toEqual({ citizenId, civilAffairs: null });
    expect(forbidden(body)).toEqual(['person.civilAffairs']);
    expect((await lastAudit('migrant-services')).fields_denied).toEqual(['Person.civilAffairs']);
  });

  it.each([
    ['health', 'community-health-services'],
    ['housing', 'public-housing-eligibility'],
    ['tax', 'tax-administration'],
    ['hrss', 'employment-services'],
  ])('%s / %s reads neither marital status nor assistance', async (department, purpose) => {
    const citizenId = await one('select citizen_id from civil.marriage order by citizen_id limit 1');
    const { body } = await gw.query(
      `{ person(citizenId: "${citizenId}") { civilAffairs { maritalStatus isLowIncomeFamily } } }`,
      undefined,
      await gw.headersFor(department, purpose),
    );
    expect(body.data.person.civilAffairs).toBeNull();
    expect(forbidden(body)).toEqual(['person.civilAffairs']);
    expect((await lastAudit(department)).fields_denied).toEqual(['Person.civilAffairs']);
  });
});

describe('derived answers', () => {
  let derivedOnly: GatewayServer;
  let url: string;
  let closeHttp: () => Promise<void>;

  beforeAll(async () => {
    // The shipped policy, plus what a housing office deciding public rental housing would be given:
    // whether the household is on 低保 or low-income, as derived answers only.
    const policy = parse(readFileSync(POLICY_FILE, 'utf8'));
    const grant = policy.grants.find((g: any) => g.department === 'housing' && g.purpose === 'public-housing-eligibility');
    grant.full.push('Person.civilAffairs');
    grant.derived.push('CivilAffairsSlice.receivesSubsistenceAllowance', 'CivilAffairsSlice.isLowIncomeFamily');
    const file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.yaml');
    writeFileSync(file, stringify(policy));
    derivedOnly = await createGatewayServer(gw.database, { access: { verifier: gw.keys.verifier, policyFile: file }, audit: 'on' });
    const http = createHttpServer(derivedOnly);
    url = `http://127.0.0.1:${await listen(http, 0, '127.0.0.1')}/graphql`;
    closeHttp = () => new Promise((resolve) => http.close(() => resolve()));
  });
  afterAll(async () => {
    await closeHttp?.();
    await derivedOnly?.stop();
  });

  it('a purpose granted only the derived answers learns whether, never the case, household or amount', async () => {
    const recipient = await one("select citizen_id from civil.subsistence_allowance where status = 'granted' order by citizen_id limit 1");
    const lowIncome = await one("select citizen_id from civil.low_income_family where status = 'granted' order by citizen_id limit 1");
    const neither = await one(`select citizen_id from civil.marriage p where not exists (select 1 from civil.subsistence_allowance s where s.citizen_id = p.citizen_id)
      and not exists (select 1 from civil.low_income_family l where l.citizen_id = p.citizen_id) order by citizen_id limit 1`);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await gw.keys.token('housing')}`, 'x-purpose': 'public-housing-eligibility' },
      body: JSON.stringify({
        query: `query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { civilAffairs {
          receivesSubsistenceAllowance isLowIncomeFamily subsistenceAllowance { householdId monthlyAmount } lowIncomeStatus { since } } } }`,
        variables: { ids: [recipient, lowIncome, neither] },
      }),
    });
    const body = (await response.json()) as any;
    expect(body.data.persons.map((p: any) => [p.civilAffairs.receivesSubsistenceAllowance, p.civilAffairs.isLowIncomeFamily])).toEqual([
      [true, false],
      [false, true],
      [false, false],
    ]);
    expect(body.data.persons.every((p: any) => p.civilAffairs.subsistenceAllowance === null && p.civilAffairs.lowIncomeStatus === null)).toBe(true);
    expect(new Set(forbidden(body).map((path) => path.replace(/\.\d+\./, '.N.')))).toEqual(
      new Set(['persons.N.civilAffairs.subsistenceAllowance', 'persons.N.civilAffairs.lowIncomeStatus']),
    );
    const [{ household_id: household }] = (await gw.database.query<{ household_id: string }>(
      'select household_id from civil.subsistence_allowance where citizen_id = $1',
      [recipient],
    )) as [{ household_id: string }];
    expect(JSON.stringify(body)).not.toContain(household);
  });
});
