import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

interface PeriodRow {
  citizen_id: string;
  insurance: string;
  origin: 'paid_in_guangzhou' | 'transferred_in' | 'back_paid';
  from_month: string;
  to_month: string | null;
  transferred_from: string | null;
  recorded_on: string | null;
}

let gw: TestGateway;
let periods: PeriodRow[];

beforeAll(async () => {
  gw = await startTestGateway({ persons: 1200, seed: 5, as: { department: 'hrss', purpose: 'social-insurance-administration' } });
  periods = await gw.database.query<PeriodRow>(
    `select c.citizen_id, c.insurance::text, c.origin::text, to_char(c.from_month, 'YYYY-MM-DD') as from_month, to_char(c.to_month, 'YYYY-MM-DD') as to_month,
            c.transferred_from, to_char(c.recorded_on, 'YYYY-MM-DD') as recorded_on
       from hrss.contribution_period c order by c.citizen_id, c.insurance, c.from_month`,
  );
}, 180_000);
afterAll(() => gw?.close());

// Months as integers; an open run counts up to the last complete month before today.
const month = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const lastComplete = () => month(new Date().toISOString().slice(0, 10)) - 1;
const runMonths = (row: PeriodRow) => Math.max(0, Math.min(row.to_month === null ? lastComplete() : month(row.to_month), lastComplete()) - month(row.from_month) + 1);
const lastDayOf = (m: number) => new Date(Date.UTC(Math.floor(m / 12), (m % 12) + 1, 0)).toISOString().slice(0, 10);
const ORIGIN = { paid_in_guangzhou: 'PAID_IN_GUANGZHOU', transferred_in: 'TRANSFERRED_IN', back_paid: 'BACK_PAID' } as const;
const INSURANCES = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'];

const CONTRIBUTIONS = `insuranceContributions { insurance months monthsPaidInGuangzhou monthsTransferredIn monthsBackPaid lastPaidOn }
  contributionPeriods { insurance origin fromMonth toMonth months transferredFrom recordedOn }`;

describe('social insurance, as HRSS reads it (social-insurance-administration)', () => {
  it('answers every contribution run as stored, and per-insurance totals that are its runs split by origin', async () => {
    const ids = [...new Set(periods.map((p) => p.citizen_id))].slice(0, 1000);
    expect(ids.length).toBeGreaterThan(300);
    const { body } = await gw.query(`query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId socialSecurity { ${CONTRIBUTIONS} } } }`, { ids });
    expect(body.errors).toBeUndefined();
    for (const person of body.data.persons) {
      const own = periods.filter((p) => p.citizen_id === person.citizenId);
      expect(person.socialSecurity.contributionPeriods).toEqual(
        own.map((p) => ({
          insurance: p.insurance.toUpperCase(),
          origin: ORIGIN[p.origin],
          fromMonth: p.from_month.slice(0, 7),
          toMonth: p.to_month?.slice(0, 7) ?? null,
          months: runMonths(p),
          transferredFrom: p.transferred_from,
          recordedOn: p.recorded_on,
        })),
      );
      const expected = INSURANCES.filter((insurance) => own.some((p) => p.insurance === insurance)).map((insurance) => {
        const runs = own.filter((p) => p.insurance === insurance);
        const of = (origin: PeriodRow['origin']) => runs.filter((p) => p.origin === origin).reduce((sum, p) => sum + runMonths(p), 0);
        const paidHere = runs.filter((p) => p.origin !== 'transferred_in' && runMonths(p) > 0).map((p) => Math.min(p.to_month === null ? lastComplete() : month(p.to_month), lastComplete()));
        return {
          insurance: insurance.toUpperCase(),
          months: runs.reduce((sum, p) => sum + runMonths(p), 0),
          monthsPaidInGuangzhou: of('paid_in_guangzhou'),
          monthsTransferredIn: of('transferred_in'),
          monthsBackPaid: of('back_paid'),
          lastPaidOn: paidHere.length > 0 ? lastDayOf(Math.max(...paidHere)) : null,
        };
      });
      expect(person.socialSecurity.insuranceContributions).toEqual(expected);
      for (const total of person.socialSecurity.insuranceContributions) {
        expect(total.months).toBe(total.monthsPaidInGuangzhou + total.monthsTransferredIn + total.monthsBackPaid);
      }
    }
  });

  it('never reports one month of one insurance twice, so the origins add up to the distinct months', () => {
    const seen = new Map<string, Set<number>>();
    const twice: string[] = [];
    for (const p of periods) {
      const key = `${p.citizen_id} ${p.insurance}`;
      const months = seen.get(key) ?? new Set<number>();
      const to = p.to_month === null ? lastComplete() : month(p.to_month);
      for (let m = month(p.from_month); m <= to; m++) {
        if (months.has(m)) twice.push(`${key} ${m}`);
        months.add(m);
      }
      seen.set(key, months);
    }
    expect(twice).toEqual([]);
  });

  it('keeps a migrant’s transferred-in years apart from the months paid here, with the place they came from', async () => {
    // Someone who has also paid here by now: a job begun this month has no complete month yet.
    const paidHere = new Set(periods.filter((p) => p.origin === 'paid_in_guangzhou' && p.insurance === 'pension' && month(p.from_month) <= lastComplete()).map((p) => p.citizen_id));
    const transferred = periods.find((p) => p.origin === 'transferred_in' && p.insurance === 'pension' && paidHere.has(p.citizen_id))!;
    expect(transferred).toBeDefined();
    const { body } = await gw.query(`query($id: CitizenId!) { person(citizenId: $id) { registration { hukouRegionCode } socialSecurity { ${CONTRIBUTIONS} } } }`, { id: transferred.citizen_id });
    const pension = body.data.person.socialSecurity.insuranceContributions.find((c: { insurance: string }) => c.insurance === 'PENSION');
    expect(pension.monthsTransferredIn).toBe(runMonths(transferred));
    expect(pension.monthsPaidInGuangzhou).toBeGreaterThan(0);
    expect(pension.months).toBe(pension.monthsPaidInGuangzhou + pension.monthsTransferredIn + pension.monthsBackPaid);
    const run = body.data.person.socialSecurity.contributionPeriods.find((r: { origin: string; insurance: string }) => r.origin === 'TRANSFERRED_IN' && r.insurance === 'PENSION');
    expect(run.transferredFrom).toMatch(/^\d{6}$/);
    expect(run.transferredFrom.slice(0, 4)).not.toBe('4401');
    // Transferred months were paid before the first month paid here.
    const firstHere = body.data.person.socialSecurity.contributionPeriods.filter((r: { origin: string; insurance: string }) => r.origin !== 'TRANSFERRED_IN' && r.insurance === 'PENSION')[0];
    expect(run.toMonth < firstHere.fromMonth).toBe(true);
  });

  it('answers the employment flags as stored', async () => {
    const jobs = await gw.database.query<{ citizen_id: string; occupation: string; high_tech_employer: boolean; needed_occupation: boolean; frontline_hard_sector: string | null }>(
      'select citizen_id, occupation, high_tech_employer, needed_occupation, frontline_hard_sector::text from hrss.employment order by citizen_id, since',
    );
    const flagged = jobs.filter((j) => j.high_tech_employer || j.needed_occupation || j.frontline_hard_sector !== null);
    const ids = [...new Set(flagged.map((j) => j.citizen_id))].slice(0, 300);
    const { body } = await gw.query(
      'query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId socialSecurity { employments { occupation highTechEmployer neededOccupation frontlineHardSector } } } }',
      { ids },
    );
    expect(body.errors).toBeUndefined();
    for (const person of body.data.persons) {
      expect(person.socialSecurity.employments).toEqual(
        jobs
          .filter((j) => j.citizen_id === person.citizenId)
          .map((j) => ({
            occupation: j.occupation,
            highTechEmployer: j.high_tech_employer,
            neededOccupation: j.needed_occupation,
            frontlineHardSector: j.frontline_hard_sector?.toUpperCase() ?? null,
          })),
      );
    }
    for (const flag of ['high_tech_employer', 'needed_occupation'] as const) expect(jobs.some((j) => j[flag])).toBe(true);
    expect(new Set(jobs.map((j) => j.frontline_hard_sector).filter(Boolean)).size).toBeGreaterThanOrEqual(4);
  });

  it('says whether a title or certificate is in the trade of the current job', async () => {
    const holders = await gw.database.query<{ citizen_id: string }>(
      'select distinct citizen_id from hrss.professional_title union select distinct citizen_id from hrss.skill_certificate',
    );
    const { body } = await gw.query(
      `query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { socialSecurity { currentEmployment { occupation }
        professionalTitles { title level awardedOn worksInThatTrade } skillCertificates { title level worksInThatTrade } } } }`,
      { ids: holders.map((h) => h.citizen_id).slice(0, 1000) },
    );
    expect(body.errors).toBeUndefined();
    const answers = body.data.persons.map((p: { socialSecurity: unknown }) => p.socialSecurity) as Array<{
      currentEmployment: { occupation: string } | null;
      professionalTitles: Array<{ title: string; level: string; worksInThatTrade: boolean }>;
      skillCertificates: Array<{ title: string; level: number; worksInThatTrade: boolean }>;
    }>;
    // Pairs that are in the trade whatever the tables say, and pairs that are not.
    const inTrade: Array<[string, string]> = [['主管护师', '护士'], ['护师', '护士'], ['工程师', '软件工程师'], ['一级教师', '教师'], ['电工', '电工'], ['焊工', '焊工']];
    let checked = 0;
    for (const answer of answers) {
      const occupation = answer.currentEmployment?.occupation ?? null;
      for (const held of [...answer.professionalTitles, ...answer.skillCertificates]) {
        if (occupation === null) expect(held.worksInThatTrade).toBe(false);
        if (inTrade.some(([title, job]) => title === held.title && job === occupation)) {
          expect(held.worksInThatTrade).toBe(true);
          checked++;
        }
        if (held.title === '主管护师' && occupation !== '护士') expect(held.worksInThatTrade).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(0);
    const all = answers.flatMap((a) => [...a.professionalTitles, ...a.skillCertificates]);
    expect(all.some((q) => q.worksInThatTrade)).toBe(true);
    expect(all.some((q) => !q.worksInThatTrade)).toBe(true);
    expect(new Set(answers.flatMap((a) => a.professionalTitles.map((t) => t.level)))).toEqual(new Set(['JUNIOR', 'INTERMEDIATE', 'SENIOR']));
  });
});

describe('who else may read it', () => {
  const auditOf = async (department: string, operation: string) =>
    (
      await gw.database.query<{ fields_denied: string[] }>(
        'select fields_denied from audit.event where department = $1 and operation_name = $2 order by seq desc limit 1',
        [department, operation],
      )
    )[0]!.fields_denied;

  const someoneWithEverything = async () => {
    const [row] = await gw.database.query<{ citizen_id: string }>(
      `select p.citizen_id from hrss.contribution_period p join hrss.professional_title t using (citizen_id)
        where exists (select 1 from hrss.employment e where e.citizen_id = p.citizen_id and e.until is null) limit 1`,
    );
    return row!.citizen_id;
  };

  it('migrant-services (residence-points-assessment) reads no HRSS record at all: the points answer carries the insurance indicator', async () => {
    const id = await someoneWithEverything();
    const { body } = await gw.query(
      `query PointsProbe($id: CitizenId!) { person(citizenId: $id) { name socialSecurity {
        insuranceContributions { insurance monthsPaidInGuangzhou } contributionPeriods { origin } professionalTitles { level } } } }`,
      { id },
      await gw.headersFor('migrant-services', 'residence-points-assessment'),
    );
    expect(body.data.person.name).toBeTypeOf('string');
    expect(body.data.person.socialSecurity).toBeNull();
    expect(body.errors!.map((e) => [e.extensions!.code, e.extensions!.field])).toEqual([['FORBIDDEN', 'Person.socialSecurity']]);
    expect(await auditOf('migrant-services', 'PointsProbe')).toEqual(['Person.socialSecurity']);
  });

  it('employment-services reads titles but is refused what the contribution runs hold', async () => {
    const id = await someoneWithEverything();
    const { body } = await gw.query(
      'query PlacementProbe($id: CitizenId!) { person(citizenId: $id) { socialSecurity { professionalTitles { title level } contributionPeriods { origin fromMonth } } } }',
      { id },
      await gw.headersFor('hrss', 'employment-services'),
    );
    expect(body.data.person.socialSecurity.professionalTitles.length).toBeGreaterThan(0);
    const denied = [...new Set(body.errors!.map((e) => `${e.extensions!.code} ${e.extensions!.field}`))].sort();
    expect(denied).toEqual(['FORBIDDEN ContributionPeriod.fromMonth', 'FORBIDDEN ContributionPeriod.origin']);
    for (const error of body.errors!) expect(error.extensions!.grantedFor).toEqual(['social-insurance-administration']);
    expect([...(await auditOf('hrss', 'PlacementProbe'))].sort()).toEqual(['ContributionPeriod.fromMonth', 'ContributionPeriod.origin']);
  });

  it('the tax bureau is refused the points flags, the runs and the titles', async () => {
    const id = await someoneWithEverything();
    const { body } = await gw.query(
      `query TaxProbe($id: CitizenId!) { person(citizenId: $id) { socialSecurity {
        currentEmployment { employerName highTechEmployer neededOccupation frontlineHardSector }
        contributionPeriods { origin } professionalTitles { level } } } }`,
      { id },
      await gw.headersFor('tax', 'tax-administration'),
    );
    expect(body.data.person.socialSecurity.currentEmployment.employerName).toBeTypeOf('string');
    const expected = [
      'Employment.frontlineHardSector',
      'Employment.highTechEmployer',
      'Employment.neededOccupation',
      'SocialSecuritySlice.contributionPeriods',
      'SocialSecuritySlice.professionalTitles',
    ];
    expect(body.errors!.every((e) => e.extensions!.code === 'FORBIDDEN')).toBe(true);
    expect(body.errors!.map((e) => e.extensions!.field).sort()).toEqual(expected);
    expect([...(await auditOf('tax', 'TaxProbe'))].sort()).toEqual(expected);
  });
});
