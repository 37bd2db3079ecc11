import { iso, REFERENCE_DAY } from '../../population/dates.js';
import { defineDemoData, type DemoRows } from '../../population/demo-data.js';
import type { Individual } from '../../population/model.js';
import { Random, Weighted } from '../../population/random.js';
import { LAST_TAX_YEAR, MAXIMUM_MONTHLY_BASE, monthsIn, TAX_YEARS } from '../../population/wages.js';
import { annualIncomeTax } from './income-tax.js';
import { annualReturn, taxpayer } from './tables.js';

const TABLES = { taxpayer, annualReturn };

/** Special additional deductions (children, elderly parents, housing), yuan a year, fixed per person. */
const SPECIAL_DEDUCTIONS = new Weighted([[0, 35], [12_000, 20], [24_000, 20], [36_000, 15], [48_000, 10]] as const);

/** Everyone with a job on record is a taxpayer; returns for the last three tax years they worked in. */
function tax(random: Random, who: Individual, rows: DemoRows<typeof TABLES>): void {
  const { jobs, wage, insured } = who.work;
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
  const special = random.weighted(SPECIAL_DEDUCTIONS);
  for (const year of TAX_YEARS) {
    const months = Math.min(12, jobs.reduce((sum, job) => sum + monthsIn(job, year), 0));
    if (months === 0) continue;
    // Wages in the city grew about 4–5% a year; each year's figure is also a little noisy.
    const yearly = Math.round(wage * (1 - 0.045 * (LAST_TAX_YEAR - year)) * (months / 12) * (0.95 + random.next() * 0.1));
    const employeeInsurance = insured ? 0.105 * Math.min(yearly, MAXIMUM_MONTHLY_BASE * months) : 0;
    const taxPaid = annualIncomeTax(yearly, employeeInsurance, special);
    rows.annualReturn.push({
      citizenId: who.citizenId,
      year,
      taxableIncomeFen: yearly * 100,
      taxPaidFen: Math.round(taxPaid * 100),
    });
  }
}

/** Returns are made from the work facts HRSS's generator decided. */
export const demoData = defineDemoData({
  tables: TABLES,
  after: ['hrss'],
  fill(unit, rows) {
    for (const who of unit.people) if (who.work.jobs.length > 0) tax(unit.random, who, rows);
  },
});
