import { ageOn, REFERENCE_DAY, UNIFIED_REGISTRATION_DAY, yearOf, type Day } from './dates.js';
import type { DemoCity, DemoUnit } from './demo-data.js';
import { EmployerPool } from './employers.js';
import {
  districtOn,
  isMigrantUnit,
  planCollective,
  planMigrantFamily,
  planMigrantWorker,
  planPublicCollective,
  planResidentFamily,
  PUBLIC_COLLECTIVE_FROM,
  relationGroup,
  type HistoricalHukouType,
  type MemberPlan,
  type UnitPlan,
} from './households.js';
import { CitizenIdAllocator } from './identity.js';
import { NOT_WORKING, type Individual } from './model.js';
import { givenName } from './names.js';
import { addressCodeOn, DISTRICTS, FIRST_NUMBERING_DAY, streetAddress, type District } from './places.js';
import { populationModel, type PopulationModel, type PopulationRows } from './population-tables.js';
import type { DepartmentModule } from '../subgraphs/department-module.js';
import { Random } from './random.js';

/**
 * The synthetic population: people of Guangzhou with every department's slice, consistent with
 * each other and with age. Batches stream so a million people never sit in memory at once. A
 * batch depends only on (seed, batch index) and on running state carried from the batches before
 * it (issued ID sequences, household serials), so the same options always give the same rows, and
 * a population's first batches are the same whatever its total size.
 */
export interface PopulationOptions {
  persons: number;
  seed: number;
  /** People per batch; the output depends on it. */
  batchSize?: number;
  /** Whose demo data to generate: by default every module in src/departments. */
  modules?: readonly DepartmentModule[];
}

export interface PopulationBatch {
  index: number;
  /** Position of the batch's first person in the whole population. */
  firstPerson: number;
  persons: number;
  rows: PopulationRows;
}

export const DEFAULT_SEED = 2026;
/** The seed of `npm start`'s demo people, and of each subgraph service's share of them: every fresh checkout shows the same people. */
export const DEMO_SEED = 20141;
export const DEFAULT_BATCH_SIZE = 5_000;
/** Guangzhou's 2020 census counted 18.7 million residents, fewer than 10 million with a Guangzhou hukou. */
export const MIGRANT_SHARE = 0.4;

export class PopulationOptionsError extends Error {
  override name = 'PopulationOptionsError';
}

export function checkPopulationOptions({ persons, seed, batchSize = DEFAULT_BATCH_SIZE }: PopulationOptions): void {
  if (!Number.isInteger(persons) || persons < 0 || persons > 10_000_000) {
    throw new PopulationOptionsError(`persons must be a whole number from 0 to 10,000,000, got ${persons}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new PopulationOptionsError(`seed must be a whole number from 0 to 4294967295, got ${seed}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new PopulationOptionsError(`batchSize must be a positive whole number, got ${batchSize}`);
  }
}

/** What carries from one batch to the next. */
class RunningState {
  readonly ids: CitizenIdAllocator;
  readonly employers: EmployerPool;
  familySerial = 0;
  collectiveSerial = 0;
  /** §5: each district's own public collective household, by district code (the registry writes them all up front). */
  readonly publicCollectives: Map<string, SharedHousehold>;
  /** Households many units share, made when the first member arrives: streets' public collectives, each holder's collective. */
  readonly sharedHouseholds = new Map<string, SharedHousehold>();
  readonly city: DemoCity;

  constructor(
    readonly seed: number,
    readonly model: PopulationModel,
  ) {
    this.ids = new CitizenIdAllocator(seed);
    this.employers = new EmployerPool(seed);
    this.publicCollectives = new Map(
      DISTRICTS.map((district, i) => {
        const random = new Random(seed, 0x9c011, i);
        const address = `广州市${district.name}${random.pick(district.roads)}${random.int(1, 400)}号（${district.name}公共集体户）`;
        return [district.code, { householdId: `P-${district.code}-01`, address, establishedOn: PUBLIC_COLLECTIVE_FROM, members: 0 }];
      }),
    );
    this.city = { employers: this.employers, publicCollectives: this.publicCollectives };
  }
}

export function* generatePopulation(options: PopulationOptions): Generator<PopulationBatch, void, undefined> {
  for (const step of populationSteps(options)) if (step !== null) yield step;
}

/**
 * The same batches as `generatePopulation`, with a `null` after every household: a point where an
 * async caller can let I/O run. The loader uses it so a multi-megabyte batch statement is flushed to
 * Postgres while the next batch is built, instead of sitting in the socket until building ends.
 */
export function* populationSteps(options: PopulationOptions): Generator<PopulationBatch | null, void, undefined> {
  checkPopulationOptions(options);
  const { persons, seed, batchSize = DEFAULT_BATCH_SIZE } = options;
  const state = new RunningState(seed, populationModel(options.modules));
  for (let index = 0, first = 0; first < persons; index++) {
    const size = Math.min(batchSize, persons - first);
    yield* generateBatch(state, index, first, size);
    first += size;
  }
}

function* generateBatch(state: RunningState, index: number, firstPerson: number, persons: number): Generator<PopulationBatch | null> {
  const random = new Random(state.seed, index);
  const rows = state.model.emptyRows();
  let made = 0;
  let migrants = 0;
  while (made < persons) {
    // Holding the migrant share at every step keeps it right for any batch, however small.
    const migrant = migrants < MIGRANT_SHARE * (made + 1);
    const plan = migrant ? planMigrant(random) : planResident(random, state.employers);
    plan.members.length = Math.min(plan.members.length, persons - made);
    const members = addUnit(state, random, plan, firstPerson + made, rows, index === 0 && made === 0);
    made += members;
    if (migrant) migrants += members;
    yield null;
  }
  yield { index, firstPerson, persons, rows };
}

function planMigrant(random: Random): UnitPlan {
  return random.chance(0.65) ? planMigrantWorker(random) : planMigrantFamily(random);
}

/**
 * About 1% of registered residents in public collective households (§5's fallback; an estimate) and
 * about 8% in unit collective households: Guangzhou's universities alone teach over a million
 * students, many with their hukou in the school's collective household, besides employers' and
 * talent centres' (an estimate; the city publishes no count).
 */
function planResident(random: Random, employers: EmployerPool): UnitPlan {
  const draw = random.next();
  return draw < 0.03 ? planPublicCollective(random) : draw < 0.065 ? planCollective(random, employers) : planResidentFamily(random);
}

/** Turns a unit's plan into people, then each department's rows for them; returns how many people it added. */
function addUnit(state: RunningState, random: Random, plan: UnitPlan, firstIndex: number, rows: PopulationRows, firstOfPopulation: boolean): number {
  const { district } = plan;
  const migrantUnit = isMigrantUnit(plan.kind);
  const household = householdFor(state, random, plan);
  // Before the reform a family's hukou type passed from parents to children, so it is drawn once per family.
  const agricultural = random.chance(district.agriculturalShare);

  const memberNos = new Map<Individual, number | null>();
  const people: Individual[] = plan.members.map((member, i) => {
    const addressCode = member.origin?.code ?? guangzhouAddressCode(member, plan, random);
    const { citizenId, birth } = state.ids.allocate(addressCode, member.birth, member.sex);
    const who: Individual = {
      index: firstIndex + i,
      citizenId,
      name: member.familyName + givenName(random, member.sex, yearOf(birth)),
      ethnicity: member.ethnicity,
      sex: member.sex,
      birth,
      age: ageOn(birth, REFERENCE_DAY),
      migrant: migrantUnit,
      origin: member.origin,
      district,
      registeredSince: member.registeredSince,
      relation: member.relation === null ? null : relationGroup(member.relation),
      relationCode: member.relation,
      mother: null,
      father: null,
      guardian: null,
      registrationHistory: member.history,
      historicalHukouType: migrantUnit ? null : historicalHukouType(member, agricultural),
      actualResidence: member.residence,
      profile: migrantUnit ? 'migrant' : !member.origin ? 'native' : plan.kind === 'public_collective' ? 'talent' : 'settler',
      schooling: { level: null, student: false, careerStart: REFERENCE_DAY },
      work: NOT_WORKING,
    };
    memberNos.set(who, household.id === null ? null : household.nextMember());
    return who;
  });
  // A unit cut short at the end of a batch keeps only the links to members it still has.
  const inUnit = (index: number | null) => (index !== null && index < people.length ? people[index]! : null);
  plan.members.forEach((member, i) => {
    people[i]!.mother = inUnit(member.mother);
    people[i]!.father = inUnit(member.father);
    people[i]!.guardian = inUnit(member.guardian);
  });

  const unit: DemoUnit = {
    plan,
    kind: plan.kind,
    district,
    establishedOn: plan.establishedOn,
    household: { id: household.id, address: household.address, memberNo: (who) => memberNos.get(who) ?? null },
    people,
    random,
    city: state.city,
    agricultural,
    childrenOf: (mother) => people.filter((p) => p.mother === mother),
    firstOfPopulation,
  };
  for (const { demoData } of state.model.demo) demoData.fill(unit, rows);
  return people.length;
}

/**
 * The address code of someone first registered in Guangzhou (GB 11643): that of the county they
 * were registered in when they were given their number, as it was then (a retired code stays in
 * the number for life). Numbers were given at birth registration, and to people registered before
 * 1985 when the identity card regulations came.
 */
function guangzhouAddressCode(member: MemberPlan, plan: UnitPlan, random: Random): string {
  const numberedOn = Math.max(member.history[0]!.on, FIRST_NUMBERING_DAY);
  const district = districtOn(member.history, numberedOn) ?? firstDistrict(member);
  return addressCodeOn(district, numberedOn, district === plan.district ? plan.area : random.next());
}

const firstDistrict = (member: MemberPlan): District => {
  const first = member.history[0]!;
  return first.kind === 'move_out' ? first.from : first.to;
};

/**
 * The pre-reform hukou type (§6) of someone first registered here before the unified registration:
 * the family's for people born here, non-agricultural for settlers (their channels all led to a
 * non-agricultural hukou) except relatives who joined a rural family. Kept per person: a later move
 * never changes it.
 */
function historicalHukouType(member: MemberPlan, agricultural: boolean): HistoricalHukouType | null {
  const first = member.history[0]!;
  if (first.on >= UNIFIED_REGISTRATION_DAY) return null;
  if (first.kind === 'birth') return agricultural ? 'agricultural' : 'non_agricultural';
  return first.kind === 'settlement' && first.channel === 'family_reunion' && agricultural ? 'agricultural' : 'non_agricultural';
}

interface HouseholdSlot {
  /** Null for migrants: their hukou household is in the home region, outside this record. */
  id: string | null;
  address: string;
  nextMember(): number;
}

interface SharedHousehold {
  householdId: string;
  address: string;
  establishedOn: Day;
  members: number;
}

function householdFor(state: RunningState, random: Random, plan: UnitPlan): HouseholdSlot {
  const { district } = plan;
  const shared = sharedHousehold(state, random, plan);
  if (shared) {
    // Every unit drawn for a shared household joins it as it is: its number, address and date.
    plan.establishedOn = shared.establishedOn;
    return { id: shared.householdId, address: shared.address, nextMember: () => ++shared.members };
  }
  const address = streetAddress(district, random);
  let member = 0;
  const nextMember = () => ++member;
  if (plan.kind === 'family') return { id: familyId(district, ++state.familySerial), address, nextMember };
  return { id: null, address, nextMember };
}

function sharedHousehold(state: RunningState, random: Random, plan: UnitPlan): SharedHousehold | null {
  const { district } = plan;
  if (plan.kind === 'public_collective' && plan.manager!.street === null) return state.publicCollectives.get(district.code)!;
  const key = plan.kind === 'public_collective' ? `street:${district.code}:${plan.manager!.street}` : plan.kind === 'collective' ? plan.holder!.key : null;
  if (key === null) return null;
  let shared = state.sharedHouseholds.get(key);
  if (!shared) {
    const street = plan.manager?.street;
    const householdId = street
      ? `P-${district.code}-S${String(district.streets.indexOf(street) + 1).padStart(2, '0')}`
      : `C-${district.code}-${String(++state.collectiveSerial).padStart(6, '0')}`;
    const address = street
      ? `广州市${district.name}${street}${random.pick(district.roads)}${random.int(1, 400)}号（${street}公共集体户）`
      : `${streetAddress(district, random).replace(/\d+房$/u, '')}（${plan.holder!.name}集体户）`;
    shared = { householdId, address, establishedOn: plan.establishedOn, members: 0 };
    state.sharedHouseholds.set(key, shared);
  }
  return shared;
}

const familyId = (district: District, serial: number) => `F-${district.code}-${String(serial).padStart(8, '0')}`;
