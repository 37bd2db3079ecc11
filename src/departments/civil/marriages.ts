import { addYears, dayOf, iso, REFERENCE_DAY, yearOf, type Day } from '../../population/dates.js';
import type { DemoUnit } from '../../population/demo-data.js';
import type { Individual } from '../../population/model.js';
import { RESIDENT_DISTRICTS } from '../../population/places.js';
import { Weighted, type Random } from '../../population/random.js';
import type { marriage } from './tables.js';

/**
 * The marriage register for one unit, consistent with who lives with whom: a household head and
 * the 配偶 beside them, the head's father and mother, a migrant couple, are married to each other
 * (one registration, a row for each naming the other). Everyone else is single in the unit, and
 * their status — never married, married to someone who lives elsewhere, divorced, widowed — is
 * drawn by age from where they live. Nobody marries before the legal age (Civil Code Art. 1047, as
 * the 1980 Marriage Law before it: men 22, women 20).
 *
 * Known gap: the household planner houses most people over 70 with a spouse, so only about one in
 * six of them comes out widowed here, against about half in the 2020 census. The register follows
 * the households (a 配偶 in the household is alive and married to the head); the planner would have
 * to make more old people live alone, or with a child, for the shares to match.
 */

type MarriageInsert = typeof marriage.$inferInsert;

export const LEGAL_MARRIAGE_AGE = { male: 22, female: 20 } as const;
const legalFrom = (who: Individual): Day => addYears(who.birth, LEGAL_MARRIAGE_AGE[who.sex]);

const YEAR = 365;

/**
 * Mean age at first marriage by birth cohort, men and women: about 25/23 for those who married under
 * the late-marriage policy of the 1970s, rising to 29/27.5 for people born in the 1990s (censuses
 * 1990–2020; Guangzhou is a year or so above the national means).
 */
function firstMarriageAge(random: Random, who: Individual): number {
  const born = yearOf(who.birth);
  const [male, female] = born < 1956 ? [25, 23] : born < 1971 ? [25.5, 23.5] : born < 1981 ? [26.5, 24.5] : born < 1991 ? [28, 26.5] : [29.5, 27.5];
  return (who.sex === 'male' ? male : female) + random.normal(0, 2.5);
}

/** `target` when it lies in [from, to]; otherwise a day within three years of the nearer end (no pile-up on a bound). */
function near(random: Random, target: Day, from: Day, to: Day): Day {
  if (to <= from) return from;
  if (target >= from && target <= to) return target;
  const span = Math.min(to - from, 3 * YEAR);
  return target < from ? from + random.int(0, span) : to - random.int(0, span);
}

/**
 * Since June 2021 Guangdong registers marriages of people from other provinces where they hold a
 * residence permit (婚姻登记"跨省通办" pilot); before, only at one party's hukou.
 */
const CROSS_PROVINCE_PILOT = dayOf(2021, 6, 1);

/**
 * GB/T 2260 code of the registry that registered a marriage or divorce on `on`: one party's hukou.
 * A party registered in Guangzhou by then is married in a Guangzhou district, mostly the one they
 * live in; otherwise at home, where their hukou was.
 */
function registryArea(random: Random, on: Day, parties: readonly Individual[], unit: DemoUnit): string {
  const inCity = parties.some((p) => p.profile !== 'migrant' && p.registeredSince <= on);
  if (inCity) return random.chance(0.75) ? unit.district.code : random.weighted(RESIDENT_DISTRICTS).code;
  const arrived = parties.every((p) => p.registeredSince <= on);
  if (on >= CROSS_PROVINCE_PILOT && arrived && random.chance(0.25)) return unit.district.code;
  const homes = parties.flatMap((p) => (p.origin ? [p.origin.code] : []));
  return homes.length > 0 ? random.pick(homes) : unit.district.code;
}

/** Divorces in China are about 85% registered by agreement and 15% judged by courts (民政事业发展统计公报 2019). */
const COURT_DIVORCE_SHARE = 0.15;

function ended(random: Random, row: MarriageInsert, endedOn: Day, how: 'divorce' | 'death', who: Individual, unit: DemoUnit): MarriageInsert {
  if (how === 'death') return { ...row, endedOn: iso(endedOn), ending: 'death_of_spouse', divorceAreaCode: null };
  return {
    ...row,
    endedOn: iso(endedOn),
    ending: random.chance(COURT_DIVORCE_SHARE) ? 'divorce_by_court' : 'divorce_registered',
    divorceAreaCode: registryArea(random, endedOn, [who], unit),
  };
}

/** Single in the unit: how they come to be. `elsewhere` is married to someone the record does not hold. */
type Single = 'never' | 'elsewhere' | 'divorced' | 'widowed';
type Weights = readonly [never: number, elsewhere: number, divorced: number, widowed: number];

/**
 * Weights by age (up to and including `maxAge`) for each kind of single person, shaped on the 2020
 * census's marital status by age (Guangdong): never married falls from most people in their twenties
 * to a few per cent by sixty; widowhood dominates past seventy, divorce peaks in the forties and fifties.
 * Migrant workers alone in the city are mostly married with the family at home.
 */
const SINGLE_WEIGHTS: Record<'head' | 'child' | 'parent' | 'collective' | 'migrant', ReadonlyArray<readonly [number, Weights]>> = {
  head: [[29, [90, 6, 4, 0]], [39, [55, 20, 22, 3]], [49, [30, 22, 40, 8]], [59, [12, 18, 40, 30]], [69, [5, 10, 25, 60]], [200, [2, 4, 9, 85]]],
  child: [[29, [95, 2, 3, 0]], [39, [75, 4, 20, 1]], [200, [55, 4, 36, 5]]],
  parent: [[200, [1, 6, 13, 80]]],
  collective: [[29, [88, 10, 2, 0]], [200, [45, 45, 9, 1]]],
  migrant: [[24, [88, 11, 1, 0]], [34, [42, 52, 5, 1]], [54, [8, 80, 8, 4]], [200, [3, 72, 7, 18]]],
};

function singleStatus(random: Random, who: Individual, kind: keyof typeof SINGLE_WEIGHTS, hasChildren: boolean): Single {
  if (who.age < LEGAL_MARRIAGE_AGE[who.sex]) return 'never';
  const [never, elsewhere, divorced, widowed] = SINGLE_WEIGHTS[kind].find(([maxAge]) => who.age <= maxAge)![1];
  // Children born outside marriage are rare in China; wives outlive husbands.
  const neverWeight = hasChildren ? never * 0.1 : never;
  const widowedWeight = who.sex === 'male' && who.age >= 60 ? widowed * 0.6 : widowed;
  return random.weighted(new Weighted<Single>([['never', neverWeight], ['elsewhere', elsewhere], ['divorced', divorced], ['widowed', widowedWeight]]));
}

/** The couple's registration: after both reached the legal age, before `latest` when it can be. */
function coupleMarriageDay(random: Random, husband: Individual, wife: Individual, latest: Day): Day {
  const earliest = Math.max(legalFrom(husband), legalFrom(wife));
  const target = husband.birth + Math.round(firstMarriageAge(random, husband) * 365.25);
  return near(random, target, earliest, Math.min(latest, REFERENCE_DAY));
}

/**
 * Some people now married were divorced before (再婚): about one married person in twelve in
 * recent surveys; only someone who married the second time at 27 or older is given a first marriage here.
 */
const REMARRIED_SHARE = 0.12;

function priorDivorce(random: Random, who: Individual, current: Day, unit: DemoUnit): MarriageInsert | null {
  const earliest = legalFrom(who);
  if (current - earliest < 3 * YEAR || who.birth + Math.round(27 * 365.25) > current || !random.chance(REMARRIED_SHARE)) return null;
  const start = near(random, who.birth + Math.round(firstMarriageAge(random, who) * 365.25), earliest, current - 2 * YEAR);
  const end = random.int(start + YEAR, current - 90);
  const row: MarriageInsert = {
    citizenId: who.citizenId, spouseCitizenId: null, registeredOn: iso(start), registeredAreaCode: registryArea(random, start, [who], unit),
    endedOn: null, ending: null, divorceAreaCode: null,
  };
  return ended(random, row, end, 'divorce', who, unit);
}

function marryCouple(random: Random, husband: Individual, wife: Individual, latest: Day, unit: DemoUnit, rows: MarriageInsert[]): void {
  const day = coupleMarriageDay(random, husband, wife, latest);
  const area = registryArea(random, day, [husband, wife], unit);
  for (const [who, spouse] of [[husband, wife], [wife, husband]] as const) {
    const prior = priorDivorce(random, who, day, unit);
    if (prior) rows.push(prior);
    rows.push({ citizenId: who.citizenId, spouseCitizenId: spouse.citizenId, registeredOn: iso(day), registeredAreaCode: area, endedOn: null, ending: null, divorceAreaCode: null });
  }
}

function single(random: Random, who: Individual, kind: keyof typeof SINGLE_WEIGHTS, eldestChild: Day | null, unit: DemoUnit, rows: MarriageInsert[]): void {
  const status = singleStatus(random, who, kind, eldestChild !== null);
  if (status === 'never') return;
  // A marriage that has ended needs room after it; one that goes on only needs to have begun.
  const room = status === 'elsewhere' ? 0 : YEAR;
  const earliest = legalFrom(who);
  const latest = Math.min(REFERENCE_DAY - room, eldestChild === null ? REFERENCE_DAY : eldestChild - 60);
  if (latest < earliest) return; // too young for the history drawn: stays never married
  const start = near(random, who.birth + Math.round(firstMarriageAge(random, who) * 365.25), earliest, latest);
  const row: MarriageInsert = {
    citizenId: who.citizenId, spouseCitizenId: null, registeredOn: iso(start), registeredAreaCode: registryArea(random, start, [who], unit),
    endedOn: null, ending: null, divorceAreaCode: null,
  };
  if (status === 'elsewhere') {
    rows.push(row);
  } else if (status === 'divorced') {
    // Most divorces come within the first fifteen years of a marriage.
    const end = Math.min(REFERENCE_DAY, start + Math.max(120, Math.floor(Math.min(REFERENCE_DAY - start, 15 * YEAR) * Math.pow(random.next(), 1.3))));
    rows.push(ended(random, row, Math.max(end, start + 1), 'divorce', who, unit));
  } else {
    // Widowhood comes late: from forty on when the person is old enough, otherwise after a year of marriage.
    const from = Math.min(REFERENCE_DAY, Math.max(start + YEAR, who.age >= 50 ? addYears(who.birth, 40) : 0));
    const end = from + Math.floor((REFERENCE_DAY - from) * Math.sqrt(random.next()));
    rows.push(ended(random, row, Math.max(end, start + 1), 'death', who, unit));
  }
}

const eldest = (people: readonly Individual[]): Day | null => (people.length === 0 ? null : Math.min(...people.map((p) => p.birth)));

/** Writes the unit's marriage register. */
export function marriages(unit: DemoUnit, rows: MarriageInsert[]): void {
  const { random, people } = unit;
  const married = new Set<Individual>();
  const couple = (husband: Individual | undefined, wife: Individual | undefined, firstChild: Day | null, latest = REFERENCE_DAY) => {
    if (!husband || !wife || husband.sex !== 'male' || wife.sex !== 'female') return;
    // Married before their first child when the legal ages allow it (a few months before, at least).
    marryCouple(random, husband, wife, Math.min(latest, firstChild === null ? REFERENCE_DAY : firstChild - random.int(60, 700)), unit, rows);
    married.add(husband).add(wife);
  };

  const children = people.filter((p) => p.relation === '子' || p.relation === '女');
  if (unit.kind === 'family') {
    const head = people.find((p) => p.relation === '户主');
    const spouse = people.find((p) => p.relation === '配偶');
    if (head && spouse) {
      const [husband, wife] = head.sex === 'male' ? [head, spouse] : [spouse, head];
      // A spouse who joined the head's hukou (夫妻投靠) did so at or after the marriage.
      const joined = spouse.profile === 'settler' ? spouse.registeredSince : REFERENCE_DAY;
      couple(husband, wife, eldest(children), joined);
    }
    const father = people.find((p) => p.relation === '父');
    const mother = people.find((p) => p.relation === '母');
    if (father && mother && head) couple(father, mother, head.birth);
  } else if (unit.kind === 'migrant_family') {
    // The planner lists the husband first and the wife second; their children name her as mother.
    const [husband, wife] = people;
    if (wife) couple(husband, wife, eldest(unit.childrenOf(wife)));
  }

  for (const who of people) {
    if (married.has(who)) continue;
    switch (who.relation) {
      case '户主':
      case '配偶':
        single(random, who, 'head', eldest(children), unit, rows);
        break;
      case '子':
      case '女':
        single(random, who, 'child', null, unit, rows);
        break;
      case '父':
      case '母': {
        const head = people.find((p) => p.relation === '户主');
        single(random, who, 'parent', head ? head.birth : null, unit, rows);
        break;
      }
      default:
        single(random, who, unit.kind === 'collective' || unit.kind === 'public_collective' ? 'collective' : 'migrant',
          unit.kind === 'migrant_family' ? eldest(unit.childrenOf(who)) : null, unit, rows);
    }
  }
}
