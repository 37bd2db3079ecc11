import { addYears, ageOn, clampDay, dayOf, REFERENCE_DAY, yearOf, type Day } from './dates.js';
import type { EmployerPool } from './employers.js';
import type { Sex } from './identity.js';
import { familyName, type NameStock } from './names.js';
import {
  DISTRICTS,
  GUANGZHOU_ETHNICITIES,
  HOME_REGION_TABLE,
  homeInStreet,
  MIGRANT_DISTRICTS,
  RESIDENT_DISTRICTS,
  UNIVERSITY_REGIONS,
  type District,
  type HomeRegion,
} from './places.js';
import { hashString, Random, Weighted } from './random.js';

/**
 * Who lives together. A unit is a hukou household (a family; a unit collective household held by
 * an employer, a school or a talent exchange centre; or a district's or street's public collective
 * household, §5) for Guangzhou residents, or a migrant worker alone or with family. Ages inside a
 * unit are drawn from each other (parents 20–38 years older than their children), so the city's age
 * pyramid comes out of the mix of units rather than being drawn person by person. Each member
 * carries the registration events that brought them to the household (§3, §6, §9), so ID address
 * codes, registration dates and the pre-reform hukou type all follow from one history.
 */
export type UnitKind = 'family' | 'collective' | 'public_collective' | 'migrant_single' | 'migrant_family';

/**
 * GB/T 4761-2008 family relationship codes the generator gives (the registry's family-relations
 * module holds the whole table with its labels): 02 head; 11 husband, 12 wife; 21 only son, 22–26
 * eldest to fifth son, 29 other son, 28 son-in-law; 31–36, 39 the same for daughters, 38
 * daughter-in-law; 41–44 grandchildren through a son or a daughter; 51–56 parents and parents-in-law;
 * 71–77 siblings; 93–96 nephews and nieces; 99 not related.
 */
export type RelationCode =
  | '02'
  | '11' | '12'
  | '21' | '22' | '23' | '24' | '25' | '26' | '28' | '29'
  | '31' | '32' | '33' | '34' | '35' | '36' | '38' | '39'
  | '41' | '42' | '43' | '44'
  | '51' | '52' | '53' | '54' | '55' | '56'
  | '71' | '73' | '75' | '77'
  | '93' | '94' | '95' | '96'
  | '99';

/** The group of a relation (the standard's one-digit code), parents and parents-in-law told apart by sex. */
export type Relation = '户主' | '配偶' | '子' | '女' | '孙子女' | '父' | '母' | '兄弟姐妹' | '其他';

export function relationGroup(code: RelationCode): Relation {
  switch (code[0]) {
    case '0':
      return '户主';
    case '1':
      return '配偶';
    case '2':
      return '子';
    case '3':
      return '女';
    case '4':
      return '孙子女';
    case '5':
      return code === '51' || code === '53' || code === '55' ? '父' : '母';
    case '7':
      return '兄弟姐妹';
    default:
      return '其他';
  }
}

export type HistoricalHukouType = 'agricultural' | 'non_agricultural';

/** How someone born elsewhere came to hold a Guangzhou hukou (§3, §4). */
export type SettlementChannel = 'points' | 'talent' | 'family_reunion' | 'transfer' | 'study' | 'employment';

/** One registration event in Guangzhou: `to`/`from` are districts here, `region` a place outside (GB/T 2260). */
export type RegistrationStep =
  | { kind: 'birth'; on: Day; to: District }
  | { kind: 'settlement'; on: Day; to: District; channel: SettlementChannel; region: string }
  | { kind: 'residence_registration'; on: Day; to: District }
  | { kind: 'move'; on: Day; from: District; to: District }
  | { kind: 'move_out'; on: Day; from: District; region: string };

/** Who told the registry where a person actually lives. */
export type ResidenceSource = 'community_collection' | 'rental_registration' | 'self_declared';

/** Where someone actually lives when it is not where they are registered (人户分离). */
export interface ActualResidence {
  district: District;
  street: string;
  address: string;
  since: Day;
  source: ResidenceSource;
}

/** Who holds a unit collective household (单位集体户). */
export interface HoldingUnit {
  kind: 'employer' | 'school' | 'talent_market';
  /** Tells holders apart: one collective household per holder. */
  key: string;
  name: string;
  /** GB 32100 unified social credit code, kept for employers only. */
  creditCode: string | null;
  district: District;
  /** When the holder's collective household was set up. */
  since: Day;
}

/** The office that manages a public collective household (§5: the districts, with dedicated staff). */
export interface CollectiveManager {
  level: 'district' | 'street';
  office: string;
  street: string | null;
}

export interface MemberPlan {
  sex: Sex;
  birth: Day;
  familyName: string;
  nameStock: NameStock;
  ethnicity: string;
  /** GB/T 4761 relation to the head; null in collective households (which have no head, §5) and for migrants. */
  relation: RelationCode | null;
  /** Null for people whose first registration was in Guangzhou; otherwise where their hukou was first registered. */
  origin: HomeRegion | null;
  /** Every registration event here, oldest first: the first is birth, settlement or residence registration. */
  history: RegistrationStep[];
  /**
   * Start of the first registration here: birth or settlement for residents, residence
   * registration (居住登记) for migrants. The first event's date.
   */
  registeredSince: Day;
  /** Indexes in the unit of the person's parents and other guardian, when they live with them. */
  mother: number | null;
  father: number | null;
  guardian: number | null;
  residence: ActualResidence | null;
}

export interface UnitPlan {
  kind: UnitKind;
  district: District;
  /** When the hukou household was set up; migrants' units are not hukou households. */
  establishedOn: Day;
  members: MemberPlan[];
  /** Where in its district the unit's address lies (0–1), for the retired address codes of births registered there. */
  area: number;
  /** The holder of a unit collective household. */
  holder: HoldingUnit | null;
  /** The managing office of a public collective household. */
  manager: CollectiveManager | null;
}

/** Three generations with an unmarried sibling and a nephew reach 10; more are not seen in one hukou book. */
const MAX_FAMILY = 10;

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
const GRANDCHILDREN = new Weighted([[1, 55], [2, 40], [3, 5]] as const);
// Students in a school's collective household: undergraduates, then fewer postgraduates.
const STUDENT_AGES = bands([[19, 22, 80], [23, 26, 20]]);

/** §5 public collective households opened with the reform's implementation; the streets' followed. */
export const PUBLIC_COLLECTIVE_FROM = dayOf(2015, 7, 1);
const STREET_COLLECTIVES_FROM = dayOf(2017, 1, 1);

/** The hukou registration regulation (户口登记条例) took effect on 9 January 1958: nobody is registered earlier. */
const HUKOU_REGULATION_DAY = dayOf(1958, 1, 9);

/** Registration of a baby born into a Guangzhou household: within a month of birth. */
const birthRegistration = (random: Random, birth: Day): Day =>
  clampDay(Math.max(birth + random.int(3, 30), HUKOU_REGULATION_DAY + random.int(0, 700)), birth, REFERENCE_DAY);

const otherDistrictSometimes = (random: Random, district: District, share = 0.2): District =>
  random.chance(share) ? random.pick(DISTRICTS) : district;

const born = (on: Day, to: District): RegistrationStep => ({ kind: 'birth', on, to });
const settled = (on: Day, to: District, channel: SettlementChannel, region: string): RegistrationStep => ({ kind: 'settlement', on, to, channel, region });
const moved = (on: Day, from: District, to: District): RegistrationStep => ({ kind: 'move', on, from, to });

/** A native's history: born in `birthDistrict`, then into the household in `district` on `joined` (when later). */
function nativeHistory(random: Random, birth: Day, birthDistrict: District, district: District, joined: Day | null): RegistrationStep[] {
  const registered = birthRegistration(random, birth);
  const history = [born(registered, birthDistrict)];
  if (joined !== null && joined > registered) history.push(moved(Math.min(joined, REFERENCE_DAY), birthDistrict, district));
  // Registered at birth in another district and in this household's from the start: the move is the day after.
  else if (birthDistrict.code !== district.code) history.push(moved(Math.min(registered + 1, REFERENCE_DAY), birthDistrict, district));
  return history;
}

/** The district someone is registered in on `day`, by their history; null before the first event or while away. */
export function districtOn(history: readonly RegistrationStep[], day: Day): District | null {
  let district: District | null = null;
  for (const step of history) {
    if (step.on > day) break;
    district = step.kind === 'move_out' ? null : step.to;
  }
  return district;
}

/**
 * Some natives who went to university elsewhere moved their hukou with them (高校集体户) and
 * brought it back on taking a job here (毕业生就业落户): a move out at 18 and a settlement at 22–23.
 * About a third of a cohort studies at university, a third of them outside Guangdong's capital, and
 * about half of those move the hukou; most come back (an estimate: 6% of natives born since 1975).
 */
function sometimesStudiedAway(random: Random, history: RegistrationStep[], birth: Day): void {
  if (birth < dayOf(1975, 1, 1) || !random.chance(0.06)) return;
  const out = addYears(birth, 18) + random.int(200, 250);
  const back = addYears(birth, 22) + random.int(180, 420);
  if (back > REFERENCE_DAY || history.some((step) => step.on >= out - 30 && step.on <= back + 30)) return;
  const from = districtOn(history, out);
  if (from === null) return;
  const region = random.pick(UNIVERSITY_REGIONS).code;
  const at = history.findIndex((step) => step.on > back);
  const steps: RegistrationStep[] = [
    { kind: 'move_out', on: out, from, region },
    settled(back, from, 'employment', region),
  ];
  history.splice(at === -1 ? history.length : at, 0, ...steps);
}

/**
 * The settlement channel of a settler arriving in `year` (§3): job transfers and state job
 * assignment before the 1990s, then study and graduate employment, talent schemes from the 2000s,
 * and points-based settlement (积分制入户) since Guangdong introduced it in 2010.
 */
function settlementChannel(random: Random, year: number): SettlementChannel {
  const table: Array<[SettlementChannel, number]> =
    year < 1995 ? [['transfer', 40], ['employment', 40], ['study', 20]]
    : year < 2010 ? [['study', 35], ['employment', 30], ['talent', 20], ['transfer', 15]]
    : [['points', 35], ['talent', 30], ['study', 20], ['employment', 15]];
  return random.weighted(new Weighted(table));
}

function member(
  random: Random,
  fields: Pick<MemberPlan, 'sex' | 'birth' | 'relation' | 'origin' | 'history'> &
    Partial<Pick<MemberPlan, 'familyName' | 'ethnicity' | 'mother' | 'father' | 'guardian'>>,
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
    history: fields.history,
    registeredSince: fields.history[0]!.on,
    mother: fields.mother ?? null,
    father: fields.father ?? null,
    guardian: fields.guardian ?? null,
    residence: null,
  };
}

/** Where a family has been registered: first (birth or settlement) district, then its own household. */
interface FamilyTimeline {
  district: District;
  firstDistrict: District;
  /** The head's first registration here. */
  headFirst: Day;
  /** The household at this address, which the head joined then. */
  establishedOn: Day;
  origin: HomeRegion | null;
}

/**
 * A child of the family's history: born after the household was set up, the birth is registered in
 * its district; born before, in the district the family was registered in then, and the child moved
 * with the family; born before the family settled at all, the hukou came along when the household
 * was set up (随迁), from the family's home region.
 */
function childHistory(random: Random, birth: Day, family: FamilyTimeline): { origin: HomeRegion | null; history: RegistrationStep[] } {
  const registered = birthRegistration(random, birth);
  if (registered >= family.establishedOn) {
    return { origin: null, history: [born(registered, family.district)] };
  }
  if (registered >= family.headFirst || family.origin === null) {
    return { origin: null, history: [born(registered, family.firstDistrict), moved(family.establishedOn, family.firstDistrict, family.district)] };
  }
  return { origin: family.origin, history: [settled(family.establishedOn, family.district, 'family_reunion', family.origin.code)] };
}

const SONS: readonly RelationCode[] = ['22', '23', '24', '25', '26'];
const DAUGHTERS: readonly RelationCode[] = ['32', '33', '34', '35', '36'];

/** Relation codes by birth order among the same sex: 独生子/女 for a mother's only child, 长子, 次子 … otherwise. */
function childCodes(children: ReadonlyArray<{ sex: Sex }>): RelationCode[] {
  if (children.length === 1) return [children[0]!.sex === 'male' ? '21' : '31'];
  let sons = 0;
  let daughters = 0;
  return children.map((child) => (child.sex === 'male' ? (SONS[sons++] ?? '29') : (DAUGHTERS[daughters++] ?? '39')));
}

/** The births of a mother's children (all of them, whether they still live with her), oldest first. */
function drawChildren(random: Random, motherBirth: Day, count: number, earliest = 0): Array<{ birth: Day; sex: Sex }> {
  const children: Array<{ birth: Day; sex: Sex }> = [];
  let birth = Math.max(addYears(motherBirth, random.int(22, 33)) + random.int(0, 364), earliest);
  for (let k = 0; k < count && birth <= REFERENCE_DAY; k++) {
    children.push({ birth, sex: sexOf(random, 0.53) });
    birth = addYears(birth, random.int(2, 6)) + random.int(0, 364);
  }
  return children;
}

/** Whether a grown child still has their hukou in the parents' household. */
const staysAt = (age: number) => (age < 18 ? 1 : age < 25 ? 0.75 : age < 35 ? 0.3 : 0.05);

/**
 * A Guangzhou resident family household: a head, perhaps a spouse, children; sometimes three
 * generations (the head's parents or parents-in-law who came to live with them, or a married child
 * with spouse and grandchildren in the parents' household), an unmarried sibling, a nephew or niece
 * in the head's care, or someone unrelated.
 */
export function planResidentFamily(random: Random): UnitPlan {
  const district = random.weighted(RESIDENT_DISTRICTS);
  const area = random.next();
  // About one registered resident in five was born elsewhere and settled (study, work, points, §4).
  const origin = random.chance(0.2) ? random.weighted(HOME_REGION_TABLE) : null;
  const headAge = ageIn(random, RESIDENT_HEAD_AGES);
  const single = random.chance(headAge < 35 ? 0.3 : headAge >= 70 ? 0.3 : 0.08);
  const headSex = sexOf(random, single ? (headAge >= 70 ? 0.35 : 0.5) : 0.8);
  const headBirth = birthForAge(random, headAge);

  let firstDistrict = otherDistrictSometimes(random, district);
  let headFirst: Day;
  let channel: SettlementChannel | null = null;
  if (origin) {
    const arrived = later(random, addYears(headBirth, 18), 0, Math.min(22, headAge - 18));
    channel = settlementChannel(random, yearOf(arrived));
    headFirst = channel === 'study' ? Math.min(REFERENCE_DAY, addYears(headBirth, 18) + random.int(200, 250)) : arrived;
  } else {
    headFirst = birthRegistration(random, headBirth);
  }
  // Points, talent and transfer settlers often register straight into a home of their own.
  const settledHome = channel === 'points' || channel === 'talent' || channel === 'transfer' ? random.chance(0.5) : false;
  const establishedOn = settledHome
    ? headFirst
    : clampDay(Math.max(headFirst, later(random, addYears(headBirth, 20), 0, 10)), headBirth, REFERENCE_DAY);
  if (establishedOn === headFirst) firstDistrict = district;
  const family: FamilyTimeline = { district, firstDistrict, headFirst, establishedOn, origin };

  const headHistory = origin ? [settled(headFirst, firstDistrict, channel!, origin.code)] : [born(headFirst, firstDistrict)];
  if (establishedOn > headFirst) headHistory.push(moved(establishedOn, firstDistrict, district));
  if (!origin) sometimesStudiedAway(random, headHistory, headBirth);
  const members: MemberPlan[] = [member(random, { sex: headSex, birth: headBirth, relation: '02', origin, history: headHistory })];
  const head = members[0]!;

  let spouseIndex: number | null = null;
  if (!single) {
    const gap = random.int(0, 5);
    const spouseAge = Math.min(100, Math.max(20, headAge + (headSex === 'male' ? -gap : gap)));
    const spouseBirth = birthForAge(random, spouseAge);
    const marriage = later(random, addYears(Math.max(headBirth, spouseBirth), 22), 0, 8);
    const spouseOrigin = origin
      ? random.chance(0.6) ? origin : null
      : random.chance(0.15) ? random.weighted(HOME_REGION_TABLE) : null;
    // Joining a spouse's hukou (夫妻投靠) happens at or after the marriage and the household's setting up.
    const joined = clampDay(Math.max(marriage, establishedOn), spouseBirth, REFERENCE_DAY);
    const history = spouseOrigin
      ? [settled(joined, district, 'family_reunion', spouseOrigin.code)]
      : nativeHistory(random, spouseBirth, otherDistrictSometimes(random, district, 0.4), district, joined);
    spouseIndex = members.length;
    members.push(
      member(random, { sex: headSex === 'male' ? 'female' : 'male', birth: spouseBirth, relation: headSex === 'male' ? '12' : '11', origin: spouseOrigin, history }),
    );
  }

  const fatherIndex = headSex === 'male' ? 0 : spouseIndex;
  const motherIndex = headSex === 'female' ? 0 : spouseIndex;
  const motherBirth = motherIndex !== null ? members[motherIndex]!.birth : addYears(headBirth, 2);
  const children = !single || (headAge >= 30 && headAge <= 55 && random.chance(0.4)) ? drawChildren(random, motherBirth, random.weighted(CHILDREN)) : [];
  const codes = childCodes(children);

  // Three generations down: a married child with spouse and children still in the parents' household.
  const adults = children.map((c, i) => [c, i] as const).filter(([c]) => ageOn(c.birth, REFERENCE_DAY) >= 24 && ageOn(c.birth, REFERENCE_DAY) <= 50);
  const marriedChildStays = !single && headAge >= 50 && adults.length > 0 && random.chance(headAge < 60 ? 0.12 : 0.2);
  const marriedChild = marriedChildStays ? (adults.find(([c]) => c.sex === 'male' && random.chance(0.75)) ?? adults[0]!)[1] : null;

  const childIndex = new Map<number, number>();
  children.forEach((child, k) => {
    if (members.length >= MAX_FAMILY) return;
    if (k !== marriedChild && !random.chance(staysAt(ageOn(child.birth, REFERENCE_DAY)))) return;
    const mother = motherIndex === null ? null : members[motherIndex]!;
    const father = fatherIndex === null ? null : members[fatherIndex]!;
    const parentForName = father && (random.chance(0.95) || !mother) ? father : (mother ?? head);
    const parentForEthnicity = mother && random.chance(0.5) ? mother : (father ?? head);
    const { origin: childOrigin, history } = childHistory(random, child.birth, family);
    if (!childOrigin) sometimesStudiedAway(random, history, child.birth);
    childIndex.set(k, members.length);
    members.push(
      member(random, {
        sex: child.sex, birth: child.birth, relation: codes[k]!, origin: childOrigin, history,
        familyName: parentForName.familyName, ethnicity: parentForEthnicity.ethnicity, mother: motherIndex, father: fatherIndex,
      }),
    );
  });

  const youngFamily: number[] = [];
  if (marriedChild !== null && childIndex.has(marriedChild)) {
    youngFamily.push(childIndex.get(marriedChild)!, ...addMarriedChildFamily(random, members, childIndex.get(marriedChild)!, family));
  } else if (headAge >= 50 && headAge <= 80 && random.chance(0.04)) {
    addGrandchildInCare(random, members, family);
  }

  // Three generations up: the head's or the spouse's parents, who came to live with them later (老人投靠子女).
  if (headAge >= 28 && headAge <= 60 && members.length < MAX_FAMILY && random.chance(0.15)) {
    const inLaws = spouseIndex !== null && random.chance(0.3);
    addParents(random, members, inLaws ? spouseIndex! : 0, inLaws, family);
  }

  // An unmarried brother or sister of a native head, registered where they grew up together.
  if (!origin && members.length < MAX_FAMILY && random.chance(0.03)) addSibling(random, members, family);
  // A nephew or niece in the head's care, or someone unrelated registered at the address (挂靠).
  if (members.length < MAX_FAMILY && random.chance(0.015)) addNonFamily(random, members, family, random.chance(0.6));

  const plan: UnitPlan = { kind: 'family', district, establishedOn, members, area, holder: null, manager: null };
  planResidences(random, plan, youngFamily);
  return plan;
}

/** The married child's spouse (儿媳 or 女婿) and their children (孙子女 or 外孙子女); returns where they were put. */
function addMarriedChildFamily(random: Random, members: MemberPlan[], childAt: number, family: FamilyTimeline): number[] {
  const child = members[childAt]!;
  const son = child.sex === 'male';
  const spouseBirth = birthForAge(random, Math.max(22, ageOn(child.birth, REFERENCE_DAY) + (son ? -random.int(0, 4) : random.int(0, 4))));
  const marriage = later(random, addYears(Math.max(child.birth, spouseBirth), 23), 0, 8);
  const spouseOrigin = random.chance(0.15) ? random.weighted(HOME_REGION_TABLE) : null;
  const joined = clampDay(Math.max(marriage, family.establishedOn), spouseBirth, REFERENCE_DAY);
  const spouseAt = members.length;
  members.push(
    member(random, {
      sex: son ? 'female' : 'male', birth: spouseBirth, relation: son ? '38' : '28', origin: spouseOrigin,
      history: spouseOrigin
        ? [settled(joined, family.district, 'family_reunion', spouseOrigin.code)]
        : nativeHistory(random, spouseBirth, otherDistrictSometimes(random, family.district, 0.5), family.district, joined),
    }),
  );
  const added = [spouseAt];
  const motherAt = son ? spouseAt : childAt;
  const fatherAt = son ? childAt : spouseAt;
  const father = members[fatherAt]!;
  for (const grandchild of drawChildren(random, members[motherAt]!.birth, random.weighted(GRANDCHILDREN), marriage + random.int(280, 900))) {
    if (members.length >= MAX_FAMILY) break;
    const code: RelationCode = son ? (grandchild.sex === 'male' ? '41' : '42') : grandchild.sex === 'male' ? '43' : '44';
    added.push(members.length);
    members.push(
      member(random, {
        sex: grandchild.sex, birth: grandchild.birth, relation: code, origin: null,
        history: [born(birthRegistration(random, grandchild.birth), family.district)],
        familyName: father.familyName, ethnicity: random.chance(0.5) ? father.ethnicity : members[motherAt]!.ethnicity,
        mother: motherAt, father: fatherAt,
      }),
    );
  }
  return added;
}

/**
 * A grandchild registered with grandparents whose parents live and are registered elsewhere (often
 * for a school place, 学区): the head cares for the child, as a guardian entrusted by the parents.
 */
function addGrandchildInCare(random: Random, members: MemberPlan[], family: FamilyTimeline): void {
  const head = members[0]!;
  const age = random.int(3, 15);
  const birth = birthForAge(random, age);
  const sex = sexOf(random, 0.53);
  const throughSon = random.chance(0.7);
  members.push(
    member(random, {
      sex, birth, relation: throughSon ? (sex === 'male' ? '41' : '42') : sex === 'male' ? '43' : '44', origin: null,
      history: nativeHistory(random, birth, otherDistrictSometimes(random, family.district, 0.5), family.district, later(random, addYears(birth, 1), 0, Math.min(age - 1, 5))),
      familyName: throughSon && head.sex === 'male' ? head.familyName : undefined,
      ethnicity: head.ethnicity, guardian: 0,
    }),
  );
}

/** Parents (51, 52) of the head, or parents-in-law (公公 53, 婆婆 54 of a woman head; 岳父 55, 岳母 56 of a man) through the spouse. */
function addParents(random: Random, members: MemberPlan[], childAt: number, inLaws: boolean, family: FamilyTimeline): void {
  const child = members[childAt]!;
  const headIsMan = members[0]!.sex === 'male';
  const childAge = ageOn(child.birth, REFERENCE_DAY);
  const both = random.chance(0.6);
  const sexes: Sex[] = both ? ['male', 'female'] : [random.chance(0.6) ? 'female' : 'male'];
  for (const sex of sexes) {
    if (members.length >= MAX_FAMILY) break;
    const age = childAge + random.int(24, 34);
    if (age > 100) continue;
    const birth = birthForAge(random, age);
    const code: RelationCode = !inLaws ? (sex === 'male' ? '51' : '52') : headIsMan ? (sex === 'male' ? '55' : '56') : sex === 'male' ? '53' : '54';
    const joined = later(random, Math.max(family.establishedOn, child.registeredSince), 1, 15);
    members.push(
      member(random, {
        sex, birth, relation: code, origin: child.origin,
        history: child.origin
          ? [settled(joined, family.district, 'family_reunion', child.origin.code)]
          : nativeHistory(random, birth, otherDistrictSometimes(random, family.district, 0.3), family.district, joined),
        familyName: sex === 'male' ? child.familyName : undefined,
        ethnicity: sex === 'male' ? child.ethnicity : undefined,
      }),
    );
    if (sex === 'male') child.father = members.length - 1;
    else child.mother = members.length - 1;
  }
}

function addSibling(random: Random, members: MemberPlan[], family: FamilyTimeline): void {
  const head = members[0]!;
  const headAge = ageOn(head.birth, REFERENCE_DAY);
  const age = Math.max(18, headAge + random.int(-8, 8));
  if (age === headAge || age > 95) return;
  const birth = birthForAge(random, age);
  const sex = sexOf(random, 0.5);
  const older = age > headAge;
  const parents = members.filter((m) => m.relation === '51' || m.relation === '52').map((m) => members.indexOf(m));
  members.push(
    member(random, {
      sex, birth, relation: sex === 'male' ? (older ? '71' : '73') : older ? '75' : '77', origin: null,
      history: nativeHistory(random, birth, family.firstDistrict, family.district, family.establishedOn),
      familyName: head.familyName, ethnicity: head.ethnicity,
      father: parents.find((i) => members[i]!.sex === 'male') ?? null,
      mother: parents.find((i) => members[i]!.sex === 'female') ?? null,
    }),
  );
}

/** A nephew or niece (93–96) under 18 in the head's care, or an unrelated adult (99). */
function addNonFamily(random: Random, members: MemberPlan[], family: FamilyTimeline, relative: boolean): void {
  const head = members[0]!;
  const age = relative ? random.int(6, 17) : random.int(20, 70);
  const birth = birthForAge(random, age);
  const sex = sexOf(random, 0.5);
  const throughBrother = random.chance(0.5);
  const code: RelationCode = !relative ? '99' : throughBrother ? (sex === 'male' ? '93' : '94') : sex === 'male' ? '95' : '96';
  const joined = later(random, Math.max(family.establishedOn, addYears(birth, relative ? 1 : 18)), 0, relative ? age - 1 : 20);
  members.push(
    member(random, {
      sex, birth, relation: code, origin: null,
      history: nativeHistory(random, birth, otherDistrictSometimes(random, family.district, 0.5), family.district, joined),
      familyName: relative && throughBrother && head.sex === 'male' ? head.familyName : undefined,
      guardian: relative ? 0 : null,
    }),
  );
}

/** Universities whose students' hukou may move into the school's collective household (高校集体户), by campus district. */
const SCHOOLS: ReadonlyArray<[name: string, district: string]> = [
  ['中山大学', '440105'], ['华南理工大学', '440106'], ['暨南大学', '440106'], ['华南师范大学', '440106'],
  ['华南农业大学', '440106'], ['广东技术师范大学', '440106'], ['广州体育学院', '440106'], ['广州大学', '440113'],
  ['广东工业大学', '440113'], ['广州中医药大学', '440113'], ['广州番禺职业技术学院', '440113'], ['广东外语外贸大学', '440111'],
  ['南方医科大学', '440111'], ['广东财经大学', '440105'], ['仲恺农业工程学院', '440105'], ['广东轻工职业技术学院', '440105'],
];
const HOLDER_KINDS = new Weighted<HoldingUnit['kind']>([['employer', 50], ['school', 35], ['talent_market', 15]]);
const byCode = (code: string) => DISTRICTS.find((d) => d.code === code)!;

/** When a holder's collective household was set up: derived from the holder alone, so every unit sharing it agrees. */
function holderSince(key: string, earliest: Day, latest: Day): Day {
  return earliest + (hashString(key) % (latest - earliest + 1));
}

function holdingUnit(random: Random, employers: EmployerPool): HoldingUnit {
  const kind = random.weighted(HOLDER_KINDS);
  if (kind === 'school') {
    const [name, code] = random.pick(SCHOOLS);
    return { kind, key: `school:${name}`, name, creditCode: null, district: byCode(code), since: dayOf(1985, 9, 6) };
  }
  if (kind === 'talent_market') {
    const district = random.weighted(RESIDENT_DISTRICTS);
    const name = `广州市${district.name}人才服务中心`;
    return { kind, key: `talent:${district.code}`, name, creditCode: null, district, since: dayOf(1995, 1, 1) };
  }
  const employer = employers.pick(random, random.weighted(RESIDENT_DISTRICTS), 'bachelor');
  // Companies registered since the 2015 credit-code reform carry an organisation code beginning "MA".
  const [earliest, latest] = employer.creditCode.slice(8, 10) === 'MA' ? [dayOf(2015, 10, 1), dayOf(2022, 12, 31)] : [dayOf(1985, 1, 1), dayOf(2014, 12, 31)];
  const key = `employer:${employer.creditCode}`;
  return { kind, key, name: employer.name, creditCode: employer.creditCode, district: employer.district, since: holderSince(key, earliest, latest) };
}

const EMPLOYER_CHANNELS = new Weighted<SettlementChannel | 'study_then_job'>([['employment', 50], ['talent', 25], ['transfer', 10], ['study_then_job', 15]]);
const TALENT_CENTRE_CHANNELS = new Weighted<SettlementChannel | 'study_then_job'>([['talent', 50], ['employment', 30], ['study_then_job', 20]]);

/**
 * A unit collective household (单位集体户): the holder keeps the hukou of its students (a school),
 * its staff (an employer) or of graduates and talent hires with no employer to hold it (a talent
 * exchange centre). One household per holder, shared by every unit drawn for it.
 */
export function planCollective(random: Random, employers: EmployerPool): UnitPlan {
  const holder = holdingUnit(random, employers);
  const district = holder.district;
  const members: MemberPlan[] = [];
  const size = random.int(3, 12);
  for (let i = 0; i < size; i++) {
    const student = holder.kind === 'school';
    const age = student ? ageIn(random, STUDENT_AGES) : holder.kind === 'talent_market' ? random.int(22, 40) : random.int(21, 45);
    const birth = birthForAge(random, age);
    const origin = random.chance(student ? 0.85 : holder.kind === 'talent_market' ? 0.9 : 0.7) ? random.weighted(HOME_REGION_TABLE) : null;
    const enrolled = clampDay(Math.max(holder.since, addYears(birth, 18) + random.int(200, 250)), birth, REFERENCE_DAY);
    const joined = student ? enrolled : clampDay(Math.max(holder.since, later(random, addYears(birth, 21), 0, 8)), birth, REFERENCE_DAY);
    let history: RegistrationStep[];
    if (!origin) {
      history = nativeHistory(random, birth, otherDistrictSometimes(random, district, 0.7), district, joined);
    } else if (student) {
      history = [settled(enrolled, district, 'study', origin.code)];
    } else {
      const channel = random.weighted(holder.kind === 'talent_market' ? TALENT_CENTRE_CHANNELS : EMPLOYER_CHANNELS);
      if (channel === 'study_then_job') {
        const [, schoolDistrict] = random.pick(SCHOOLS);
        const studied = Math.min(addYears(birth, 18) + random.int(200, 250), joined - 1);
        history = [settled(studied, byCode(schoolDistrict), 'study', origin.code), moved(joined, byCode(schoolDistrict), district)];
      } else {
        history = [settled(joined, district, channel, origin.code)];
      }
    }
    members.push(member(random, { sex: sexOf(random, 0.55), birth, relation: null, origin, history }));
  }
  const plan: UnitPlan = { kind: 'collective', district, establishedOn: holder.since, members, area: random.next(), holder, manager: null };
  planResidences(random, plan);
  return plan;
}

/** The office managing a district's or a street's public collective household. */
export function publicCollectiveManager(district: District, street: string | null): CollectiveManager {
  if (street === null) return { level: 'district', office: `广州市${district.name}人民政府`, street: null };
  return { level: 'street', office: street.endsWith('街') ? `${district.name}${street}道办事处` : `${district.name}${street}人民政府`, street };
}

/**
 * Someone with no address of their own registered in a public collective household (§5): talent
 * hires and points settlers without a home, and natives who lost their registration address (兜底).
 * Most are in the district's household; some streets keep one of their own.
 */
export function planPublicCollective(random: Random): UnitPlan {
  const district = random.weighted(RESIDENT_DISTRICTS);
  const street = random.chance(0.35) ? district.streets[random.int(0, 2)]! : null;
  const manager = publicCollectiveManager(district, street);
  const age = random.int(22, 45);
  const birth = birthForAge(random, age);
  const origin = random.chance(0.8) ? random.weighted(HOME_REGION_TABLE) : null;
  const opened = street === null ? PUBLIC_COLLECTIVE_FROM : STREET_COLLECTIVES_FROM;
  const joined = clampDay(later(random, Math.max(opened, addYears(birth, 22)), 0, 6), birth, REFERENCE_DAY);
  const history = origin
    ? [settled(joined, district, random.chance(0.55) ? 'talent' : 'points', origin.code)]
    : nativeHistory(random, birth, otherDistrictSometimes(random, district, 0.3), district, joined);
  const one = member(random, { sex: sexOf(random, 0.55), birth, relation: null, origin, history });
  const plan: UnitPlan = { kind: 'public_collective', district, establishedOn: opened, members: [one], area: random.next(), holder: null, manager };
  planResidences(random, plan);
  return plan;
}

/** Residence registration day of a migrant who came at 16 or later: most came in the last few years. */
function arrival(random: Random, birth: Day): Day {
  const earliest = Math.max(addYears(birth, 16), addYears(REFERENCE_DAY, -20));
  const span = REFERENCE_DAY - earliest;
  return span <= 0 ? REFERENCE_DAY : REFERENCE_DAY - Math.floor(span * Math.pow(random.next(), 1.6));
}

const residenceRegistration = (on: Day, to: District): RegistrationStep[] => [{ kind: 'residence_registration', on, to }];

export function planMigrantWorker(random: Random): UnitPlan {
  const district = random.weighted(MIGRANT_DISTRICTS);
  const origin = random.weighted(HOME_REGION_TABLE);
  const birth = birthForAge(random, ageIn(random, MIGRANT_WORKER_AGES));
  const one = member(random, { sex: sexOf(random, 0.57), birth, relation: null, origin, history: residenceRegistration(arrival(random, birth), district) });
  return { kind: 'migrant_single', district, establishedOn: one.registeredSince, members: [one], area: random.next(), holder: null, manager: null };
}

/**
 * A migrant couple with their children (and sometimes a grandparent who minds them). The children's
 * hukou stays in the home region even when they were born in Guangzhou; the family links are kept
 * all the same, so schools can find a migrant child's parents (§11.1).
 */
export function planMigrantFamily(random: Random): UnitPlan {
  const district = random.weighted(MIGRANT_DISTRICTS);
  const origin = random.weighted(HOME_REGION_TABLE);
  const husbandAge = ageIn(random, MIGRANT_PARENT_AGES);
  const husbandBirth = birthForAge(random, husbandAge);
  const wifeBirth = birthForAge(random, Math.max(22, husbandAge - random.int(0, 4)));
  const came = arrival(random, Math.max(husbandBirth, wifeBirth));
  const husband = member(random, { sex: 'male', birth: husbandBirth, relation: null, origin, history: residenceRegistration(came, district) });
  const wifeOrigin = random.chance(0.7) ? origin : random.weighted(HOME_REGION_TABLE);
  const wife = member(random, {
    sex: 'female', birth: wifeBirth, relation: null, origin: wifeOrigin, history: residenceRegistration(later(random, came, 0, 1.5), district),
  });
  const members: MemberPlan[] = [husband, wife];
  let atAge = random.int(20, 30);
  const children = random.weighted(CHILDREN);
  for (let k = 0; k < children && members.length < 4; k++) {
    const birth = addYears(wifeBirth, atAge) + random.int(0, 364);
    atAge += random.int(2, 5);
    if (birth > REFERENCE_DAY || ageOn(birth, REFERENCE_DAY) >= 18) continue;
    const sex = sexOf(random, 0.54);
    const registered = clampDay(Math.max(birth, wife.registeredSince) + random.int(0, 90), birth, REFERENCE_DAY);
    members.push(
      member(random, {
        sex, birth, relation: null, origin, history: residenceRegistration(registered, district),
        familyName: husband.familyName, ethnicity: random.chance(0.5) ? husband.ethnicity : wife.ethnicity, mother: 1, father: 0,
      }),
    );
  }
  if (members.length > 2 && random.chance(0.12)) {
    const age = Math.min(85, husbandAge + random.int(24, 32));
    const birth = birthForAge(random, age);
    const sex = sexOf(random, 0.35);
    // The husband's father or mother, or the wife's mother.
    const ofWife = sex === 'female' && random.chance(0.4);
    const grandparent = member(random, {
      sex, birth, relation: null, origin: ofWife ? wifeOrigin : origin, history: residenceRegistration(later(random, came, 0, 8), district),
      familyName: sex === 'male' ? husband.familyName : undefined,
    });
    members.push(grandparent);
    const child = ofWife ? wife : husband;
    if (sex === 'male') child.father = members.length - 1;
    else child.mother = members.length - 1;
  }
  return { kind: 'migrant_family', district, establishedOn: came, members, area: random.next(), holder: null, manager: null };
}

const RESIDENCE_SOURCES = new Weighted<ResidenceSource>([['community_collection', 55], ['rental_registration', 30], ['self_declared', 15]]);

/**
 * Where members live when it is not their registration address (人户分离). Guangzhou's 2020 census
 * (bulletin no. 6) counted 2,144,082 people living away from the street of their Guangzhou hukou,
 * of about 9.3 million registered residents living in the city (18,676,605 residents less 9,378,825
 * migrants): 23%. The census does not split that by district; we put 60% in another district. A
 * public collective household is an address only, so its members always live elsewhere; so do
 * those of a talent centre's; employees often rent near work; students live at school. In a family,
 * the whole household may live elsewhere (a flat bought in another district, the hukou left at the
 * old address for the school place), or the married child's family, or a grown child alone.
 */
function planResidences(random: Random, plan: UnitPlan, youngFamily: readonly number[] = []): void {
  const { members } = plan;
  const away = (indexes: readonly number[], sinceFrom: Day) => {
    if (indexes.length === 0) return;
    const district = random.chance(0.4) ? plan.district : otherDistrict(random, plan.district);
    const { street, address } = homeInStreet(district, random);
    const source = random.weighted(RESIDENCE_SOURCES);
    const since = later(random, sinceFrom, 0, 15);
    for (const i of indexes) {
      const who = members[i]!;
      who.residence = { district, street, address, since: clampDay(Math.max(since, who.history.at(-1)!.on), who.birth, REFERENCE_DAY), source };
    }
  };
  if (plan.kind === 'public_collective') {
    members.forEach((who, i) => away([i], who.history.at(-1)!.on));
  } else if (plan.kind === 'collective') {
    const share = plan.holder!.kind === 'talent_market' ? 1 : plan.holder!.kind === 'employer' ? 0.4 : 0.1;
    members.forEach((who, i) => {
      if (random.chance(share)) away([i], who.history.at(-1)!.on);
    });
  } else if (plan.kind === 'family') {
    if (random.chance(0.18)) {
      away(members.map((_, i) => i), plan.establishedOn);
      return;
    }
    if (youngFamily.length > 1 && random.chance(0.35)) away(youngFamily, plan.establishedOn);
    members.forEach((who, i) => {
      const age = ageOn(who.birth, REFERENCE_DAY);
      const grownChild = /^[23][1-69]$/.test(who.relation ?? '');
      if (who.residence === null && grownChild && age >= 22 && age <= 40 && !youngFamily.includes(i) && random.chance(0.2)) away([i], addYears(who.birth, 22));
    });
  }
}

function otherDistrict(random: Random, district: District): District {
  for (let tries = 0; tries < 8; tries++) {
    const other = random.weighted(RESIDENT_DISTRICTS);
    if (other !== district) return other;
  }
  return DISTRICTS[(DISTRICTS.indexOf(district) + 1) % DISTRICTS.length]!;
}

/** Migrants' units: registered for residence here, their hukou household held in the home region. */
export const isMigrantUnit = (kind: UnitKind): boolean => kind === 'migrant_single' || kind === 'migrant_family';
