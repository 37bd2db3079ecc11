import { describe, expect, it } from 'vitest';
import { incomeTaxFen } from '../../src/departments/tax/income-tax.js';
import type * as hrss from '../../src/departments/hrss/tables.js';
import type * as registry from '../../src/departments/registry/tables.js';
import type * as tax from '../../src/departments/tax/tables.js';
import { addYears, REFERENCE_DATE, toDay } from '../../src/population/dates.js';
import { generatePopulation } from '../../src/population/generate.js';
import { emptyRows, POPULATION_TABLE_NAMES } from '../../src/population/population-tables.js';

/** The generated rows of the tables this file checks, typed by their tables. */
type Rows = {
  person: Array<typeof registry.person.$inferInsert>;
  registration: Array<typeof registry.registration.$inferInsert>;
  taxpayer: Array<typeof tax.taxpayer.$inferInsert>;
  annualReturn: Array<typeof tax.annualReturn.$inferInsert>;
  evasionFinding: Array<typeof tax.evasionFinding.$inferInsert>;
  employment: Array<typeof hrss.employment.$inferInsert>;
  contributionPeriod: Array<typeof hrss.contributionPeriod.$inferInsert>;
  professionalTitle: Array<typeof hrss.professionalTitle.$inferInsert>;
  skillCertificate: Array<typeof hrss.skillCertificate.$inferInsert>;
};

const all = emptyRows();
for (const batch of generatePopulation({ persons: 12_000, seed: 3 })) {
  for (const table of POPULATION_TABLE_NAMES) all[table]!.push(...batch.rows[table]!);
}
const rows = all as unknown as Rows;

const REFERENCE_DAY = toDay(REFERENCE_DATE);
const persons = new Map(rows.person.map((p) => [p.citizenId, p]));
const registrations = new Map(rows.registration.map((r) => [r.citizenId, r]));
const share = (part: number, whole: number) => part / whole;
const month = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const lastMonth = month(REFERENCE_DATE) - 1;
const byPerson = <T extends { citizenId: string }>(list: T[]) => {
  const map = new Map<string, T[]>();
  for (const row of list) map.set(row.citizenId, [...(map.get(row.citizenId) ?? []), row]);
  return map;
};
const jobsOf = byPerson(rows.employment);
const runsOf = byPerson(rows.contributionPeriod);
/** Born and first registered in Guangzhou: an address code of the city, current or retired. */
const bornHere = (id: string) => id.startsWith('4401');

describe('generated annual tax returns', () => {
  it('all hold taxable = max(0, gross − deductions), with the ¥60,000 standard deduction, and tax = IIT(taxable) to the fen', () => {
    expect(rows.annualReturn.length).toBeGreaterThan(5_000);
    for (const r of rows.annualReturn) {
      expect(r.standardDeductionFen).toBe(6_000_000);
      const deducted = r.standardDeductionFen + r.socialInsuranceDeductionFen + r.housingFundDeductionFen + r.specialAdditionalDeductionFen;
      expect(r.taxableIncomeFen).toBe(Math.max(0, r.grossIncomeFen - deducted));
      expect(r.taxPaidFen).toBe(incomeTaxFen(r.taxableIncomeFen));
      for (const amount of [r.grossIncomeFen, r.socialInsuranceDeductionFen, r.housingFundDeductionFen, r.specialAdditionalDeductionFen]) {
        expect(Number.isSafeInteger(amount) && amount >= 0).toBe(true);
      }
    }
  });

  it('give gross pay of ¥60,000 or less (the ¥51,160 case) no taxable income and no tax, and most low earners none', () => {
    const low = rows.annualReturn.filter((r) => r.grossIncomeFen <= 6_000_000);
    expect(low.filter((r) => r.grossIncomeFen >= 4_500_000).length).toBeGreaterThan(50);
    for (const r of low) expect([r.taxableIncomeFen, r.taxPaidFen]).toEqual([0, 0]);
    // After the 2018 reform most wage earners below the city's median pay no income tax; above it most do.
    const full = rows.annualReturn.filter((r) => r.year === 2025 && r.grossIncomeFen > 0);
    const paying = share(full.filter((r) => r.taxPaidFen > 0).length, full.length);
    expect(paying).toBeGreaterThan(0.25);
    expect(paying).toBeLessThan(0.65);
    const high = full.filter((r) => r.grossIncomeFen >= 20_000_000);
    expect(share(high.filter((r) => r.taxPaidFen > 0).length, high.length)).toBeGreaterThan(0.95);
  });

  it('deduct the employee’s insurance only for formal work, at about 10.2% of the wage, and the special deductions in their statutory steps', () => {
    for (const r of rows.annualReturn) {
      const formal = (runsOf.get(r.citizenId) ?? []).some((run) => run.insurance === 'pension' && run.origin !== 'transferred_in');
      if (!formal) expect(r.socialInsuranceDeductionFen).toBe(0);
      // 10.2% of a base that is the wage, or the minimum wage when the wage is lower.
      expect(r.socialInsuranceDeductionFen).toBeLessThanOrEqual(Math.ceil(0.102 * Math.max(r.grossIncomeFen, 12 * 250_000) + 12));
      // 5–12% of the same base.
      expect(r.housingFundDeductionFen).toBeLessThanOrEqual(Math.ceil(0.12 * Math.max(r.grossIncomeFen, 12 * 250_000) + 12));
      // ¥1,000 (half a child), ¥1,500 (rent, shared parents), ¥1,000 (loan interest), ¥3,000 (an only child's parents) a month.
      expect(r.specialAdditionalDeductionFen % 600_000).toBe(0);
    }
    const insured = rows.annualReturn.filter((r) => r.socialInsuranceDeductionFen > 0 && r.grossIncomeFen > 12 * 500_000 && r.grossIncomeFen < 12 * 3_000_000);
    for (const r of insured.slice(0, 500)) expect(r.socialInsuranceDeductionFen / r.grossIncomeFen).toBeLessThanOrEqual(0.1021);
    expect(share(insured.filter((r) => r.socialInsuranceDeductionFen / r.grossIncomeFen > 0.09).length, insured.length)).toBeGreaterThan(0.5);
    expect(share(rows.annualReturn.filter((r) => r.specialAdditionalDeductionFen > 0).length, rows.annualReturn.length)).toBeGreaterThan(0.4);
  });

  it('record tax-evasion findings rarely, for registered taxpayers, decided after the tax year and by the reference date', () => {
    const taxpayers = new Map(rows.taxpayer.map((t) => [t.citizenId, t]));
    expect(rows.evasionFinding.length).toBeGreaterThan(0);
    expect(share(new Set(rows.evasionFinding.map((f) => f.citizenId)).size, taxpayers.size)).toBeLessThan(0.01);
    for (const finding of rows.evasionFinding) {
      const taxpayer = taxpayers.get(finding.citizenId)!;
      expect(taxpayer).toBeDefined();
      expect(finding.taxYear).toBeLessThan(Number(finding.decidedOn.slice(0, 4)));
      expect(finding.taxYear).toBeGreaterThanOrEqual(Number(taxpayer.registeredOn.slice(0, 4)));
      expect(finding.decidedOn > taxpayer.registeredOn).toBe(true);
      expect(toDay(finding.decidedOn)).toBeLessThanOrEqual(REFERENCE_DAY);
    }
  });
});

describe('generated social-insurance runs', () => {
  it('never report a month of one insurance twice, so the months by origin add up to the months in all', () => {
    for (const [id, runs] of runsOf) {
      for (const insurance of new Set(runs.map((r) => r.insurance))) {
        const months = new Set<number>();
        let byOrigin = 0;
        for (const run of runs.filter((r) => r.insurance === insurance)) {
          const to = run.toMonth == null ? lastMonth : month(run.toMonth);
          expect(to, `${id} ${insurance}`).toBeGreaterThanOrEqual(month(run.fromMonth));
          for (let m = month(run.fromMonth); m <= to; m++) months.add(m);
          byOrigin += to - month(run.fromMonth) + 1;
        }
        expect(months.size, `${id} ${insurance}`).toBe(byOrigin);
      }
    }
  });

  it('transfer months in only for people who came from elsewhere, from before their first month here, for the insurances that accrue', () => {
    const transfers = rows.contributionPeriod.filter((r) => r.origin === 'transferred_in');
    expect(transfers.length).toBeGreaterThan(100);
    for (const run of transfers) {
      expect(bornHere(run.citizenId), run.citizenId).toBe(false);
      expect(['pension', 'medical', 'unemployment']).toContain(run.insurance);
      expect(run.transferredFrom).toMatch(/^\d{6}$/);
      expect(run.transferredFrom!.startsWith('4401')).toBe(false);
      const here = runsOf.get(run.citizenId)!.filter((r) => r.insurance === run.insurance && r.origin !== 'transferred_in');
      expect(here.length).toBeGreaterThan(0);
      const firstHere = Math.min(...here.map((r) => month(r.fromMonth)));
      expect(month(run.toMonth!)).toBeLessThan(firstHere);
      expect(month(run.recordedOn!)).toBeGreaterThanOrEqual(firstHere);
      expect(toDay(run.recordedOn!)).toBeLessThanOrEqual(REFERENCE_DAY);
      expect(month(run.fromMonth)).toBeGreaterThanOrEqual(month(persons.get(run.citizenId)!.birthDate) + 16 * 12);
    }
    // "Often": a good share of insured migrants bring years from home, but not most natives' neighbours.
    const insuredMigrants = [...runsOf.keys()].filter((id) => registrations.get(id)!.status === 'non_local');
    const transferredMigrants = insuredMigrants.filter((id) => runsOf.get(id)!.some((r) => r.origin === 'transferred_in'));
    expect(share(transferredMigrants.length, insuredMigrants.length)).toBeGreaterThan(0.2);
    expect(share(transferredMigrants.length, insuredMigrants.length)).toBeLessThan(0.6);
    // Where they came from: mostly their home region (the ID's address code), some from other delta cities.
    const fromHome = transfers.filter((r) => r.transferredFrom === r.citizenId.slice(0, 6)).length;
    expect(share(fromHome, transfers.length)).toBeGreaterThan(0.6);
  });

  it('back-pay months rarely, at the start of a job here, entered afterwards', () => {
    const backPaid = rows.contributionPeriod.filter((r) => r.origin === 'back_paid');
    const people = new Set(backPaid.map((r) => r.citizenId));
    expect(people.size).toBeGreaterThan(0);
    expect(share(people.size, runsOf.size)).toBeLessThan(0.06);
    for (const run of backPaid) {
      expect(run.toMonth).not.toBeNull();
      expect(month(run.toMonth!) - month(run.fromMonth)).toBeLessThan(12);
      expect(month(run.recordedOn!)).toBeGreaterThan(month(run.toMonth!));
      expect(toDay(run.recordedOn!)).toBeLessThanOrEqual(REFERENCE_DAY);
      expect(jobsOf.get(run.citizenId)!.some((job) => month(job.since) <= month(run.fromMonth))).toBe(true);
    }
  });

  it('keep a run open only for months paid here by someone with a current job, and recorded dates only on transfers and back-payments', () => {
    for (const run of rows.contributionPeriod) {
      if (run.toMonth == null) {
        expect(run.origin).toBe('paid_in_guangzhou');
        expect(jobsOf.get(run.citizenId)!.some((job) => job.until == null)).toBe(true);
      }
      expect(run.recordedOn == null).toBe(run.origin === 'paid_in_guangzhou');
      expect(run.transferredFrom == null).toBe(run.origin !== 'transferred_in');
    }
  });
});

describe('generated employment flags and qualifications', () => {
  const current = rows.employment.filter((job) => job.until == null);

  it('flag high-tech employers for about one job in ten, never a public body, the same for every job at one employer', () => {
    const highTech = share(current.filter((job) => job.highTechEmployer).length, current.length);
    expect(highTech).toBeGreaterThan(0.05);
    expect(highTech).toBeLessThan(0.2);
    const byEmployer = new Map<string, boolean>();
    for (const job of rows.employment) {
      if (/^1[12]/.test(job.employerCreditCode)) expect(job.highTechEmployer).toBe(false);
      expect(byEmployer.get(job.employerCreditCode) ?? job.highTechEmployer).toBe(job.highTechEmployer);
      byEmployer.set(job.employerCreditCode, job.highTechEmployer);
    }
  });

  it('flag needed trades by occupation: skilled trades and care, never unskilled work', () => {
    const byOccupation = new Map<string, boolean>();
    for (const job of rows.employment) {
      expect(byOccupation.get(job.occupation) ?? job.neededOccupation, job.occupation).toBe(job.neededOccupation);
      byOccupation.set(job.occupation, job.neededOccupation);
    }
    for (const unskilled of ['普工', '保洁员', '搬运工', '快递员', '收银员', '公务员']) expect(byOccupation.get(unskilled) ?? false, unskilled).toBe(false);
    for (const trade of ['电工', '焊工']) expect(byOccupation.get(trade), trade).toBe(true);
    const needed = share(current.filter((job) => job.neededOccupation).length, current.length);
    expect(needed).toBeGreaterThan(0.05);
    expect(needed).toBeLessThan(0.3);
  });

  it('flag frontline hard-sector work only where it is done: police at police stations, teachers at schools, …', () => {
    const where: Record<string, RegExp> = {
      police: /公安分局$/,
      fire: /消防救援大队$/,
      education: /(中学|小学)$/,
      health: /(医院|卫生服务中心|保健院|疾病预防控制中心|社会福利院)$/,
      sanitation: /城市管理和综合执法局$/,
      transit: /有限公司$/,
      elderly_disabled_care: /(社会福利院|有限公司)$/,
    };
    const seen = new Set<string>();
    for (const job of rows.employment) {
      if (job.frontlineHardSector == null) continue;
      seen.add(job.frontlineHardSector);
      expect(job.employerName, `${job.occupation} ${job.frontlineHardSector}`).toMatch(where[job.frontlineHardSector]!);
    }
    expect(seen).toEqual(new Set(Object.keys(where)));
    for (const job of rows.employment) {
      if (['软件工程师', '销售员', '行政文员', '公务员', '会计'].includes(job.occupation)) expect(job.frontlineHardSector).toBeNull();
    }
    const frontline = share(current.filter((job) => job.frontlineHardSector != null).length, current.length);
    expect(frontline).toBeGreaterThan(0.02);
    expect(frontline).toBeLessThan(0.15);
  });

  it('award professional titles in order, junior before intermediate before senior, to adults, fewer at each level', () => {
    const RANK = { junior: 0, intermediate: 1, senior: 2 } as const;
    const titles = byPerson(rows.professionalTitle);
    expect(titles.size).toBeGreaterThan(200);
    for (const [id, held] of titles) {
      const sorted = [...held].sort((a, b) => a.awardedOn.localeCompare(b.awardedOn));
      sorted.forEach((title, i) => {
        expect(toDay(title.awardedOn)).toBeGreaterThanOrEqual(addYears(toDay(persons.get(id)!.birthDate), 18));
        if (i > 0) expect(RANK[title.level]).toBeGreaterThan(RANK[sorted[i - 1]!.level]);
      });
      expect(jobsOf.has(id)).toBe(true);
    }
    const count = (level: keyof typeof RANK) => rows.professionalTitle.filter((t) => t.level === level).length;
    expect(count('senior')).toBeGreaterThan(0);
    expect(count('senior')).toBeLessThan(count('intermediate'));
    for (const title of rows.professionalTitle) {
      if (/^(高级|副主任)/.test(title.title)) expect(title.level).toBe('senior');
      if (/^(助理|二级教师|医师$|护师$)/.test(title.title)) expect(title.level).toBe('junior');
    }
    for (const certificate of rows.skillCertificate) expect([1, 2, 3, 4, 5]).toContain(certificate.level);
  });
});
