import { addYears, dayOf, iso, REFERENCE_DAY, yearOf, type Day } from '../../population/dates.js';
import type { DemoRows } from '../../population/demo-data.js';
import { EmployerPool, highlySkilled, occupationFor } from '../../population/employers.js';
import { NOT_WORKING, type EducationLevel, type Individual, type Job, type WorkFacts } from '../../population/model.js';
import { Random, Weighted } from '../../population/random.js';
import { MINIMUM_MONTHLY_WAGE, TAX_YEARS } from '../../population/wages.js';
import { monthOfDay, monthStart, type Month } from './months.js';
import { certificatesFor, frontlineSectorOf, NEEDED_OCCUPATIONS, titleSeriesFor, type ProfessionalTitleLevel } from './occupations.js';
import { contributionPeriod, employment, professionalTitle, skillCertificate, trainingVoucher, type socialInsurance } from './tables.js';

/**
 * Work: employment, social insurance, skills and training vouchers (HRSS), and the work facts
 * the tax and housing slices are made from. Nobody under 18 works here (the generator keeps minors
 * at school); jobs in Guangzhou start no earlier than schooling ends or, for migrants, than their arrival.
 */

export const WORK_TABLES = { employment, contributionPeriod, professionalTitle, skillCertificate, trainingVoucher };
type WorkRows = DemoRows<typeof WORK_TABLES>;
type SocialInsurance = (typeof socialInsurance.enumValues)[number];

// Median annual wage (yuan) by education, for a skilled job in the prime working years; with the
// other factors they give a city median near ¥90,000 a year.
const MEDIAN_INCOME: Record<EducationLevel, number> = {
  none: 62_000, primary: 70_000, junior_secondary: 84_000, senior_secondary: 98_000, secondary_vocational: 100_000,
  associate: 125_000, bachelor: 172_000, master: 240_000, doctorate: 300_000,
};
const SECTOR_FACTOR = { public: 1.05, technology: 1.25, manufacturing: 0.95, services: 0.85, logistics: 0.95, construction: 1, trade: 0.95 };
const TIER_FACTOR = { graduate: 1.15, skilled: 1, basic: 0.75 };

// Contribution records start when the schemes took them: the 1990s for pensions and unemployment
// (earlier years count as deemed contribution, 视同缴费, and are not in this table), the end of 2001
// for Guangzhou's employee medical insurance, 1 January 2004 for the Work Injury Insurance Regulations.
const INSURANCE_FROM: Record<SocialInsurance, Day> = {
  pension: dayOf(1995, 1, 1),
  unemployment: dayOf(1995, 1, 1),
  medical: dayOf(2001, 12, 1),
  maternity: dayOf(2001, 12, 1),
  work_injury: dayOf(2004, 1, 1),
};
const INSURANCES = Object.keys(INSURANCE_FROM) as SocialInsurance[];

const SKILLS = ['电工', '焊工', '汽车维修工', '中式烹调师', '美发师', '育婴员', '保育员', '养老护理员', '计算机程序设计员', '电子商务师', '中式面点师', '家政服务员', '茶艺师', '车工', '钳工', '物流服务师', '保安员', '叉车司机'];
/** National vocational qualification levels: 5 (entry) is common, 1 (senior technician) rare. */
const SKILL_LEVELS = new Weighted([[5, 30], [4, 35], [3, 25], [2, 8], [1, 2]] as const);
const COURSES = ['电工（初级）', '焊工（初级）', '中式烹调师（初级）', '育婴员（五级）', '电子商务师（四级）', '养老护理员（初级）', '美发师（初级）', '汽车维修工（中级）', '计算机操作员', '家政服务员（初级）'];

/** Statutory retirement before the 2025 gradual rise: men 60, women 50 (workers) or 55 (cadres). */
function retirementAge(who: Individual): number {
  if (who.sex === 'male') return 60;
  const level = who.schooling.level;
  return level === 'associate' || level === 'bachelor' || level === 'master' || level === 'doctorate' ? 55 : 50;
}

function employmentChance(who: Individual, retireAt: number, youngMother: boolean): number {
  const age = who.age;
  if (age >= retireAt) {
    if (age >= 76) return 0;
    if (age >= 65) return 0.04;
    if (who.profile === 'migrant') return 0.2;
    return who.sex === 'male' ? 0.25 : 0.15;
  }
  if (age < 25) return 0.75;
  if (who.sex === 'male') return who.migrant ? 0.95 : 0.92;
  return youngMother ? 0.6 : 0.82;
}

/** A day `fraction` of the way from `from` to `to`. */
const between = (from: Day, to: Day, fraction: number): Day => from + Math.floor((to - from) * fraction);

function annualIncome(random: Random, who: Individual, job: Job): number {
  const age = who.age;
  const ageFactor = age < 23 ? 0.65 : age < 28 ? 0.8 : age < 35 ? 0.95 : age < 50 ? 1.05 : age < 60 ? 0.95 : 0.8;
  const median =
    MEDIAN_INCOME[who.schooling.level ?? 'none'] * ageFactor * SECTOR_FACTOR[job.employer.sector] * TIER_FACTOR[job.tier] * (job.formal ? 1 : 0.85);
  return Math.max(MINIMUM_MONTHLY_WAGE * 12, Math.round(random.logNormal(median, 0.5)));
}

export function work(random: Random, who: Individual, employers: EmployerPool, rows: WorkRows, youngMother: boolean): WorkFacts {
  if (who.age < 18 || who.schooling.student) return NOT_WORKING;
  const retireAt = retirementAge(who);
  const retirement = addYears(who.birth, retireAt);
  // Guangzhou's record of someone's work begins when they finished school here, or arrived.
  const start = Math.max(who.schooling.careerStart, who.profile === 'native' ? 0 : who.registeredSince);
  if (start >= REFERENCE_DAY) return NOT_WORKING;

  const jobs: Job[] = [];
  const newJob = (since: Day, until: Day | null): Job => {
    const employer = employers.pick(random, who.district, who.schooling.level);
    const formal = employer.sector === 'public' || random.chance(who.migrant ? 0.7 : 0.92);
    const { title, tier } = occupationFor(random, employer, who.schooling.level);
    return { employer, occupation: title, tier, since, until, formal };
  };
  const working = random.chance(employmentChance(who, retireAt, youngMother));
  const careerEnd = working ? REFERENCE_DAY : who.age >= retireAt ? retirement : between(start, REFERENCE_DAY, 1 - random.next() * random.next());
  const retired = !working && who.age >= retireAt && who.profile !== 'migrant';

  // Only the last job of someone who stopped within the last five years is still on record.
  const onRecord = working || careerEnd > addYears(REFERENCE_DAY, -5);
  if (onRecord && careerEnd > start + 30) {
    const tenureShare = Math.pow(random.next(), 1.5);
    const since = Math.max(start, careerEnd - Math.floor((careerEnd - start) * tenureShare) - 30);
    if (since - start > 2 * 365 && random.chance(0.6)) {
      const previousSince = between(start, since, random.next() * 0.5);
      jobs.push(newJob(previousSince, since - random.int(1, 120)));
    }
    jobs.push(newJob(since, working ? null : careerEnd));
  } else if (!retired && !working) {
    return NOT_WORKING;
  }

  const current = jobs.find((job) => job.until === null);
  const lastJob = jobs[jobs.length - 1];
  const income = lastJob ? annualIncome(random, who, lastJob) : 0;
  const facts: WorkFacts = { jobs, income: current ? income : 0, wage: income, retired, insured: false };

  for (const job of jobs) {
    rows.employment.push({
      citizenId: who.citizenId,
      employerName: job.employer.name,
      employerCreditCode: job.employer.creditCode,
      occupation: job.occupation,
      since: iso(job.since),
      until: job.until === null ? null : iso(job.until),
      highTechEmployer: job.employer.highTech,
      neededOccupation: NEEDED_OCCUPATIONS.has(job.occupation),
      frontlineHardSector: frontlineSectorOf(job.employer, job.occupation),
    });
  }

  facts.insured = insurance(random, who, facts, start, careerEnd, rows);
  if (jobs.length > 0) {
    skills(random, who, start, rows);
    titles(random, who, jobs[jobs.length - 1]!, rows);
  }
  if (current && who.migrant) vouchers(random, who, rows);
  return facts;
}

type Run = { from: Month; to: Month | null };

/**
 * Social insurance, as runs of months by origin. Months paid in Guangzhou follow the formal jobs
 * (a current one leaves its runs open). People who came from elsewhere often bring earlier years
 * with them: pension, medical and unemployment insurance transfer (养老保险关系转移接续, 2010;
 * 医保关系转移接续); work-injury and maternity insurance accrue nothing to transfer. Back-payments
 * (补缴) are rare: an employer who enrolled a new worker late pays the first months afterwards.
 */
function insurance(random: Random, who: Individual, facts: WorkFacts, start: Day, careerEnd: Day, rows: WorkRows): boolean {
  // A retiree whose last job is no longer on record still has the contribution history.
  const spans: Array<[Day, Day | null]> = facts.jobs.filter((j) => j.formal).map((j) => [j.since, j.until]);
  if (facts.jobs.length === 0 && facts.retired && random.chance(0.9)) spans.push([start, careerEnd]);
  if (spans.length === 0) return false;

  // Late enrolment, back-paid later: about 3% of insured workers, 1–12 months at the start of one job.
  const jobSpans = spans.length - (facts.jobs.length === 0 ? 1 : 0);
  const backPaid = jobSpans > 0 && random.chance(0.03) ? { job: random.int(0, jobSpans - 1), months: random.int(1, 12), after: random.int(1, 36) } : null;
  // Years paid elsewhere before coming, transferred in: for those who worked at least a year
  // before their record here begins; about 60% contributed there, and of them most move their
  // pension, fewer their medical and unemployment insurance. [U] no published shares.
  const elsewhere = who.origin === null ? null : transferredIn(random, who, start);
  const thisMonth = monthOfDay(REFERENCE_DAY);
  let insured = false;

  for (const type of INSURANCES) {
    const firstMonth = monthOfDay(INSURANCE_FROM[type]);
    let previous: Month = -1;
    let firstHere: Month | null = null;
    const record = (origin: 'paid_in_guangzhou' | 'back_paid', run: Run, recordedOn: Day | null) => {
      push(rows, who, type, origin, run, recordedOn, null);
      firstHere ??= run.from;
      insured = true;
    };
    spans.forEach(([since, until], index) => {
      const from = Math.max(monthOfDay(since), firstMonth, previous + 1);
      const to = until === null ? null : monthOfDay(until);
      previous = to ?? Number.MAX_SAFE_INTEGER;
      // A job begun this month has paid nothing yet.
      if ((to !== null && to < from) || from >= thisMonth) return;
      let run: Run = { from, to };
      if (backPaid?.job === index) {
        const lastBackPaid = Math.min(monthOfDay(since) + backPaid.months - 1, to ?? thisMonth - 1);
        if (lastBackPaid >= from) {
          record('back_paid', { from, to: lastBackPaid }, Math.min(REFERENCE_DAY, enteredOn(lastBackPaid, backPaid.after)));
          run = { from: lastBackPaid + 1, to };
        }
      }
      if ((run.to === null && run.from < thisMonth) || (run.to !== null && run.to >= run.from)) record('paid_in_guangzhou', run, null);
    });
    const transfer = elsewhere?.[type];
    if (transfer && firstHere !== null) {
      const from = Math.max(transfer.from, firstMonth);
      // Entered some months after the account here was opened, never after the reference date.
      const recordedOn = Math.min(REFERENCE_DAY, enteredOn(firstHere, transfer.delay));
      if (from <= transfer.to) push(rows, who, type, 'transferred_in', { from, to: transfer.to }, recordedOn, transfer.region);
    }
  }
  return insured;
}

/** When a back-payment or transfer was entered: the 10th of the month `monthsLater` months after `month`. */
const enteredOn = (month: Month, monthsLater: number): Day => dayOf(Math.floor((month + monthsLater) / 12), ((month + monthsLater) % 12) + 1, 10);

function push(rows: WorkRows, who: Individual, insurance: SocialInsurance, origin: 'paid_in_guangzhou' | 'transferred_in' | 'back_paid', run: Run, recordedOn: Day | null, region: string | null): void {
  rows.contributionPeriod.push({
    citizenId: who.citizenId,
    insurance,
    origin,
    fromMonth: monthStart(run.from),
    toMonth: run.to === null ? null : monthStart(run.to),
    transferredFrom: region,
    recordedOn: recordedOn === null ? null : iso(recordedOn),
  });
}

/** Other cities of the Pearl River Delta, where many worked before coming to Guangzhou: Shenzhen, Dongguan, Foshan. */
const DELTA_CITIES = ['440300', '441900', '440600'];

/** Runs paid elsewhere before `start` that are transferred in, by insurance. */
function transferredIn(random: Random, who: Individual, start: Day): Partial<Record<SocialInsurance, { from: Month; to: Month; delay: number; region: string }>> | null {
  const workFrom = Math.max(who.schooling.careerStart, addYears(who.birth, 16));
  const before = monthOfDay(start) - monthOfDay(workFrom);
  if (before < 12 || !random.chance(0.6)) return null;
  // A run that ends a few months before coming, covering part of the working years before.
  const to = monthOfDay(start) - 1 - random.int(0, 6);
  const from = Math.max(monthOfDay(workFrom), to - Math.floor(before * (0.3 + 0.7 * random.next())) + 1);
  if (from > to) return null;
  const region = random.chance(0.25) ? random.pick(DELTA_CITIES) : who.origin!.code;
  const transfer = { from, to, delay: random.int(1, 24), region };
  const result: Partial<Record<SocialInsurance, typeof transfer>> = {};
  if (random.chance(0.75)) result.pension = transfer;
  if (random.chance(0.55)) result.medical = transfer;
  if (random.chance(0.35)) result.unemployment = transfer;
  return result;
}

function skills(random: Random, who: Individual, start: Day, rows: WorkRows): void {
  const level = who.schooling.level;
  const graduate = level === 'bachelor' || level === 'master' || level === 'doctorate';
  if (!random.chance(graduate ? 0.05 : who.migrant ? 0.18 : 0.22)) return;
  const occupation = rows.employment[rows.employment.length - 1]!.occupation;
  const inTrade = certificatesFor(occupation);
  rows.skillCertificate.push({
    citizenId: who.citizenId,
    // Most hold the certificate of the trade they work in.
    title: inTrade.length > 0 && random.chance(0.8) ? random.pick(inTrade) : random.pick(SKILLS),
    level: random.weighted(SKILL_LEVELS),
    issuedOn: iso(random.int(Math.max(start, addYears(who.birth, 18)), REFERENCE_DAY)),
  });
}

/**
 * Professional titles (职称), for those whose job belongs to a title series: most graduates in
 * such a job hold one, and so do most nurses. The usual years of service: a bachelor becomes junior
 * after a year, intermediate four years later, and about half reach senior five years after that
 * (a master or doctor starts further along). [U] the shares; the years follow the national rules.
 */
function titles(random: Random, who: Individual, job: Job, rows: WorkRows): void {
  const series = titleSeriesFor(job.occupation);
  if (!series) return;
  const level = who.schooling.level;
  const graduate = highlySkilled(level);
  if (!random.chance(graduate ? 0.75 : level === 'associate' ? 0.6 : job.occupation === '护士' ? 0.4 : 0.1)) return;
  const begin = Math.max(who.schooling.careerStart, addYears(who.birth, 18));
  const head = level === 'doctorate' ? -1 : level === 'master' ? 0 : level === 'bachelor' ? 1 : 3;
  const steps: Array<[ProfessionalTitleLevel, number]> = [['junior', Math.max(0, head)], ['intermediate', head + 5], ['senior', head + 10]];
  for (const [titleLevel, years] of steps) {
    const awarded = addYears(begin, years) + random.int(0, 365);
    if (awarded > REFERENCE_DAY || (titleLevel === 'senior' && !random.chance(0.5))) break;
    // A doctor starts at intermediate: the junior title is skipped.
    if (titleLevel === 'junior' && head < 0) continue;
    rows.professionalTitle.push({ citizenId: who.citizenId, title: series.titles[titleLevel], level: titleLevel, awardedOn: iso(awarded) });
  }
}

/** §11: vocational training vouchers for migrant workers, valid for a year. */
function vouchers(random: Random, who: Individual, rows: WorkRows): void {
  const level = who.schooling.level;
  if (level === 'bachelor' || level === 'master' || level === 'doctorate' || !random.chance(0.15)) return;
  const count = random.chance(0.15) ? 2 : 1;
  for (let n = 0; n < count; n++) {
    const issued = random.int(Math.max(who.registeredSince, dayOf(TAX_YEARS[0], 1, 1)), REFERENCE_DAY);
    const days = REFERENCE_DAY - issued;
    const status =
      days < 180 ? (random.chance(0.7) ? 'issued' : 'redeemed')
      : days < 365 ? (random.chance(0.25) ? 'issued' : random.chance(0.85) ? 'redeemed' : 'expired')
      : random.chance(0.75) ? 'redeemed' : 'expired';
    rows.trainingVoucher.push({
      citizenId: who.citizenId,
      // Unique without a registry: the person's position in the population and the voucher's number.
      voucherNo: `PX${yearOf(issued)}${String(who.index).padStart(8, '0')}${n}`,
      course: random.pick(COURSES),
      status,
      issuedOn: iso(issued),
    });
  }
}
