import { ageOn, REFERENCE_DAY, yearOf } from './dates.js';
import type { DemoCity, DemoUnit } from './demo-data.js';
import { EmployerPool } from './employers.js';
import {
  planCollective,
  planMigrantFamily,
  planMigrantWorker,
  planPublicCollective,
  planResidentFamily,
  type UnitPlan,
} from './households.js';
import { CitizenIdAllocator } from './identity.js';
import { NOT_WORKING, type Individual } from './model.js';
import { givenName } from './names.js';
import { birthRegistrationCode, DISTRICTS, streetAddress, type District } from './places.js';
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
  readonly publicCollectives: Map<string, { householdId: string; address: string; members: number }>;
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
        return [district.code, { householdId: `P-${district.code}-01`, address, members: 0 }];
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
    const plan = migrant ? planMigrant(random) : planResident(random);
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

function planResident(random: Random): UnitPlan {
  const draw = random.next();
  return draw < 0.012 ? planPublicCollective(random) : draw < 0.027 ? planCollective(random) : planResidentFamily(random);
}

/** Turns a unit's plan into people, then each department's rows for them; returns how many people it added. */
function addUnit(state: RunningState, random: Random, plan: UnitPlan, firstIndex: number, rows: PopulationRows, firstOfPopulation: boolean): number {
  const { district } = plan;
  const migrantUnit = plan.kind === 'migrant_single' || plan.kind === 'migrant_family';
  const household = householdFor(state, random, plan);
  // Before the reform a family's hukou type passed from parents to children, so it is drawn once per family.
  const agricultural = random.chance(district.agriculturalShare);

  const memberNos = new Map<Individual, number | null>();
  const people: Individual[] = plan.members.map((member, i) => {
    const addressCode = member.origin?.code ?? birthRegistrationCode(member.birthDistrict, member.birth, random);
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
      relation: member.relation,
      mother: null,
      profile: migrantUnit ? 'migrant' : plan.kind === 'public_collective' ? 'talent' : member.origin ? 'settler' : 'native',
      schooling: { level: null, student: false, careerStart: REFERENCE_DAY },
      work: NOT_WORKING,
    };
    memberNos.set(who, household.id === null ? null : household.nextMember());
    return who;
  });
  plan.members.forEach((member, i) => {
    if (member.mother !== null && member.mother < people.length) people[i]!.mother = people[member.mother]!;
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

interface HouseholdSlot {
  /** Null for migrants: their hukou household is in the home region, outside this record. */
  id: string | null;
  address: string;
  nextMember(): number;
}

function householdFor(state: RunningState, random: Random, plan: UnitPlan): HouseholdSlot {
  const { district } = plan;
  if (plan.kind === 'public_collective') {
    const shared = state.publicCollectives.get(district.code)!;
    return { id: shared.householdId, address: shared.address, nextMember: () => ++shared.members };
  }
  const address = streetAddress(district, random);
  let member = 0;
  const nextMember = () => ++member;
  if (plan.kind === 'family') return { id: familyId(district, ++state.familySerial), address, nextMember };
  if (plan.kind === 'collective') return { id: `C-${district.code}-${String(++state.collectiveSerial).padStart(6, '0')}`, address, nextMember };
  return { id: null, address, nextMember };
}

const familyId = (district: District, serial: number) => `F-${district.code}-${String(serial).padStart(8, '0')}`;
