import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCitizenId } from '../../../src/domain/citizen-id.js';
import { DISTRICTS, type DistrictKey } from '../../../src/domain/districts.js';
import { addYears, iso, toDay } from '../../../src/population/dates.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

/**
 * The migrant-services subgraph through the real gateway: the permit view of a holder, its history
 * and renewals, the derived yes/no other departments get instead, and the refusals around them.
 */
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ persons: 1200, seed: 7, as: { department: 'migrant-services', purpose: 'residence-permit-administration' } });
}, 120_000);
afterAll(() => gw?.close());

const PERMIT = `
  permitNumber status issuingDistrict issuedOn validUntil cancelledOn cancellationReason appliedByGuardian
  renewsPermitNumber
  residenceRegistration { referenceNumber registeredOn district address endedOn }
  endorsements { endorsedOn validFrom validUntil }`;
const VIEW = `query PermitView($id: CitizenId!) { person(citizenId: $id) {
  residencePermit { ${PERMIT} } residencePermits { ${PERMIT} } holdsValidResidencePermit } }`;

const districtKey = (code: string) => (Object.keys(DISTRICTS) as DistrictKey[]).find((key) => DISTRICTS[key].code === code)!;

/** Guangzhou's date (UTC+8), computed here independently of the subgraph's own helper. */
const dayInGuangzhou = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const today = dayInGuangzhou();

const anniversary = (date: string, years: number) => iso(addYears(toDay(date), years));
const dayBefore = (date: string) => iso(toDay(date) - 1);

interface StoredPermit {
  permit_no: string;
  citizen_id: string;
  registration_no: string;
  issuing_district_code: string;
  issued_on: string;
  applied_by_guardian: boolean;
  cancelled_on: string | null;
  cancellation_reason: string | null;
  renews_permit_no: string | null;
}

/** What the bureau stores on a person, and what the view should make of it, computed here from the rows. */
async function stored(citizenId: string) {
  const permits = await gw.database.query<StoredPermit>(
    `select permit_no, citizen_id, registration_no, issuing_district_code, issued_on::text, applied_by_guardian,
            cancelled_on::text, cancellation_reason::text, renews_permit_no
       from permits.residence_permit where citizen_id = $1 order by issued_on`,
    [citizenId],
  );
  const endorsements = await gw.database.query<{ permit_no: string; endorsed_on: string; validity_year: number }>(
    'select permit_no, endorsed_on::text, validity_year from permits.endorsement where citizen_id = $1 order by validity_year',
    [citizenId],
  );
  const registrations = await gw.database.query<{ reference_no: string; registered_on: string; district_code: string; address: string; ended_on: string | null }>(
    'select reference_no, registered_on::text, district_code, address, ended_on::text from permits.residence_registration where citizen_id = $1',
    [citizenId],
  );
  const view = permits.map((permit) => {
    const own = endorsements.filter((e) => e.permit_no === permit.permit_no);
    // Year n of validity runs from the (n−1)th anniversary of the issue to the day before the nth.
    const year = (n: number) => ({ validFrom: anniversary(permit.issued_on, n - 1), validUntil: dayBefore(anniversary(permit.issued_on, n)) });
    const validUntil = year(1 + own.length).validUntil;
    const statusOn = (day: string) =>
      permit.cancelled_on !== null && permit.cancelled_on <= day ? 'CANCELLED' : day <= validUntil ? 'VALID' : 'LAPSED';
    const registration = registrations.find((r) => r.reference_no === permit.registration_no)!;
    return {
      permitNumber: permit.permit_no,
      status: statusOn(today),
      issuingDistrict: districtKey(permit.issuing_district_code),
      issuedOn: permit.issued_on,
      validUntil,
      cancelledOn: permit.cancelled_on,
      cancellationReason: permit.cancellation_reason?.toUpperCase() ?? null,
      appliedByGuardian: permit.applied_by_guardian,
      renewsPermitNumber: permit.renews_permit_no,
      residenceRegistration: {
        referenceNumber: registration.reference_no,
        registeredOn: registration.registered_on,
        district: districtKey(registration.district_code),
        address: registration.address,
        endedOn: registration.ended_on,
      },
      endorsements: own.map((e, i) => {
        expect(e.validity_year).toBe(i + 2);
        return { endorsedOn: e.endorsed_on, ...year(e.validity_year) };
      }),
      // A status that would change within a day of now makes a poor test subject (the clock may turn).
      steady: statusOn(dayInGuangzhou(-1)) === statusOn(dayInGuangzhou(1)),
    };
  });
  return { permits, view, registrations };
}

/** People found with plain SQL, among those whose permits' status stays put around today. */
async function steadyPeople(where: string, limit = 5): Promise<string[]> {
  const rows = await gw.database.query<{ citizen_id: string }>(`select citizen_id from registry.registration r where ${where} order by citizen_id limit 200`);
  const found: string[] = [];
  for (const { citizen_id } of rows) {
    if ((await stored(citizen_id)).view.every((p) => p.steady)) found.push(citizen_id);
    if (found.length === limit) break;
  }
  if (found.length === 0) throw new Error(`the generated population has nobody with ${where}`);
  return found;
}

const view = async (citizenId: string, headers: Record<string, string> = {}) => gw.query(VIEW, { id: citizenId }, headers);

describe('the permit view of a migrant, for the bureau itself', () => {
  it('answers the latest permit with its endorsements, registration, validity and status, as the bureau stores them', async () => {
    const [citizenId] = await steadyPeople(
      `status = 'non_local' and exists (select 1 from permits.endorsement e where e.citizen_id = r.citizen_id)`,
    );
    const { status, body } = await view(citizenId!);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const { view: expected } = await stored(citizenId!);
    const strip = ({ steady: _steady, ...permit }: (typeof expected)[number]) => permit;
    expect(body.data.person.residencePermits).toEqual(expected.map(strip));
    expect(body.data.person.residencePermit).toEqual(strip(expected.at(-1)!));
    expect(body.data.person.residencePermit.endorsements.length).toBeGreaterThan(0);
    expect(body.data.person.holdsValidResidencePermit).toBe(expected.some((p) => p.status === 'VALID'));
  });

  it('gives a valid holder a permit valid through a day not yet past, its issuing district that of the registration', async () => {
    const ids = await steadyPeople(`status = 'non_local'`, 40);
    let seen = 0;
    for (const citizenId of ids) {
      const { body } = await view(citizenId);
      const permit = body.data.person.residencePermit;
      if (permit?.status !== 'VALID') continue;
      seen++;
      expect(permit.validUntil >= today).toBe(true);
      expect(permit.cancelledOn).toBeNull();
      expect(permit.issuingDistrict).toBe(permit.residenceRegistration.district);
      expect(body.data.person.holdsValidResidencePermit).toBe(true);
    }
    expect(seen).toBeGreaterThan(5);
  });

  it('lists the history oldest first, a renewal naming the lapsed permit it takes up again', async () => {
    const [citizenId] = await steadyPeople(`exists (select 1 from permits.residence_permit p where p.citizen_id = r.citizen_id and p.renews_permit_no is not null)`);
    const { body } = await view(citizenId!);
    const history = body.data.person.residencePermits as Array<{ permitNumber: string; issuedOn: string; validUntil: string; status: string; renewsPermitNumber: string | null }>;
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history.map((p) => p.issuedOn)).toEqual([...history.map((p) => p.issuedOn)].sort());
    const renewal = history.findIndex((p) => p.renewsPermitNumber !== null);
    const renewed = history[renewal - 1]!;
    expect(history[renewal]!.renewsPermitNumber).toBe(renewed.permitNumber);
    // It lapsed: its last valid day passed before the renewal was issued, and before today.
    expect(renewed.status).toBe('LAPSED');
    expect(renewed.validUntil < history[renewal]!.issuedOn).toBe(true);
    expect(body.data.person.residencePermit.permitNumber).toBe(history.at(-1)!.permitNumber);
  });

  it('shows a permit cancelled on leaving the city, and the registration of that stay closed the same day', async () => {
    const [citizenId] = await steadyPeople(`exists (select 1 from permits.residence_permit p where p.citizen_id = r.citizen_id and p.cancelled_on is not null)`);
    const { body } = await view(citizenId!);
    const cancelled = (body.data.person.residencePermits as any[]).find((p) => p.cancelledOn !== null);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellationReason: 'LEFT_CITY' });
    expect(cancelled.residenceRegistration.endedOn).toBe(cancelled.cancelledOn);
    // The person came back: the permit of this stay is the latest one only if none was issued since.
    const latest = body.data.person.residencePermit;
    if (latest.permitNumber !== cancelled.permitNumber) expect(latest.residenceRegistration.registeredOn > cancelled.cancelledOn).toBe(true);
  });

  it('has nothing on a Guangzhou resident: no permit, an empty history and no yes/no', async () => {
    const [row] = await gw.database.query<{ citizen_id: string }>("select citizen_id from registry.registration where status = 'guangzhou_resident' order by citizen_id limit 1");
    const { body } = await view(row!.citizen_id);
    expect(body.errors).toBeUndefined();
    expect(body.data.person).toEqual({ residencePermit: null, residencePermits: [], holdsValidResidencePermit: null });
    const [{ count }] = (await gw.database.query<{ count: string }>(
      `select count(*)::text as count from permits.residence_registration g join registry.registration r using (citizen_id) where r.status = 'guangzhou_resident'`,
    )) as [{ count: string }];
    expect(count).toBe('0');
  });

  it('answers false, not null, for a migrant the bureau registered who holds no valid permit', async () => {
    const [noPermit] = await steadyPeople(`status = 'non_local' and not exists (select 1 from permits.residence_permit p where p.citizen_id = r.citizen_id)`, 1);
    const none = await view(noPermit!);
    expect(none.body.data.person).toEqual({ residencePermit: null, residencePermits: [], holdsValidResidencePermit: false });

    const ids = await steadyPeople(`exists (select 1 from permits.residence_permit p where p.citizen_id = r.citizen_id)`, 60);
    const lapsed = [];
    for (const citizenId of ids) if ((await stored(citizenId)).view.every((p) => p.status !== 'VALID')) lapsed.push(citizenId);
    expect(lapsed.length).toBeGreaterThan(0);
    const { body } = await view(lapsed[0]!);
    expect(body.data.person.residencePermit.status).toMatch(/^(LAPSED|CANCELLED)$/);
    expect(body.data.person.holdsValidResidencePermit).toBe(false);
  });

  it('answers null for a valid number the city holds no record of', async () => {
    const { body } = await view(makeCitizenId('440106', '1901-01-01', 999));
    expect(body).toEqual({ data: { person: null } });
  });
});

/** The request's answer and the one audit record written for it. */
async function audited(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const response = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string; path?: (string | number)[]; extensions: Record<string, any> }[] };
  const records = await gw.database.query<Record<string, any>>('select * from audit.event where request_id = $1', [response.headers.get('x-request-id')]);
  expect(records).toHaveLength(1);
  return { status: response.status, body, record: records[0]! };
}

describe('what other departments may read of the permits', () => {
  const ENROLMENT = `query Enrol($id: CitizenId!) { person(citizenId: $id) { name holdsValidResidencePermit
    residencePermit { permitNumber issuedOn validUntil } residencePermits { status } } }`;

  it('school enrolment gets only the derived yes/no for a parent: the permit itself is FORBIDDEN and audited as denied', async () => {
    const [parent] = await steadyPeople(`status = 'non_local' and exists (select 1 from permits.residence_permit p where p.citizen_id = r.citizen_id)`, 1);
    const { view: permits } = await stored(parent!);
    const { status, body, record } = await audited(ENROLMENT, { id: parent }, await gw.headersFor('education', 'school-enrolment'));
    expect(status).toBe(200);
    expect(body.data.person.holdsValidResidencePermit).toBe(permits.some((p) => p.status === 'VALID'));
    expect(body.data.person.residencePermit).toBeNull();
    expect(body.data.person.residencePermits).toBeNull();
    const denied = body.errors!.map((e) => [e.extensions.code, e.path!.join('.'), e.extensions.grantedFor]);
    expect(denied.sort()).toEqual([
      ['FORBIDDEN', 'person.residencePermit', []],
      ['FORBIDDEN', 'person.residencePermits', []],
    ]);
    // The derived answer carries none of its inputs: no permit number, no date of the parent's permits.
    const answer = JSON.stringify(body.data);
    for (const permit of permits) {
      expect(answer).not.toContain(permit.permitNumber);
      expect(answer).not.toContain(permit.issuedOn);
      expect(answer).not.toContain(permit.validUntil);
    }
    expect(record).toMatchObject({ outcome: 'partly_denied', code: 'FORBIDDEN', department: 'education', purpose: 'school-enrolment', citizen_ids: [parent] });
    expect([...record.fields_denied].sort()).toEqual(['Person.residencePermit', 'Person.residencePermits']);
    expect(record.fields_returned).toContain('Person.holdsValidResidencePermit');
  });

  it('public-housing eligibility gets the same yes/no and nothing else of the permits', async () => {
    const [holder] = await steadyPeople(`status = 'non_local' and exists (select 1 from permits.residence_permit p where p.citizen_id = r.citizen_id)`, 1);
    const { body, record } = await audited(ENROLMENT, { id: holder }, await gw.headersFor('housing', 'public-housing-eligibility'));
    expect(typeof body.data.person.holdsValidResidencePermit).toBe('boolean');
    expect(body.data.person.residencePermit).toBeNull();
    expect([...record.fields_denied].sort()).toEqual(['Person.residencePermit', 'Person.residencePermits']);
  });

  it('a purpose with no permit grant at all is refused even the yes/no, saying no purpose of its department grants it', async () => {
    const [holder] = await steadyPeople(`status = 'non_local' and exists (select 1 from permits.residence_permit p where p.citizen_id = r.citizen_id)`, 1);
    const query = 'query($id: CitizenId!) { person(citizenId: $id) { name holdsValidResidencePermit residencePermit { permitNumber } } }';
    const { status, body, record } = await audited(query, { id: holder }, await gw.headersFor('hrss', 'employment-services'));
    expect(status).toBe(200);
    expect(body.data.person).toEqual({ name: expect.any(String), holdsValidResidencePermit: null, residencePermit: null });
    expect(body.errors!.map((e) => [e.extensions.code, e.extensions.field, e.extensions.purpose, e.extensions.grantedFor]).sort()).toEqual([
      ['FORBIDDEN', 'Person.holdsValidResidencePermit', 'employment-services', []],
      ['FORBIDDEN', 'Person.residencePermit', 'employment-services', []],
    ]);
    expect(record).toMatchObject({ outcome: 'partly_denied', department: 'hrss', purpose: 'employment-services' });
    expect([...record.fields_denied].sort()).toEqual(['Person.holdsValidResidencePermit', 'Person.residencePermit']);
    expect(record.fields_returned).not.toContain('Person.holdsValidResidencePermit');
  });

  it('a purpose with no grant of the person at all reads nothing, not even the root field', async () => {
    const [holder] = await steadyPeople(`status = 'non_local'`, 1);
    const { body, record } = await audited(
      'query($id: CitizenId!) { person(citizenId: $id) { holdsValidResidencePermit } }',
      { id: holder },
      await gw.headersFor('compliance', 'access-review'),
    );
    expect(body.data?.person ?? null).toBeNull();
    expect(body.errors!.map((e) => [e.extensions.code, e.extensions.field])).toEqual([['FORBIDDEN', 'Query.person']]);
    expect(record.fields_denied).toEqual(['Query.person']);
    expect(record.citizen_ids).toEqual([]);
  });

  it('points assessment reads the permits in full but of the registration only its date and district, never address or reference', async () => {
    const [holder] = await steadyPeople(`status = 'non_local' and exists (select 1 from permits.residence_permit p where p.citizen_id = r.citizen_id)`, 1);
    const query = `query($id: CitizenId!) { person(citizenId: $id) { holdsValidResidencePermit residencePermits {
      permitNumber issuedOn validUntil status endorsements { validUntil } residenceRegistration { registeredOn district address referenceNumber } } } }`;
    const { body, record } = await audited(query, { id: holder }, await gw.headersFor('migrant-services', 'residence-points-assessment'));
    const { view: expected } = await stored(holder!);
    const permits = body.data.person.residencePermits as any[];
    expect(permits.map((p) => [p.permitNumber, p.issuedOn, p.validUntil, p.status])).toEqual(expected.map((p) => [p.permitNumber, p.issuedOn, p.validUntil, p.status]));
    for (const [i, permit] of permits.entries()) {
      expect(permit.residenceRegistration).toEqual({
        registeredOn: expected[i]!.residenceRegistration.registeredOn,
        district: expected[i]!.residenceRegistration.district,
        address: null,
        referenceNumber: null,
      });
    }
    const denials = new Set(body.errors!.map((e) => `${e.extensions.field} ${e.extensions.grantedFor.join(',')}`));
    expect(denials).toEqual(new Set(['ResidenceRegistration.address residence-permit-administration', 'ResidenceRegistration.referenceNumber residence-permit-administration']));
    expect([...record.fields_denied].sort()).toEqual(['ResidenceRegistration.address', 'ResidenceRegistration.referenceNumber']);
  });

  it('school enrolment sees the yes/no in introspection, and no permit type at all', async () => {
    const { body } = await gw.query(
      '{ person: __type(name: "Person") { fields { name description } } permit: __type(name: "ResidencePermit") { name } }',
      {},
      await gw.headersFor('education', 'school-enrolment'),
    );
    const field = body.data.person.fields.find((f: { name: string }) => f.name === 'holdsValidResidencePermit');
    expect(field.description).toMatch(/^Derived:/);
    expect(field.description).toMatch(/Your grant: derived/);
    expect(body.data.person.fields.map((f: { name: string }) => f.name)).not.toContain('residencePermit');
    expect(body.data.permit).toBeNull();
  });
});
