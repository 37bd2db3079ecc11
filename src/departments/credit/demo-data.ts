import { addYears, civil, dayOf, iso, REFERENCE_DAY, type Day } from '../../population/dates.js';
import { defineDemoData, type DemoRows } from '../../population/demo-data.js';
import type { Individual } from '../../population/model.js';
import { Random, Weighted } from '../../population/random.js';
import * as tables from './tables.js';

const TABLES = { poorCreditRecord: tables.poorCreditRecord };
type Kind = (typeof tables.poorCreditRecordKind.enumValues)[number];

/**
 * Poor-credit records on the city's public credit platform. Nearly all records about natural
 * persons are court listings of dishonest judgment debtors: the national list has held on the order
 * of eight million entries in recent years (Supreme People's Court figures), businesses' legal
 * representatives among them, against about 1.1 billion adults, so well under 1% of adults stand
 * on it at any time; the other agencies' lists of persons are far smaller. Here about half a
 * percent of adults have ever had a record, most of them of working age.
 */
const HOLDER_CHANCE: ReadonlyArray<readonly [upToAge: number, probability: number]> = [
  [24, 0.0015],
  [59, 0.006],
  [200, 0.0025],
];

/** Several creditors can each have a debtor listed; most people on a list are on it once. */
const RECORDS_PER_HOLDER = new Weighted<number>([[1, 80], [2, 15], [3, 5]]);

const KINDS = new Weighted<Kind>([
  ['dishonest_judgment_debtor', 85],
  ['agency_serious_dishonesty', 10],
  ['wage_arrears_defaulter', 5],
]);

/**
 * The earliest date of each kind: the Supreme People's Court's rules on publishing the list of
 * dishonest judgment debtors took effect on 1 October 2013; the wage-arrears blacklist of the
 * human resources and social security departments dates from 2018; the bureaus named below for
 * the other lists took their present names in the city's 2019 institutional reform.
 */
const KIND_FROM: Readonly<Record<Kind, Day>> = {
  dishonest_judgment_debtor: dayOf(2013, 10, 1),
  wage_arrears_defaulter: dayOf(2018, 1, 1),
  agency_serious_dishonesty: dayOf(2019, 3, 1),
};

/** Guangzhou Internet Court, which also lists debtors of its own cases, opened on 28 September 2018. */
const INTERNET_COURT_FROM = dayOf(2018, 9, 28);

const AGENCIES = ['广州市市场监督管理局', '广州市医疗保障局', '广州市交通运输局'] as const;

function listedBy(random: Random, kind: Kind, who: Individual, recordedOn: Day): string {
  switch (kind) {
    case 'dishonest_judgment_debtor': {
      const draw = random.next();
      if (draw < 0.1 && recordedOn >= INTERNET_COURT_FROM) return '广州互联网法院';
      if (draw < 0.3) return '广州市中级人民法院';
      return `广州市${who.district.name}人民法院`;
    }
    case 'wage_arrears_defaulter':
      return random.chance(0.7) ? `广州市${who.district.name}人力资源和社会保障局` : '广州市人力资源和社会保障局';
    case 'agency_serious_dishonesty':
      return random.pick(AGENCIES);
  }
}

/**
 * When the record leaves the list, if it has by the reference day. A court deletes a debtor once
 * the judgment is performed (about half do, mostly within months) and, for the grounds that carry
 * a fixed term, after two years; the other lists run a fixed term of about three years, which
 * credit repair (信用修复) can shorten after one.
 */
function removal(random: Random, kind: Kind, recordedOn: Day): Day | null {
  let removedOn: Day | null;
  if (kind === 'dishonest_judgment_debtor') {
    if (random.chance(0.5)) removedOn = recordedOn + random.int(30, 900);
    else removedOn = random.chance(0.3) ? addYears(recordedOn, 2) : null;
  } else {
    removedOn = random.chance(0.3) ? recordedOn + random.int(365, 1095) : addYears(recordedOn, 3);
  }
  return removedOn !== null && removedOn <= REFERENCE_DAY ? removedOn : null;
}

function poorCreditRecords(random: Random, who: Individual, rows: DemoRows<typeof TABLES>): void {
  if (who.age < 18) return;
  if (!random.chance(HOLDER_CHANCE.find(([upTo]) => who.age <= upTo)![1])) return;
  const count = random.weighted(RECORDS_PER_HOLDER);
  for (let seq = 1; seq <= count; seq++) {
    const kind = random.weighted(KINDS);
    // An adult's record, made by the city's agencies: for a migrant, once they live here.
    const from = Math.max(addYears(who.birth, 18), KIND_FROM[kind], who.migrant ? who.registeredSince : 0);
    if (from > REFERENCE_DAY) continue;
    const recordedOn = random.int(from, REFERENCE_DAY);
    const removedOn = removal(random, kind, recordedOn);
    rows.poorCreditRecord.push({
      // Unique across the population: the person's position in it, and the record's place among theirs.
      recordNo: `GZXY${civil(recordedOn)[0]}${String(who.index).padStart(9, '0')}${seq}`,
      citizenId: who.citizenId,
      kind,
      listedBy: listedBy(random, kind, who, recordedOn),
      recordedOn: iso(recordedOn),
      removedOn: removedOn === null ? null : iso(removedOn),
    });
  }
}

/** Reads nothing other departments decide: only identity, age and (for migrants) arrival. */
export const demoData = defineDemoData({
  tables: TABLES,
  fill(unit, rows) {
    for (const who of unit.people) poorCreditRecords(unit.random, who, rows);
  },
});
