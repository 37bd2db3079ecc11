import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICTS, districtOf } from '../../../src/domain/districts.js';
import { CompiledPolicy } from '../../../src/policy/compile.js';
import { readPolicyFile } from '../../../src/policy/policy-file.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

let gw: TestGateway;
const one = async <T = Record<string, any>>(sql: string, params: unknown[] = []) => (await gw.database.query<T>(sql, params))[0]!;

beforeAll(async () => {
  gw = await startTestGateway({ persons: 3000, seed: 29 });
}, 240_000);
afterAll(() => gw?.close());

const HISTORY = `query($id: CitizenId!) { person(citizenId: $id) { citizenId historicalHukouType
  registration { district registeredSince historicalType }
  registrationHistory { kind occurredOn channel fromDistrict toDistrict outsideRegionCode }
  actualResidence { district street address since source } } }`;

const district = (code: string | null) => (code === null ? null : districtOf(code));

describe('registration history', () => {
  it('a settler: settlement with its channel and the region the hukou came from, then the moves that led to the current registration', async () => {
    const { citizen_id: id } = await one<{ citizen_id: string }>(
      `select e.citizen_id from registry.registration_event e where e.seq = 1 and e.kind = 'settlement' and e.channel = 'study'
       and exists (select 1 from registry.registration_event m where m.citizen_id = e.citizen_id and m.kind = 'move' and m.from_district_code <> m.to_district_code)
       order by 1 limit 1`,
    );
    const { body } = await gw.query(HISTORY, { id });
    expect(body.errors).toBeUndefined();
    const stored = await gw.database.query<Record<string, string | null>>(
      `select kind, occurred_on::text, channel, from_district_code, to_district_code, outside_region_code from registry.registration_event where citizen_id = $1 order by seq`,
      [id],
    );
    const { registrationHistory: history, registration } = body.data.person;
    expect(history).toEqual(
      stored.map((e) => ({
        kind: e.kind!.toUpperCase(),
        occurredOn: e.occurred_on,
        channel: e.channel?.toUpperCase() ?? null,
        fromDistrict: district(e.from_district_code!),
        toDistrict: district(e.to_district_code!),
        outsideRegionCode: e.outside_region_code,
      })),
    );
    expect(history[0]).toMatchObject({ kind: 'SETTLEMENT', channel: 'STUDY', fromDistrict: null });
    expect(history[0].outsideRegionCode).toBe(id.slice(0, 6));
    // The current registration is where the last event left the person, since that day.
    expect(registration.district).toBe(history.at(-1).toDistrict);
    expect(registration.registeredSince).toBe(history.at(-1).occurredOn);
  });

  it('a native: birth registration in the district the ID number was given in', async () => {
    const { citizen_id: id } = await one<{ citizen_id: string }>(
      `select e.citizen_id from registry.registration_event e join registry.person p using (citizen_id)
       where e.seq = 1 and e.kind = 'birth' and p.birth_date > '2015-01-01' order by 1 limit 1`,
    );
    const { body } = await gw.query(HISTORY, { id });
    const [birth] = body.data.person.registrationHistory;
    expect(birth).toMatchObject({ kind: 'BIRTH', channel: null, fromDistrict: null, outsideRegionCode: null });
    expect(DISTRICTS[birth.toDistrict as keyof typeof DISTRICTS].code).toBe(id.slice(0, 6));
  });

  it('a native who moved the hukou out to study and brought it back: MOVE_OUT and a SETTLEMENT from the same region', async () => {
    const { citizen_id: id } = await one<{ citizen_id: string }>("select citizen_id from registry.registration_event where kind = 'move_out' order by 1 limit 1");
    const { body } = await gw.query(HISTORY, { id });
    const history = body.data.person.registrationHistory;
    const out = history.findIndex((e: any) => e.kind === 'MOVE_OUT');
    expect(history[0].kind).toBe('BIRTH');
    expect(history[out + 1]).toMatchObject({ kind: 'SETTLEMENT', channel: 'EMPLOYMENT', outsideRegionCode: history[out].outsideRegionCode, toDistrict: history[out].fromDistrict });
  });

  it('keeps the pre-reform hukou type on the person after a later move, and says so through the deprecated registration field too', async () => {
    const { citizen_id: id, historical_hukou_type: type } = await one<{ citizen_id: string; historical_hukou_type: string }>(
      `select p.citizen_id, p.historical_hukou_type from registry.person p join registry.registration r using (citizen_id)
       where p.historical_hukou_type = 'agricultural' and r.registered_since >= '2015-01-01' order by 1 limit 1`,
    );
    const { body } = await gw.query(HISTORY, { id });
    const person = body.data.person;
    expect(person.registration.registeredSince >= '2015-01-01').toBe(true);
    expect(person.registrationHistory[0].occurredOn < '2015-01-01').toBe(true);
    expect(person.historicalHukouType).toBe(type.toUpperCase());
    expect(person.registration.historicalType).toBe(person.historicalHukouType);
  });

  it('the actual residence where it differs from the registration (人户分离), and none for someone living at the registered address', async () => {
    const row = await one<Record<string, string>>('select citizen_id, district_code, street, address, since::text, source from registry.actual_residence order by 1 limit 1');
    const { body } = await gw.query(HISTORY, { id: row.citizen_id });
    expect(body.data.person.actualResidence).toEqual({
      district: districtOf(row.district_code!),
      street: row.street,
      address: row.address,
      since: row.since,
      source: row.source!.toUpperCase(),
    });
    const { citizen_id: home } = await one<{ citizen_id: string }>(
      "select r.citizen_id from registry.registration r where r.status = 'guangzhou_resident' and not exists (select 1 from registry.actual_residence a where a.citizen_id = r.citizen_id) order by 1 limit 1",
    );
    expect((await gw.query(HISTORY, { id: home })).body.data.person.actualResidence).toBeNull();
  });
});

/** Sends an operation as a department and purpose; returns the answer with the audit record it left. */
async function asCaller(department: string, purpose: string, query: string, variables: Record<string, unknown>, claims: { district?: string } = {}) {
  const response = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await gw.headersFor(department, purpose, claims)) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { path: (string | number)[]; extensions: Record<string, any> }[] };
  const [record] = await gw.database.query<Record<string, any>>('select outcome, fields_denied, fields_returned, citizen_ids from audit.event where request_id = $1', [
    response.headers.get('x-request-id'),
  ]);
  return { status: response.status, body, record: record! };
}

const RECORDS = `query($id: CitizenId!) { person(citizenId: $id) { name registrationHistory { kind } actualResidence { district }
  parents { citizenId } children { citizenId } parentLinks { kind } historicalHukouType
  administrativePenalties { decidedOn } criminalPunishments { sentencedOn completedOn } } }`;

const deniedPaths = (body: { errors?: { path: (string | number)[]; extensions: Record<string, any> }[] }) =>
  (body.errors ?? []).filter((e) => e.extensions.code === 'FORBIDDEN').map((e) => e.path.join('.')).sort();

describe('who may read households, family links, history and records of offences', () => {
  let punished: string;
  beforeAll(async () => {
    punished = (await one<{ citizen_id: string }>('select citizen_id from registry.criminal_punishment order by 1 limit 1')).citizen_id;
  });

  it('household-registration reads all of it, the records of offences included', async () => {
    const { status, body, record } = await asCaller('public-security', 'household-registration', RECORDS, { id: punished });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.person.criminalPunishments.length).toBeGreaterThan(0);
    expect(record.outcome).toBe('allowed');
    expect(record.fields_denied).toEqual([]);
    expect(record.fields_returned).toEqual(expect.arrayContaining(['Person.criminalPunishments', 'CriminalPunishment.sentencedOn', 'Person.registrationHistory']));
  });

  it('a community health centre gets none of it: each field FORBIDDEN and null, and the audit lists them as denied', async () => {
    const { status, body, record } = await asCaller('health', 'community-health-services', RECORDS, { id: punished });
    expect(status).toBe(200);
    expect(body.data.person.name).toEqual(expect.any(String));
    const fields = ['registrationHistory', 'actualResidence', 'parents', 'children', 'parentLinks', 'historicalHukouType', 'administrativePenalties', 'criminalPunishments'];
    for (const field of fields) expect(body.data.person[field], field).toBeNull();
    expect(deniedPaths(body)).toEqual(fields.map((f) => `person.${f}`).sort());
    for (const error of body.errors!) expect(error.extensions.grantedFor).toEqual([]);
    expect(record.outcome).toBe('partly_denied');
    expect([...record.fields_denied].sort()).toEqual(fields.map((f) => `Person.${f}`).sort());
  });

  it('a district counter reads the history and the family of its own district, not the records of offences', async () => {
    const { citizen_id: id, district_code: code } = await one<{ citizen_id: string; district_code: string }>(
      'select r.citizen_id, r.district_code from registry.registration r join registry.criminal_punishment using (citizen_id) order by 1 limit 1',
    );
    const { body, record } = await asCaller('public-security', 'district-registration-services', RECORDS, { id }, { district: code });
    expect(body.data.person.registrationHistory.length).toBeGreaterThan(0);
    expect(body.data.person.criminalPunishments).toBeNull();
    expect(body.data.person.administrativePenalties).toBeNull();
    expect(deniedPaths(body)).toEqual(['person.administrativePenalties', 'person.criminalPunishments']);
    const punishmentError = body.errors!.find((e) => e.path.join('.') === 'person.criminalPunishments')!;
    // The refusal says which of the caller's purposes would grant it.
    expect(punishmentError.extensions.grantedFor).toEqual(['household-registration']);
    expect([...record.fields_denied].sort()).toEqual(['Person.administrativePenalties', 'Person.criminalPunishments']);
  });

  it('a school reads a child’s guardians, but not the parents, children, links, history or records as such', async () => {
    const { child } = await one<{ child: string }>(
      "select f.child_citizen_id as child from registry.family_link f join registry.person p on p.citizen_id = f.child_citizen_id where p.birth_date > '2016-01-01' order by 1 limit 1",
    );
    const query = `query($id: CitizenId!) { person(citizenId: $id) { guardians { citizenId } parents { citizenId } children { citizenId } parentLinks { kind }
      registrationHistory { kind } historicalHukouType criminalPunishments { sentencedOn } } }`;
    const { body, record } = await asCaller('education', 'school-enrolment', query, { id: child });
    expect(body.data.person.guardians.length).toBeGreaterThan(0);
    expect(deniedPaths(body)).toEqual(
      ['children', 'criminalPunishments', 'historicalHukouType', 'parentLinks', 'parents', 'registrationHistory'].map((f) => `person.${f}`),
    );
    // The guardians' IDs are in the answer, so the audit records them with the child's.
    expect([...record.citizen_ids].sort()).toEqual([child, ...body.data.person.guardians.map((g: any) => g.citizenId)].sort());
  });

  it('grants the records of offences to public security’s household registration alone', () => {
    const policy = CompiledPolicy.compile(readPolicyFile(), gw.gateway.schema);
    for (const field of ['Person.administrativePenalties', 'Person.criminalPunishments', 'AdministrativePenalty.decidedOn', 'CriminalPunishment.completedOn']) {
      const granted = readPolicyFile().grants.filter((g) => policy.grant(g.department, g.purpose)!.tiers.has(field)).map((g) => `${g.department}/${g.purpose}`);
      expect(granted, field).toEqual(['public-security/household-registration']);
    }
  });
});

describe('a district counter reaches only its own district through family links', () => {
  it('a parent registered elsewhere is left out of parents and guardians, and the link shows neither the person nor their ID', async () => {
    const child = await one<{ citizen_id: string; district_code: string }>(
      "select r.citizen_id, r.district_code from registry.registration r join registry.person p using (citizen_id) where p.birth_date > '2016-01-01' and r.district_code = $1 order by 1 limit 1",
      [DISTRICTS.TIANHE.code],
    );
    const outsider = await one<{ citizen_id: string }>(
      "select r.citizen_id from registry.registration r join registry.person p using (citizen_id) where r.district_code <> $1 and p.birth_date < '1980-01-01' order by 1 limit 1",
      [DISTRICTS.TIANHE.code],
    );
    await gw.database.query("insert into registry.family_link (parent_citizen_id, child_citizen_id, kind, since) values ($1, $2, 'guardian', '2024-03-01')", [
      outsider.citizen_id,
      child.citizen_id,
    ]);
    try {
      const query = 'query($id: CitizenId!) { person(citizenId: $id) { guardians { citizenId } parentLinks { kind parentCitizenId parent { citizenId } } } }';
      const scoped = await asCaller('public-security', 'district-registration-services', query, { id: child.citizen_id }, { district: DISTRICTS.TIANHE.code });
      expect(scoped.body.errors).toBeUndefined();
      expect(scoped.body.data.person.guardians.map((g: any) => g.citizenId)).not.toContain(outsider.citizen_id);
      // Outside the grant's row scope the guardian reads as unknown: the link stays, their ID does not
      // (it would give their birth date, sex and birthplace).
      expect(scoped.body.data.person.parentLinks).toContainEqual({ kind: 'GUARDIAN', parentCitizenId: null, parent: null });
      expect(JSON.stringify(scoped.body)).not.toContain(outsider.citizen_id);
      expect(scoped.record.citizen_ids).not.toContain(outsider.citizen_id);
      const cityWide = await asCaller('public-security', 'household-registration', query, { id: child.citizen_id });
      expect(cityWide.body.data.person.guardians.map((g: any) => g.citizenId)).toContain(outsider.citizen_id);
      expect(cityWide.body.data.person.parentLinks).toContainEqual({ kind: 'GUARDIAN', parentCitizenId: outsider.citizen_id, parent: { citizenId: outsider.citizen_id } });
    } finally {
      await gw.database.query('delete from registry.family_link where parent_citizen_id = $1 and child_citizen_id = $2', [outsider.citizen_id, child.citizen_id]);
    }
  });
});
