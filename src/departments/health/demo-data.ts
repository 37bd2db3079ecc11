import { addMonths, addYears, dayOf, iso, REFERENCE_DAY, type Day } from '../../population/dates.js';
import { defineDemoData, type DemoRows } from '../../population/demo-data.js';
import type { Individual } from '../../population/model.js';
import { communityHealthCentre } from '../../population/places.js';
import { Random, Weighted } from '../../population/random.js';
import * as tables from './tables.js';

const TABLES = {
  healthRecord: tables.healthRecord,
  condition: tables.condition,
  vaccination: tables.vaccination,
  familyPlanning: tables.familyPlanning,
  bloodDonation: tables.bloodDonation,
};
type ChronicCondition = (typeof tables.chronicCondition.enumValues)[number];
type FamilyPlanningService = (typeof tables.familyPlanningServiceKind.enumValues)[number];

/**
 * Health and family-planning slice. Every row belongs to someone with a community health record.
 * Chronic conditions follow the age curves of the China Chronic Disease and Risk Factor
 * Surveillance (hypertension in about a quarter of adults, most of them past 60).
 */

/** The national basic public health service, which opened community health records, began in 2009. */
const RECORDS_FROM = dayOf(2009, 7, 1);

/** Probability by age band [upToAge, probability]; the last band covers everyone older. */
type Curve = ReadonlyArray<readonly [number, number]>;
const CONDITIONS: ReadonlyArray<readonly [ChronicCondition, onsetAge: number, Curve]> = [
  ['hypertension', 18, [[34, 0.005], [44, 0.06], [59, 0.2], [74, 0.4], [200, 0.5]]],
  ['type2_diabetes', 18, [[34, 0.003], [44, 0.03], [59, 0.09], [200, 0.16]]],
  ['coronary_heart_disease', 30, [[44, 0.001], [59, 0.02], [74, 0.06], [200, 0.12]]],
  ['copd', 40, [[39, 0], [59, 0.02], [200, 0.07]]],
  ['chronic_kidney_disease', 30, [[39, 0.003], [59, 0.02], [200, 0.05]]],
  ['severe_mental_disorder', 15, [[14, 0], [200, 0.005]]],
  ['tuberculosis', 15, [[14, 0], [200, 0.0008]]],
];

const along = (curve: Curve, age: number): number => curve.find(([upTo]) => age <= upTo)![1];

/** National Immunisation Programme schedule: vaccine, dose, age in months. */
const SCHEDULE: ReadonlyArray<readonly [string, number, number]> = [
  ['乙肝疫苗', 1, 0], ['卡介苗', 1, 0], ['乙肝疫苗', 2, 1], ['脊灰疫苗', 1, 2], ['脊灰疫苗', 2, 3], ['百白破疫苗', 1, 3],
  ['脊灰疫苗', 3, 4], ['百白破疫苗', 2, 4], ['百白破疫苗', 3, 5], ['乙肝疫苗', 3, 6], ['A群流脑多糖疫苗', 1, 6],
  ['麻腮风疫苗', 1, 8], ['乙脑减毒活疫苗', 1, 8], ['A群流脑多糖疫苗', 2, 9], ['百白破疫苗', 4, 18], ['麻腮风疫苗', 2, 18],
  ['甲肝减毒活疫苗', 1, 18], ['乙脑减毒活疫苗', 2, 24], ['A群C群流脑多糖疫苗', 1, 36], ['脊灰疫苗', 4, 48],
  ['白破疫苗', 1, 72], ['A群C群流脑多糖疫苗', 2, 72],
];

/** `centre` is the household's community health centre: a family registers together. */
function health(random: Random, who: Individual, centre: string, children: readonly Individual[], rows: DemoRows<typeof TABLES>): void {
  const recordChance = who.migrant ? (who.age < 18 ? 0.9 : 0.8) : 0.97;
  if (!random.chance(recordChance)) return;
  const earliest = Math.max(who.birth + 7, RECORDS_FROM, who.migrant ? who.registeredSince : Number.NEGATIVE_INFINITY);
  const registeredOn = Math.min(REFERENCE_DAY, earliest + random.int(0, 720));

  let conditions = 0;
  for (const [condition, onsetAge, curve] of CONDITIONS) {
    if (who.age < onsetAge || !random.chance(along(curve, who.age))) continue;
    conditions += 1;
    const from = Math.max(addYears(who.birth, onsetAge), addYears(REFERENCE_DAY, -20));
    rows.condition.push({ citizenId: who.citizenId, condition, diagnosedOn: iso(random.int(from, REFERENCE_DAY)) });
  }

  const employee = who.work.insured && (who.work.retired || who.work.jobs.some((job) => job.formal && job.until === null));
  const insuranceScheme = employee
    ? 'employee_basic'
    : random.chance(who.migrant ? (who.age < 18 ? 0.65 : 0.5) : 0.98) ? 'urban_rural_resident' : 'none';
  const contractChance = who.age >= 65 ? 0.6 : conditions > 0 ? 0.5 : who.age < 7 ? 0.2 : 0.1;
  rows.healthRecord.push({
    citizenId: who.citizenId,
    communityHealthCentre: centre,
    registeredOn: iso(registeredOn),
    insuranceScheme,
    familyDoctorContract: random.chance(contractChance),
  });

  if (who.age <= 14) vaccinations(random, who, rows);
  if (who.sex === 'female' && who.age >= 15 && who.age <= 49) familyPlanning(random, who, children, rows);
  // Chronic conditions such as hypertension or diabetes defer a donor (GB 18467-2011).
  if (conditions === 0) bloodDonations(random, who, rows);
}

function vaccinations(random: Random, who: Individual, rows: DemoRows<typeof TABLES>): void {
  const coverage = who.migrant ? 0.93 : 0.985;
  for (const [vaccine, dose, months] of SCHEDULE) {
    const on = addMonths(who.birth, months) + random.int(0, 20);
    if (on > REFERENCE_DAY) break;
    if (!random.chance(coverage)) continue;
    rows.vaccination.push({ citizenId: who.citizenId, vaccine, dose, administeredOn: iso(on) });
  }
}

function familyPlanning(random: Random, who: Individual, children: readonly Individual[], rows: DemoRows<typeof TABLES>): void {
  const services: Array<[FamilyPlanningService, Day]> = [];
  const push = (service: FamilyPlanningService, on: Day) => {
    if (on <= REFERENCE_DAY && on >= addYears(who.birth, 15)) services.push([service, on]);
  };
  const recent = addYears(REFERENCE_DAY, -3);
  for (const child of children) {
    if (child.birth < recent) continue;
    push('prenatal_care', child.birth - random.int(150, 230));
    push('prenatal_care', child.birth - random.int(30, 90));
    push('birth_registration', child.birth + random.int(1, 30));
    push('postnatal_visit', child.birth + random.int(3, 28));
  }
  if (who.age >= 22 && who.age <= 40 && children.every((c) => c.age >= 1) && random.chance(0.03)) {
    push('prenatal_care', REFERENCE_DAY - random.int(0, 150));
  }
  const adult = Math.max(recent, addYears(who.birth, 18));
  if (who.age >= 18 && random.chance(0.08)) push('contraception_counselling', random.int(adult, REFERENCE_DAY));
  if (who.age >= 25 && who.age <= 45 && random.chance(0.03)) push('fertility_consultation', random.int(adult, REFERENCE_DAY));
  for (const [service, on] of services) rows.familyPlanning.push({ citizenId: who.citizenId, service, providedOn: iso(on) });
}

/**
 * Voluntary blood donation (无偿献血). The Blood Donation Law invites healthy citizens aged 18–55 to
 * give (Art. 2), 200 to 400 ml of whole blood a time and at least six months apart (Art. 9); a
 * repeat donor in good health may go on to 60 (GB 18467-2011). China collects about 11–12
 * donations a year per thousand people of all ages, so about 1–2% of the adults of donating age
 * give in a year, some of them again and again. Two kinds of donor make that shape: a few
 * regular donors who give once or twice a year for years, and more occasional ones who give once
 * or a few times. The blood centre's records here go back ten years, and only to donations in the
 * city (a migrant's from their arrival).
 */
const DONATION_RECORDS_YEARS = 10;
const REGULAR_DONORS = 0.007;
const OCCASIONAL_DONORS = 0.045;
const OCCASIONAL_DONATIONS = new Weighted([[1, 60], [2, 30], [3, 10]] as const);
/** Guangzhou's blood centre asks for 400 ml where the donor can give it. */
const DONATION_VOLUMES = new Weighted([[400, 55], [300, 25], [200, 20]] as const);
/** At least six months between two whole-blood donations (Blood Donation Law Art. 9). */
const MINIMUM_INTERVAL_DAYS = 183;

function bloodDonations(random: Random, who: Individual, rows: DemoRows<typeof TABLES>): void {
  if (who.age < 18) return;
  const draw = random.next();
  const regular = draw < REGULAR_DONORS;
  if (!regular && draw >= REGULAR_DONORS + OCCASIONAL_DONORS) return;
  const from = Math.max(addYears(who.birth, 18), addYears(REFERENCE_DAY, -DONATION_RECORDS_YEARS), who.migrant ? who.registeredSince : Number.NEGATIVE_INFINITY);
  // The day before the 56th birthday is the last a first-time donor may give; a regular one may go on to the day before the 61st.
  const firstBy = Math.min(REFERENCE_DAY, addYears(who.birth, 56) - 1);
  const until = regular ? Math.min(REFERENCE_DAY, addYears(who.birth, 61) - 1) : firstBy;
  if (firstBy < from) return;
  const give = (on: Day) => rows.bloodDonation.push({ citizenId: who.citizenId, donatedOn: iso(on), volumeMl: random.weighted(DONATION_VOLUMES) });
  let on = random.int(from, firstBy);
  if (regular) {
    // Every six months to a year, until the donor stops (about one in ten donations is the last).
    do {
      give(on);
      on += random.int(MINIMUM_INTERVAL_DAYS, 400);
    } while (on <= until && !random.chance(0.1));
    return;
  }
  for (let n = random.weighted(OCCASIONAL_DONATIONS); n > 0 && on <= until; n--) {
    give(on);
    on += random.int(MINIMUM_INTERVAL_DAYS, 3 * 365);
  }
}

/** After work, which decides who is covered by employee medical insurance. */
export const demoData = defineDemoData({
  tables: TABLES,
  after: ['hrss'],
  fill(unit, rows) {
    const centre = communityHealthCentre(unit.district, unit.random);
    for (const who of unit.people) health(unit.random, who, centre, unit.childrenOf(who), rows);
  },
});
