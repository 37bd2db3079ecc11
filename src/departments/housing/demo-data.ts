import { addYears, civil, dayOf, iso, REFERENCE_DAY, yearOf, type Day } from '../../population/dates.js';
import { defineDemoData, type DemoRows } from '../../population/demo-data.js';
import type { UnitKind } from '../../population/households.js';
import type { Individual } from '../../population/model.js';
import { DISTRICTS, MIGRANT_DISTRICTS, RESIDENT_DISTRICTS, streetAddress, type District } from '../../population/places.js';
import { Random, Weighted } from '../../population/random.js';
import { MAXIMUM_MONTHLY_BASE, MINIMUM_MONTHLY_WAGE } from '../../population/wages.js';
import * as tables from './tables.js';

const TABLES = {
  dwelling: tables.dwelling,
  publicHousing: tables.publicHousing,
  providentFund: tables.providentFund,
  providentFundContribution: tables.providentFundContribution,
};
type PopulationRows = DemoRows<typeof TABLES>;
type Tenure = (typeof tables.tenure.enumValues)[number];

/**
 * Housing slice, decided per unit because a family shares one home: the dwelling of each member
 * (owners and their family, tenants under one registered lease), public rental housing cases for
 * low-income households, and the housing provident fund of those in formal jobs. The current
 * dwelling is in the district of the person's registration; adults may have lived elsewhere before.
 * Every date is a real day or null: "no earlier bound" is -Infinity, never day 0 (1970-01-01).
 */
export interface UnitHome {
  kind: UnitKind;
  district: District;
  /** The registration address of the unit (family home, employer, public collective household). */
  address: string;
  establishedOn: Day;
  members: readonly Individual[];
}

type Share = Array<[Tenure, number]>;
const tenures = (entries: Share) => new Weighted(entries);
const FAMILY = tenures([['owned', 76], ['rented', 21], ['public_rental', 3]]);
const LOW_INCOME_FAMILY = tenures([['owned', 55], ['rented', 25], ['public_rental', 20]]);
const MIGRANT_FAMILY = tenures([['rented', 80], ['owned', 16], ['public_rental', 4]]);
const MIGRANT_WORKER = tenures([['rented', 65], ['employer_dormitory', 25], ['owned', 10]]);
const COLLECTIVE = tenures([['rented', 60], ['employer_dormitory', 40]]);
const PUBLIC_COLLECTIVE = tenures([['rented', 85], ['employer_dormitory', 15]]);

/** Provident fund rates: employer and employee each pay 5–12% of the monthly wage, the national range. */
const FUND_RATES = new Weighted([[0.05, 20], [0.07, 20], [0.1, 25], [0.12, 35]] as const);

/** Below this household income (yuan a year) a family may qualify for public rental housing. */
const LOW_INCOME = 60_000;
const CASE_OUTCOMES = new Weighted([['applied', 30], ['eligible_waiting', 35], ['rejected', 20], ['ended', 15]] as const);

function area(random: Random, tenure: Tenure, people: number): string {
  const [median, low, high] =
    tenure === 'owned' || tenure === 'family_home' ? [85, 30, 300]
    : tenure === 'public_rental' ? [50, 35, 65]
    : tenure === 'employer_dormitory' ? [15, 8, 30]
    : people > 1 ? [55, 20, 150] : [28, 8, 90];
  return Math.min(high, Math.max(low, random.logNormal(median, 0.3))).toFixed(2);
}

/** The day a person could first have a home of their own: 18, and for migrants their arrival. */
const adultHere = (who: Individual): Day => Math.max(addYears(who.birth, 18), who.migrant ? who.registeredSince : Number.NEGATIVE_INFINITY);

function housing(random: Random, unit: UnitHome, rows: PopulationRows): void {
  const householdIncome = unit.members.reduce((sum, m) => sum + m.work.income, 0);
  const lowIncome = householdIncome < LOW_INCOME;
  const table =
    unit.kind === 'family' ? (lowIncome ? LOW_INCOME_FAMILY : FAMILY)
    : unit.kind === 'migrant_family' ? MIGRANT_FAMILY
    : unit.kind === 'migrant_single' ? MIGRANT_WORKER
    : unit.kind === 'collective' ? COLLECTIVE
    : PUBLIC_COLLECTIVE;
  let tenure = random.weighted(table);
  const head = unit.members[0]!;
  if (tenure === 'owned' && head.age < 25) tenure = 'rented';

  // Talent hires in a public collective household have no address of their own (§5): they live elsewhere.
  const livesAtRegistration = unit.kind !== 'public_collective' && !(unit.kind === 'collective' && tenure === 'rented');
  const address = livesAtRegistration ? unit.address : streetAddress(unit.district, random);
  const arrived = Math.max(...unit.members.map((m) => (m.migrant ? m.registeredSince : m.birth)));
  const movedIn =
    tenure === 'owned' ? Math.min(REFERENCE_DAY, unit.establishedOn + random.int(0, 3 * 365))
    : Math.max(arrived, REFERENCE_DAY - random.int(30, 5 * 365));
  const registered = tenure === 'rented' && random.chance(unit.members.some((m) => m.migrant) ? 0.75 : 0.6);
  const leaseNo = registered ? `ZL${unit.district.code}${yearOf(movedIn)}${String(head.index).padStart(8, '0')}` : null;
  const floorArea = area(random, tenure, unit.members.length);

  for (const who of unit.members) {
    const adultCouple = who.relation === '户主' || who.relation === '配偶' || who.relation === null;
    const own = tenure === 'owned' && !(adultCouple && who.age >= 18) ? 'family_home' : tenure;
    const since = Math.max(movedIn, who.birth, who.relation === '父' || who.relation === '母' ? who.registeredSince : Number.NEGATIVE_INFINITY);
    earlierHomes(random, who, since, unit.district, rows);
    rows.dwelling.push({
      citizenId: who.citizenId,
      tenure: own,
      districtCode: unit.district.code,
      address,
      floorAreaM2: floorArea,
      since: iso(since),
      until: null,
      leaseRegistrationNo: own === 'rented' ? leaseNo : null,
    });
    providentFund(random, who, rows);
  }
  publicHousing(random, unit, tenure, movedIn, lowIncome, rows);
}

/**
 * The four central districts (Liwan, Yuexiu, Haizhu, Tianhe). The old city has been losing
 * residents to the outer districts for decades, and the points rules reward the move out of it.
 */
const CENTRAL_CODES: ReadonlySet<string> = new Set(['440103', '440104', '440105', '440106']);
const CENTRAL_DISTRICTS = new Weighted(DISTRICTS.filter((d) => CENTRAL_CODES.has(d.code)).map((d) => [d, d.residentWeight] as const));
const EARLIER_TENURE = {
  // A resident's earlier home was often the parents' (a family home) before a home of their own.
  resident: tenures([['rented', 50], ['family_home', 40], ['owned', 10]]),
  migrant: tenures([['rented', 75], ['employer_dormitory', 25]]),
};

/** Where an earlier home was: mostly the same district; before a home outside the centre, often in it. */
function earlierDistrict(random: Random, who: Individual, current: District): District {
  if (random.chance(who.migrant ? 0.5 : 0.65)) return current;
  if (!CENTRAL_CODES.has(current.code) && random.chance(0.5)) return random.weighted(CENTRAL_DISTRICTS);
  return random.weighted(who.migrant ? MIGRANT_DISTRICTS : RESIDENT_DISTRICTS);
}

/**
 * Homes an adult lived in here before the current one, newest first back to their 18th birthday or
 * arrival: migrants move between rented rooms every year or few, residents less often. Each ends
 * the day before the next begins (`until` is the last day lived there).
 */
function earlierHomes(random: Random, who: Individual, currentSince: Day, current: District, rows: PopulationRows): void {
  const earliest = adultHere(who);
  const [first, next, longest] = who.migrant ? [0.6, 0.5, 3] : [0.35, 0.3, 8];
  let until = currentSince - 1;
  for (let n = 0; n < 4 && until - earliest >= 365 && random.chance(n === 0 ? first : next); n++) {
    const since = Math.max(earliest, until - random.int(365, longest * 365));
    const district = earlierDistrict(random, who, current);
    const tenure = random.weighted(EARLIER_TENURE[who.migrant ? 'migrant' : 'resident']);
    rows.dwelling.push({
      citizenId: who.citizenId,
      tenure,
      districtCode: district.code,
      address: streetAddress(district, random),
      floorAreaM2: area(random, tenure, 1),
      since: iso(since),
      until: iso(until),
      leaseRegistrationNo: null,
    });
    until = since - 1;
  }
}

/**
 * The State Council's decision of July 1994 (国发〔1994〕43号) extended the provident fund to every
 * city (Shanghai's, the first, dates from 1991): no generated account is older than the decision.
 */
const FUND_FROM = dayOf(1994, 7, 18);

/** Months as integers (year × 12 + month − 1), so runs compare and count; written 'YYYY-MM'. */
const monthNumber = (day: Day): number => {
  const [year, month] = civil(day);
  return year * 12 + month - 1;
};
const monthText = (n: number): string => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;

/**
 * The account of someone with a formal job: contributions are paid for every month of a formal job
 * from the account's opening (one run per stretch of jobs without a gap of a month or more), and the
 * current run is open while the job goes on.
 */
function providentFund(random: Random, who: Individual, rows: PopulationRows): void {
  const formal = who.work.jobs.filter((job) => job.formal && (job.until ?? REFERENCE_DAY) >= FUND_FROM);
  if (formal.length === 0) return;
  const current = formal.find((job) => job.until === null);
  const publicSector = current?.employer.sector === 'public';
  if (!random.chance(publicSector ? 1 : current ? (who.migrant ? 0.45 : 0.85) : 0.6)) return;
  const first = formal[0]!;
  const openedOn = Math.min(first.until ?? REFERENCE_DAY, Math.max(first.since, FUND_FROM) + random.int(0, 180));
  const runs: Array<{ from: number; to: number | null }> = [];
  for (const job of formal) {
    const from = monthNumber(Math.max(job.since, openedOn));
    const to = job.until === null ? null : monthNumber(job.until);
    if (to !== null && to < from) continue;
    const last = runs[runs.length - 1];
    if (last && last.to !== null && from <= last.to + 1) last.to = to === null ? null : Math.max(last.to, to);
    else runs.push({ from, to });
  }
  const months = runs.reduce((sum, run) => sum + (run.to ?? monthNumber(REFERENCE_DAY)) - run.from + 1, 0);
  const base = Math.min(MAXIMUM_MONTHLY_BASE, Math.max(MINIMUM_MONTHLY_WAGE, (who.work.income || 60_000) / 12));
  const monthly = Math.round(2 * random.weighted(FUND_RATES) * base * 100);
  // Balances are drawn down for rent, purchase and loan repayment, so most hold a fraction of what went in.
  const balance = who.work.retired ? 0 : Math.round(months * monthly * (0.2 + 0.8 * random.next()));
  rows.providentFund.push({
    citizenId: who.citizenId,
    // Unique without a registry: an affine map of the person's position, a bijection below 10^8.
    accountNo: `4401${String((who.index * 7919 + 12_345_678) % 100_000_000).padStart(8, '0')}`,
    status: current ? 'contributing' : who.work.retired ? 'closed' : 'suspended',
    openedOn: iso(openedOn),
    monthlyContributionFen: current ? monthly : 0,
    balanceFen: balance,
  });
  for (const run of runs) {
    rows.providentFundContribution.push({ citizenId: who.citizenId, fromMonth: monthText(run.from), toMonth: run.to === null ? null : monthText(run.to) });
  }
}

function publicHousing(random: Random, unit: UnitHome, tenure: Tenure, movedIn: Day, lowIncome: boolean, rows: PopulationRows): void {
  const applicant = unit.members.find((m) => m.age >= 18);
  if (!applicant) return;
  const tenant = tenure === 'public_rental';
  const applies = tenant || (lowIncome && (unit.kind === 'family' || unit.kind === 'migrant_family') && random.chance(0.15));
  if (!applies) return;
  const earliest = Math.min(REFERENCE_DAY, adultHere(applicant));
  const clamp = (day: Day) => Math.min(REFERENCE_DAY, Math.max(earliest, day));
  const rent = () => random.int(300, 1_500) * 100;
  let status: 'applied' | 'eligible_waiting' | 'rejected' | 'tenant' | 'ended';
  let appliedOn: Day;
  let decidedOn: Day | null;
  let monthlyRentFen: number | null = null;
  if (tenant) {
    status = 'tenant';
    decidedOn = clamp(movedIn - random.int(30, 180));
    appliedOn = clamp(decidedOn - random.int(90, 720));
    monthlyRentFen = rent();
  } else {
    status = random.weighted(CASE_OUTCOMES);
    const yearsAgo = status === 'applied' ? [0, 1] : status === 'ended' ? [6, 12] : [1, 5];
    appliedOn = clamp(REFERENCE_DAY - random.int(yearsAgo[0]! * 365, yearsAgo[1]! * 365));
    decidedOn = status === 'applied' ? null : clamp(appliedOn + random.int(60, 240));
    if (status === 'ended') monthlyRentFen = rent();
  }
  rows.publicHousing.push({
    citizenId: applicant.citizenId,
    status,
    appliedOn: iso(appliedOn),
    decidedOn: decidedOn === null ? null : iso(decidedOn),
    monthlyRentFen,
  });
}

/** A family shares one home, so housing is decided per unit; after work, which decides incomes and the provident fund. */
export const demoData = defineDemoData({
  tables: TABLES,
  after: ['hrss'],
  fill(unit, rows) {
    housing(unit.random, { kind: unit.kind, district: unit.district, address: unit.household.address, establishedOn: unit.establishedOn, members: unit.people }, rows);
  },
});
