import { addYears, dayOf, iso, REFERENCE_DAY, yearOf } from '../../population/dates.js';
import { defineDemoData, type DemoRows, type DemoUnit } from '../../population/demo-data.js';
import type { Individual } from '../../population/model.js';
import { Random, Weighted } from '../../population/random.js';
import { LAST_TAX_YEAR, MAXIMUM_MONTHLY_BASE, MINIMUM_MONTHLY_WAGE, monthsIn, TAX_YEARS } from '../../population/wages.js';
import { incomeTaxFen, STANDARD_DEDUCTION_FEN, taxableIncomeFen, type Deductions } from './income-tax.js';
import { annualReturn, evasionFinding, taxpayer } from './tables.js';

const TABLES = { taxpayer, annualReturn, evasionFinding };
type TaxRows = DemoRows<typeof TABLES>;

/**
 * The employee's own social insurance, per mille of the contribution base: pension 8%, medical 2%,
 * unemployment 0.2% (Guangzhou's rates; work-injury and maternity insurance are the employer's alone).
 */
const EMPLOYEE_INSURANCE_PER_MILLE = 102;

/**
 * Housing provident fund: the employee pays 5–12% of the wage (the national range), the same
 * shares of rates as the housing bureau's accounts. Who has an account follows the housing
 * generator's shares: everyone in the public sector, most formal workers, under half of migrants.
 */
const FUND_PERCENT = new Weighted([[5, 20], [7, 20], [10, 25], [12, 35]] as const);

/**
 * Special additional deductions (专项附加扣除) at the rates in force from 2023 (国发〔2023〕13号),
 * yuan a year. Children in education or under 3: ¥2,000 a month each, which the parents usually
 * split half and half. Elderly parents (60+): ¥3,000 a month for an only child, otherwise shared
 * with siblings (at most ¥1,500 a month each). Housing: loan interest on a first home ¥1,000 a month,
 * or rent in a provincial capital ¥1,500 a month, never both. Continuing education and serious
 * illness are left out (a small share of claims).
 */
const PER_CHILD_HALF = 12_000;
const ELDERLY_ONLY_CHILD = 36_000;
const ELDERLY_SHARED = new Weighted([[18_000, 60], [12_000, 40]] as const);
const LOAN_INTEREST = 12_000;
const RENT = 18_000;

/** The person's children (living with them) whose education or care the deduction covers. */
function childrenClaimed(unit: DemoUnit, who: Individual): number {
  const own =
    who.sex === 'female'
      ? unit.childrenOf(who)
      : // A father: children of the woman of his generation in the unit (not his mother, not a daughter-in-law).
        unit.people.filter((child) => child.mother !== null && child.mother !== who.mother && Math.abs(child.mother.age - who.age) <= 12 && who.age - child.age >= 16);
  return own.filter((child) => child.age < 3 || child.schooling.student).length;
}

function specialAdditional(random: Random, unit: DemoUnit, who: Individual): number {
  let children = childrenClaimed(unit, who);
  // Migrant workers alone in the city often have children at school at home (留守儿童).
  if (children === 0 && unit.kind === 'migrant_single' && who.age >= 25 && who.age <= 45 && random.chance(0.45)) children = random.chance(0.4) ? 2 : 1;
  let yuan = children * PER_CHILD_HALF;
  const parentsOver60 = who.age < 25 ? 0 : who.age < 30 ? 0.25 : who.age < 60 ? 0.8 : who.age < 70 ? 0.25 : 0;
  // The one-child policy made most urban residents born from 1980 only children; rural families had more.
  const onlyChild = !who.migrant && who.age < 47 ? 0.6 : 0.15;
  if (random.chance(parentsOver60)) yuan += random.chance(onlyChild) ? ELDERLY_ONLY_CHILD : random.weighted(ELDERLY_SHARED);
  if (who.migrant) {
    if (random.chance(0.35)) yuan += RENT;
  } else if (random.chance(0.25)) yuan += LOAN_INTEREST;
  else if (random.chance(0.1)) yuan += RENT;
  return yuan;
}

/** Housing provident fund rate (percent) of the employee, or 0 without an account. */
function housingFundPercent(random: Random, who: Individual): number {
  const formal = who.work.jobs.filter((job) => job.formal);
  if (formal.length === 0) return 0;
  const current = formal.find((job) => job.until === null);
  const chance = current?.employer.sector === 'public' ? 1 : current ? (who.migrant ? 0.45 : 0.85) : 0.6;
  return random.chance(chance) ? random.weighted(FUND_PERCENT) : 0;
}

/** Everyone with a job on record is a taxpayer; returns for the last three tax years they worked in. */
function tax(random: Random, unit: DemoUnit, who: Individual, rows: TaxRows): void {
  const { jobs, wage } = who.work;
  const first = jobs[0]!;
  const last = jobs[jobs.length - 1]!;
  const stoppedOn = last.until;
  const yearsStopped = stoppedOn === null ? 0 : (REFERENCE_DAY - stoppedOn) / 365.25;
  rows.taxpayer.push({
    citizenId: who.citizenId,
    status: stoppedOn === null ? 'active' : yearsStopped <= 3 ? 'inactive' : 'deregistered',
    registeredOn: iso(first.since),
    arrearsFen: random.chance(0.02) ? random.int(100, 30_000) * 100 : 0,
  });
  const special = specialAdditional(random, unit, who) * 100;
  const fundPercent = housingFundPercent(random, who);
  for (const year of TAX_YEARS) {
    const months = Math.min(12, jobs.reduce((sum, job) => sum + monthsIn(job, year), 0));
    if (months === 0) continue;
    const formalMonths = Math.min(months, jobs.reduce((sum, job) => sum + (job.formal ? monthsIn(job, year) : 0), 0));
    // Wages in the city grew about 4–5% a year; each year's figure is also a little noisy.
    const grossFen = Math.round(wage * (1 - 0.045 * (LAST_TAX_YEAR - year)) * (months / 12) * (0.95 + random.next() * 0.1) * 100);
    // Contributions are on the monthly wage, held between the minimum wage and the cap on the base.
    const baseFen = Math.min(MAXIMUM_MONTHLY_BASE * 100, Math.max(MINIMUM_MONTHLY_WAGE * 100, Math.round(grossFen / months)));
    const deductions: Deductions = {
      standardFen: STANDARD_DEDUCTION_FEN,
      socialInsuranceFen: formalMonths * Math.round((baseFen * EMPLOYEE_INSURANCE_PER_MILLE) / 1000),
      housingFundFen: formalMonths * Math.round((baseFen * fundPercent) / 100),
      specialAdditionalFen: special,
    };
    const taxableFen = taxableIncomeFen(grossFen, deductions);
    rows.annualReturn.push({
      citizenId: who.citizenId,
      year,
      grossIncomeFen: grossFen,
      standardDeductionFen: deductions.standardFen,
      socialInsuranceDeductionFen: deductions.socialInsuranceFen,
      housingFundDeductionFen: deductions.housingFundFen,
      specialAdditionalDeductionFen: deductions.specialAdditionalFen,
      taxableIncomeFen: taxableFen,
      taxPaidFen: incomeTaxFen(taxableFen),
    });
  }
  evasion(random, who, rows);
}

/**
 * Tax-evasion findings are rare for wage earners, whose tax is withheld: inspections find 偷税
 * mostly where income besides wages went unreported, so more among high earners. [U] no published
 * rate for individuals; these shares give a few in a thousand taxpayers.
 */
function evasion(random: Random, who: Individual, rows: TaxRows): void {
  const { wage, jobs } = who.work;
  if (!random.chance(wage >= 300_000 ? 0.02 : wage >= 150_000 ? 0.006 : 0.002)) return;
  const registered = yearOf(jobs[0]!.since);
  const taxYear = random.int(Math.max(registered, LAST_TAX_YEAR - 8), LAST_TAX_YEAR);
  // Decided one to three years after the year ends, and not after the reference date.
  const earliest = Math.max(dayOf(taxYear + 1, 3, 1), jobs[0]!.since + 1);
  const latest = Math.min(REFERENCE_DAY, addYears(dayOf(taxYear + 1, 3, 1), 3));
  if (earliest > latest) return;
  rows.evasionFinding.push({ citizenId: who.citizenId, decidedOn: iso(random.int(earliest, latest)), taxYear });
}

/** Returns are made from the work facts HRSS's generator decided (and, for the deductions, the children's schooling). */
export const demoData = defineDemoData({
  tables: TABLES,
  after: ['education', 'hrss'],
  fill(unit, rows) {
    for (const who of unit.people) if (who.work.jobs.length > 0) tax(unit.random, unit, who, rows);
  },
});
