import { addYears, ageOn, clampDay, dayOf, REFERENCE_DAY, type Day } from './dates.js';
import type { Sex } from './identity.js';
import { familyName, type NameStock } from './names.js';
import {
  DISTRICTS,
  GUANGZHOU_ETHNICITIES,
  HOME_REGION_TABLE,
  MIGRANT_DISTRICTS,
  RESIDENT_DISTRICTS,
  type District,
  type HomeRegion,
} from './places.js';
import { Random, Weighted } from './random.js';

/**
 * Who lives together. A unit is a hukou household (family, employer collective, or a district's
 * public collective household, §5) for Guangzhou residents, or a migrant worker alone or with family.
 * Ages inside a unit are drawn from each other (parents 20–38 years older than their children), so
 * the city's age pyramid comes out of the mix of units rather than being drawn person by person.
 */
export type Relation = '户主' | '配偶' | '子' | '女' | '父' | '母';

export type UnitKind = 'family' | 'collective' | 'public_collective' | 'migrant_single' | 'migrant_family';

export interface MemberPlan {
  sex: Sex;
  birth: Day;
  familyName: string;
  nameStock: NameStock;
  ethnicity: string;
  /** Null in collective households, which have no head (§5). */
  relation: Relation | null;
  /** Null for people born in Guangzhou; otherwise where their hukou was first registered. */
  origin: HomeRegion | null;
  /** Guangzhou district of birth, for the address code of people born here. */
  birthDistrict: District;
  /**
   * Start of the current registration: first Guangzhou hukou for residents (birth, settlement,
   * joining a spouse), residence registration (居住登记) for migrants.
   */
  registeredSince: Day;
  /** Index in the unit of the person's mother, when she lives with them. */
  mother: number | null;
}

export interface UnitPlan {
  kind: UnitKind;
  district: District;
  /** When the hukou household was set up; migrants' units are not hukou households. */
  establishedOn: Day;
  members: MemberPlan[];
}

const MAX_FAMILY = 5;

const sexOf = (random: Random, maleShare: number): Sex => (random.chance(maleShare) ? 'male' : 'female');

/** A birth date making someone exactly `age` on the reference date. */
export function birthForAge(random: Random, age: number): Day {
  const latest = addYears(REFERENCE_DAY, -age);
  const earliest = addYears(REFERENCE_DAY, -age - 1) + 1;
  return random.int(earliest, latest);
}

/**
 * A day `minYears` to `maxYears` after `from`, drawn within what has already happened by the
 * reference date (clamping instead would pile recent events up on the reference date itself).
 */
function later(random: Random, from: Day, minYears: number, maxYears: number): Day {
  const latest = Math.min(REFERENCE_DAY, from + Math.floor(maxYears * 365.25));
  return random.int(Math.min(latest, from + Math.floor(minYears * 365.25)), latest);
}

type Band = readonly [number, number];
const bands = (entries: Array<[number, number, number]>) =>
  new Weighted(entries.map(([from, to, weight]) => [[from, to] as Band, weight] as const));
const ageIn = (random: Random, table: Weighted<Band>): number => {
  const [from, to] = random.weighted(table);
  return random.int(from, to);
};

// Household heads by age: most between 30 and 60, few under 25 or over 80.
const RESIDENT_HEAD_AGES = bands([
  [22, 29, 9], [30, 39, 21], [40, 49, 22], [50, 59, 20], [60, 69, 15], [70, 79, 9], [80, 95, 4],
]);
// Migrant workers are young: most are between 20 and 45.
const MIGRANT_WORKER_AGES = bands([
  [18, 24, 22], [25, 34, 38], [35, 44, 23], [45, 54, 13], [55, 64, 4],
]);
const MIGRANT_PARENT_AGES = bands([[25, 34, 40], [35, 44, 45], [45, 52, 15]]);
const CHILDREN = new Weighted([[0, 15], [1, 45], [2, 33], [3, 7]] as const);

/** §5 public collective households opened with the reform's implementation. */
export const PUBLIC_COLLECTIVE_FROM = dayOf(2015, 7, 1);

function person(
  random: Random,
  fields: Pick<MemberPlan, 'sex' | 'birth' | 'relation' | 'origin' | 'birthDistrict' | 'registeredSince'> &
    Partial<Pick<MemberPlan, 'familyName' | 'ethnicity' | 'mother'>>,
): MemberPlan {
  const nameStock: NameStock = fields.origin?.stock ?? 'cantonese';
  return {
    sex: fields.sex,
    birth: fields.birth,
    familyName: fields.familyName ?? familyName(random, nameStock),
    nameStock,
    ethnicity: fields.ethnicity ?? random.weighted(fields.origin?.ethnicities ?? GUANGZHOU_ETHNICITIES),
    relation: fields.relation,
    origin: fields.origin,
    birthDistrict: fields.birthDistrict,
    registeredSince: fields.registeredSince,
    mother: fields.mother ?? null,
  };
}

/** The hukou registration regulation (户口登记条例) took effect on 9 January 1958: nobody is registered earlier. */
const HUKOU_REGULATION_DAY = dayOf(1958, 1, 9);

/** Registration of a baby born into a Guangzhou household: within a month of birth. */
const birthRegistration = (random: Random, birth: Day): Day =>
  clampDay(Math.max(birth + random.int(3, 30), HUKOU_REGULATION_DAY + random.int(0, 700)), birth, REFERENCE_DAY);

function otherDistrictSometimes(random: Random, district: District): District {
  return random.chance(0.2) ? random.pick(DISTRICTS) : district;
}

/**
 * Children of `mother` who still live in the household. The law lets a child take either parent's
 * family name and ethnicity; most take the father's.
 */
function addChildren(
  random: Random,
  members: MemberPlan[],
  motherIndex: number | null,
  motherBirth: Day,
  father: MemberPlan | null,
  familyRegisteredSince: Day,
  familyOrigin: HomeRegion | null,
  district: District,
  count: number,
): void {
  let atAge = random.int(22, 33);
  for (let k = 0; k < count && members.length < MAX_FAMILY; k++) {
    const birth = addYears(motherBirth, atAge) + random.int(0, 364);
    atAge += random.int(2, 6);
    if (birth > REFERENCE_DAY) break;
    const age = ageOn(birth, REFERENCE_DAY);
    const stays = age < 18 ? 1 : age < 25 ? 0.75 : age < 35 ? 0.3 : 0.05;
    if (!random.chance(stays)) continue;
    const mother = motherIndex === null ? null : members[motherIndex]!;
    const parentForName = father && (random.chance(0.95) || !mother) ? father : (mother ?? members[0]!);
    const parentForEthnicity = mother && random.chance(0.5) ? mother : (father ?? members[0]!);
    const bornHere = birth >= familyRegisteredSince;
    const sex = sexOf(random, 0.53);
    members.push(
      person(random, {
        sex,
        birth,
        relation: sex === 'male' ? '子' : '女',
        origin: bornHere ? null : familyOrigin,
        birthDistrict: otherDistrictSometimes(random, district),
        registeredSince: bornHere ? birthRegistration(random, birth) : familyRegisteredSince,
        familyName: parentForName.familyName,
        ethnicity: parentForEthnicity.ethnicity,
        mother: motherIndex,
      }),
    );
  }
}

/** A Guangzhou resident family household: a head, perhaps a spouse, children, the head's parents. */
export function planResidentFamily(random: Random): UnitPlan {
  const district = random.weighted(RESIDENT_DISTRICTS);
  // About one registered resident in five was born elsewhere and settled (study, work, points, §4).
  const origin = random.chance(0.2) ? random.weighted(HOME_REGION_TABLE) : null;
  const headAge = ageIn(random, RESIDENT_HEAD_AGES);
  const single = random.chance(headAge < 35 ? 0.3 : headAge >= 70 ? 0.3 : 0.08);
  const headSex = sexOf(random, single ? (headAge >= 70 ? 0.35 : 0.5) : 0.8);
  const headBirth = birthForAge(random, headAge);
  const headSince = origin
    ? later(random, addYears(headBirth, 18), 0, Math.min(22, headAge - 18))
    : birthRegistration(random, headBirth);
  const members: MemberPlan[] = [
    person(random, {
      sex: headSex, birth: headBirth, relation: '户主', origin, birthDistrict: otherDistrictSometimes(random, district),
      registeredSince: headSince,
    }),
  ];
  const head = members[0]!;

  let spouse: MemberPlan | null = null;
  if (!single) {
    const gap = random.int(0, 5);
    const spouseAge = Math.min(100, Math.max(20, headAge + (headSex === 'male' ? -gap : gap)));
    const spouseBirth = birthForAge(random, spouseAge);
    const marriage = later(random, addYears(Math.max(headBirth, spouseBirth), 22), 0, 8);
    const spouseOrigin = origin
      ? random.chance(0.6) ? origin : null
      : random.chance(0.15) ? random.weighted(HOME_REGION_TABLE) : null;
    spouse = person(random, {
      sex: headSex === 'male' ? 'female' : 'male',
      birth: spouseBirth,
      relation: '配偶',
      origin: spouseOrigin,
      birthDistrict: otherDistrictSometimes(random, district),
      // Joining a spouse's hukou (夫妻投靠) happens at or after the marriage and the spouse's own settlement.
      registeredSince: spouseOrigin ? clampDay(Math.max(marriage, headSince), spouseBirth, REFERENCE_DAY) : birthRegistration(random, spouseBirth),
    });
    members.push(spouse);
  }

  const father = headSex === 'male' ? head : spouse;
  const motherIndex = headSex === 'female' ? 0 : spouse ? 1 : null;
  const parentBirth = motherIndex !== null ? members[motherIndex]!.birth : addYears(headBirth, 2);
  if (!single || (headAge >= 30 && headAge <= 55 && random.chance(0.4))) {
    addChildren(random, members, motherIndex, parentBirth, father, headSince, origin, district, random.weighted(CHILDREN));
  }

  // Three generations: the head's parents, who follow a settled child later (老人投靠子女).
  if (headAge >= 28 && headAge <= 55 && members.length < MAX_FAMILY && random.chance(0.15)) {
    const both = random.chance(0.6);
    const parents: Sex[] = both ? ['male', 'female'] : [random.chance(0.6) ? 'female' : 'male'];
    for (const sex of parents) {
      if (members.length >= MAX_FAMILY) break;
      const age = headAge + random.int(24, 34);
      if (age > 100) continue;
      const birth = birthForAge(random, age);
      members.push(
        person(random, {
          sex, birth, relation: sex === 'male' ? '父' : '母', origin,
          birthDistrict: otherDistrictSometimes(random, district),
          registeredSince: origin ? later(random, headSince, 2, 15) : birthRegistration(random, birth),
          familyName: sex === 'male' && headSex === 'male' ? head.familyName : undefined,
          ethnicity: sex === 'male' ? head.ethnicity : undefined,
        }),
      );
    }
  }

  const establishedOn = clampDay(Math.max(headSince, later(random, addYears(headBirth, 20), 0, 10)), headBirth, REFERENCE_DAY);
  return { kind: 'family', district, establishedOn, members };
}

/** An employer's collective household: graduates and staff whose hukou the employer holds. */
export function planCollective(random: Random): UnitPlan {
  const district = random.weighted(RESIDENT_DISTRICTS);
  const establishedOn = random.int(dayOf(1985, 1, 1), dayOf(2020, 12, 31));
  const members: MemberPlan[] = [];
  const size = random.int(3, 12);
  for (let i = 0; i < size; i++) {
    const age = random.int(21, 45);
    const birth = birthForAge(random, age);
    const origin = random.chance(0.7) ? random.weighted(HOME_REGION_TABLE) : null;
    const hired = clampDay(Math.max(establishedOn, later(random, addYears(birth, 21), 0, 8)), birth, REFERENCE_DAY);
    members.push(
      person(random, {
        sex: sexOf(random, 0.55), birth, relation: null, origin, birthDistrict: otherDistrictSometimes(random, district),
        registeredSince: origin ? hired : birthRegistration(random, birth),
      }),
    );
  }
  return { kind: 'collective', district, establishedOn, members };
}

/** A talent hire with no address of their own, registered in a district's public collective household (§5). */
export function planPublicCollective(random: Random): UnitPlan {
  const district = random.weighted(RESIDENT_DISTRICTS);
  const age = random.int(22, 45);
  const birth = birthForAge(random, age);
  const origin = random.chance(0.9) ? random.weighted(HOME_REGION_TABLE) : null;
  const registeredSince = clampDay(later(random, Math.max(PUBLIC_COLLECTIVE_FROM, addYears(birth, 22)), 0, 6), birth, REFERENCE_DAY);
  const member = person(random, {
    sex: sexOf(random, 0.55), birth, relation: null, origin, birthDistrict: district, registeredSince,
  });
  return { kind: 'public_collective', district, establishedOn: PUBLIC_COLLECTIVE_FROM, members: [member] };
}

/** Residence registration day of a migrant who came at 16 or later: most came in the last few years. */
function arrival(random: Random, birth: Day): Day {
  const earliest = Math.max(addYears(birth, 16), addYears(REFERENCE_DAY, -20));
  const span = REFERENCE_DAY - earliest;
  return span <= 0 ? REFERENCE_DAY : REFERENCE_DAY - Math.floor(span * Math.pow(random.next(), 1.6));
}

export function planMigrantWorker(random: Random): UnitPlan {
  const district = random.weighted(MIGRANT_DISTRICTS);
  const origin = random.weighted(HOME_REGION_TABLE);
  const birth = birthForAge(random, ageIn(random, MIGRANT_WORKER_AGES));
  const member = person(random, {
    sex: sexOf(random, 0.57), birth, relation: null, origin, birthDistrict: district, registeredSince: arrival(random, birth),
  });
  return { kind: 'migrant_single', district, establishedOn: member.registeredSince, members: [member] };
}

/**
 * A migrant couple with their children (and sometimes a grandparent who minds them). The children's
 * hukou stays in the home region even when they were born in Guangzhou.
 */
export function planMigrantFamily(random: Random): UnitPlan {
  const district = random.weighted(MIGRANT_DISTRICTS);
  const origin = random.weighted(HOME_REGION_TABLE);
  const husbandAge = ageIn(random, MIGRANT_PARENT_AGES);
  const husbandBirth = birthForAge(random, husbandAge);
  const wifeBirth = birthForAge(random, Math.max(22, husbandAge - random.int(0, 4)));
  const came = arrival(random, Math.max(husbandBirth, wifeBirth));
  const husband = person(random, {
    sex: 'male', birth: husbandBirth, relation: null, origin, birthDistrict: district, registeredSince: came,
  });
  const wife = person(random, {
    sex: 'female', birth: wifeBirth, relation: null, origin: random.chance(0.7) ? origin : random.weighted(HOME_REGION_TABLE),
    birthDistrict: district, registeredSince: later(random, came, 0, 1.5),
  });
  const members: MemberPlan[] = [husband, wife];
  let atAge = random.int(20, 30);
  const children = random.weighted(CHILDREN);
  for (let k = 0; k < children && members.length < 4; k++) {
    const birth = addYears(wifeBirth, atAge) + random.int(0, 364);
    atAge += random.int(2, 5);
    if (birth > REFERENCE_DAY || ageOn(birth, REFERENCE_DAY) >= 18) continue;
    const sex = sexOf(random, 0.54);
    members.push(
      person(random, {
        sex, birth, relation: null, origin, birthDistrict: district,
        registeredSince: clampDay(Math.max(birth, wife.registeredSince) + random.int(0, 90), birth, REFERENCE_DAY),
        familyName: husband.familyName, ethnicity: random.chance(0.5) ? husband.ethnicity : wife.ethnicity, mother: 1,
      }),
    );
  }
  if (members.length > 2 && random.chance(0.12)) {
    const age = Math.min(85, husbandAge + random.int(24, 32));
    const birth = birthForAge(random, age);
    const sex = sexOf(random, 0.35);
    members.push(
      person(random, {
        sex, birth, relation: null, origin, birthDistrict: district, registeredSince: later(random, came, 0, 8),
        familyName: sex === 'male' ? husband.familyName : undefined,
      }),
    );
  }
  return { kind: 'migrant_family', district, establishedOn: came, members };
}
