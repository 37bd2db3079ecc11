import { addMonths, addYears, dayOf, iso, REFERENCE_DAY, type Day } from '../../population/dates.js';
import { defineDemoData, type DemoRows } from '../../population/demo-data.js';
import type { Individual } from '../../population/model.js';
import { communityHealthCentre } from '../../population/places.js';
import { Random } from '../../population/random.js';
import * as tables from './tables.js';

const TABLES = { healthRecord: tables.healthRecord, condition: tables.condition, vaccination: tables.vaccination, familyPlanning: tables.familyPlanning };
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
  const earliest = Math.max(who.birth + 7, RECORDS_FROM, who.migrant ? who.registeredSince : 0);
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

/** After work, which decides who is covered by employee medical insurance. */
export const demoData = defineDemoData({
  tables: TABLES,
  after: ['hrss'],
  fill(unit, rows) {
    const centre = communityHealthCentre(unit.district, unit.random);
    for (const who of unit.people) health(unit.random, who, centre, unit.childrenOf(who), rows);
  },
});
