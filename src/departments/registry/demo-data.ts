import { addMonths, addYears, ageOn, iso, REFERENCE_DAY, type Day } from '../../population/dates.js';
import { defineDemoData, type DemoRows } from '../../population/demo-data.js';
import { DISTRICT_BY_CODE } from '../../population/places.js';
import { PUBLIC_COLLECTIVE_FROM, publicCollectiveManager, type RegistrationStep } from '../../population/households.js';
import type { Individual } from '../../population/model.js';
import { Weighted, type Random } from '../../population/random.js';
import {
  actualResidence,
  administrativePenalty,
  criminalPunishment,
  familyLink,
  household,
  person,
  registration,
  registrationEvent,
} from './tables.js';

const TABLES = { person, household, registration, registrationEvent, familyLink, actualResidence, administrativePenalty, criminalPunishment };
type Rows = DemoRows<typeof TABLES>;
type PenaltyKind = (typeof administrativePenalty.kind.enumValues)[number];
type PunishmentKind = (typeof criminalPunishment.kind.enumValues)[number];

/** The identity core, the registration, its history and the family links of every person the generator places in a unit. */
export const demoData = defineDemoData({
  tables: TABLES,
  fill(unit, rows) {
    // §5: every district keeps a public collective household, whether or not anyone is in it yet.
    if (unit.firstOfPopulation) {
      for (const [districtCode, collective] of unit.city.publicCollectives) {
        rows.household.push({
          householdId: collective.householdId,
          kind: 'public_collective',
          districtCode,
          address: collective.address,
          headCitizenId: null,
          establishedOn: iso(PUBLIC_COLLECTIVE_FROM),
          collectiveLevel: 'district',
          managingOffice: publicCollectiveManager(DISTRICT_BY_CODE.get(districtCode)!, null).office,
        });
      }
    }
    const migrantUnit = unit.kind === 'migrant_single' || unit.kind === 'migrant_family';
    for (const who of unit.people) {
      rows.person.push({
        citizenId: who.citizenId,
        name: who.name,
        sex: who.sex,
        birthDate: iso(who.birth),
        ethnicity: who.ethnicity,
        historicalHukouType: who.historicalHukouType,
      });
      rows.registration.push({
        citizenId: who.citizenId,
        status: migrantUnit ? 'non_local' : 'guangzhou_resident',
        hukouRegionCode: migrantUnit ? who.origin!.code : unit.district.code,
        districtCode: unit.district.code,
        address: unit.household.address,
        registeredSince: iso(currentRegistrationSince(who.registrationHistory)),
        householdId: unit.household.id,
        relationCode: who.relationCode,
        householdMemberNo: unit.household.memberNo(who),
      });
      who.registrationHistory.forEach((step, seq) => rows.registrationEvent.push(eventRow(who.citizenId, seq + 1, step)));
      familyLinks(who, rows);
      if (who.actualResidence) {
        const { district, street, address, since, source } = who.actualResidence;
        rows.actualResidence.push({ citizenId: who.citizenId, districtCode: district.code, street, address, since: iso(since), source });
      }
      publicSecurityRecord(unit.random, who, rows);
    }
    writeHousehold(unit, rows);
  },
});

/** The current registration began with the last event that registered the person somewhere here. */
function currentRegistrationSince(history: readonly RegistrationStep[]): Day {
  return history.findLast((step) => step.kind !== 'move_out')!.on;
}

function eventRow(citizenId: string, seq: number, step: RegistrationStep): Rows['registrationEvent'][number] {
  const base = { citizenId, seq, kind: step.kind, occurredOn: iso(step.on) };
  switch (step.kind) {
    case 'birth':
    case 'residence_registration':
      return { ...base, toDistrictCode: step.to.code };
    case 'settlement':
      return { ...base, toDistrictCode: step.to.code, channel: step.channel, outsideRegionCode: step.region };
    case 'move':
      return { ...base, fromDistrictCode: step.from.code, toDistrictCode: step.to.code };
    case 'move_out':
      return { ...base, fromDistrictCode: step.from.code, outsideRegionCode: step.region };
  }
}

/**
 * A child's links to the parents and the guardian the record knows (those living in the same
 * unit): since birth for parents; for a guardian, since the child came to the guardian's household.
 */
function familyLinks(child: Individual, rows: Rows): void {
  const link = (parent: Individual | null, kind: 'father' | 'mother' | 'guardian', since: Day) => {
    if (parent) rows.familyLink.push({ parentCitizenId: parent.citizenId, childCitizenId: child.citizenId, kind, since: iso(since) });
  };
  link(child.father, 'father', child.birth);
  link(child.mother, 'mother', child.birth);
  link(child.guardian, 'guardian', currentRegistrationSince(child.registrationHistory));
}

function writeHousehold(unit: Parameters<typeof demoData.fill>[0], rows: Rows): void {
  const { plan } = unit;
  const first = unit.people[0];
  if (unit.household.id === null || !first) return;
  const base = {
    householdId: unit.household.id,
    kind: unit.kind as 'family' | 'collective' | 'public_collective',
    districtCode: unit.district.code,
    address: unit.household.address,
    establishedOn: iso(unit.establishedOn),
  };
  if (unit.kind === 'family') {
    rows.household.push({ ...base, headCitizenId: first.citizenId });
    return;
  }
  // A shared household is written once, with its first member; a district's public collective up front.
  if (unit.household.memberNo(first) !== 1 || (unit.kind === 'public_collective' && plan.manager!.level === 'district')) return;
  if (unit.kind === 'collective') {
    const holder = plan.holder!;
    rows.household.push({ ...base, headCitizenId: null, holdingUnitKind: holder.kind, holdingUnitName: holder.name, holdingUnitCreditCode: holder.creditCode });
  } else {
    rows.household.push({ ...base, headCitizenId: null, collectiveLevel: 'street', managingOffice: plan.manager!.office });
  }
}

const PENALTIES = new Weighted<PenaltyKind>([['warning', 30], ['fine', 50], ['detention', 20]]);
const PUNISHMENTS = new Weighted<PunishmentKind>([['fixed_term_imprisonment', 60], ['criminal_detention', 25], ['fine_only', 12], ['public_surveillance', 3]]);
// Months of a fixed-term sentence: most are three years or less.
const FIXED_TERMS = new Weighted<readonly [number, number]>([[[6, 12], 30], [[13, 36], 45], [[37, 84], 18], [[85, 180], 7]]);

const ageFactor = (age: number, young: number, old: number) => (age < 25 ? young : age < 45 ? 1 : age < 60 ? old : old / 3);

/**
 * Public-order penalties and criminal punishments: small, realistic shares. Public security
 * handles several million public-order cases a year nationally, for 1.1 billion adults, so a few
 * penalties a year per thousand adults, four men to a woman, the young more than the old; courts
 * sentence about 1.7 million people a year (Supreme People's Court work reports), nine men in ten:
 * about 1.5 per thousand adults a year. Penalties of the last 10 years and punishments of the last
 * 20 are kept.
 */
function publicSecurityRecord(random: Random, who: Individual, rows: Rows): void {
  const man = who.sex === 'male';
  let penalties = 0;
  for (let years = 10; years >= 1; years--) {
    const yearStart = addYears(REFERENCE_DAY, -years);
    const age = ageOn(who.birth, yearStart);
    if (age < 16) continue;
    if (random.chance((man ? 0.006 : 0.0015) * ageFactor(age, 1.5, 0.5))) {
      rows.administrativePenalty.push({ citizenId: who.citizenId, seq: ++penalties, kind: random.weighted(PENALTIES), decidedOn: iso(yearStart + random.int(0, 364)) });
    }
  }
  let punishments = 0;
  for (let years = 20; years >= 1; years--) {
    const yearStart = addYears(REFERENCE_DAY, -years);
    const age = ageOn(who.birth, yearStart);
    if (age < 18 || !random.chance((man ? 0.0026 : 0.0003) * ageFactor(age, 2, 0.4))) continue;
    const sentencedOn = yearStart + random.int(0, 364);
    const kind = random.weighted(PUNISHMENTS);
    const months =
      kind === 'fine_only' ? 0
      : kind === 'criminal_detention' ? random.int(1, 6)
      : kind === 'public_surveillance' ? random.int(3, 24)
      : random.int(...random.weighted(FIXED_TERMS));
    const completedOn = addMonths(sentencedOn, months);
    rows.criminalPunishment.push({
      citizenId: who.citizenId,
      seq: ++punishments,
      kind,
      sentencedOn: iso(sentencedOn),
      completedOn: completedOn > REFERENCE_DAY ? null : iso(completedOn),
    });
  }
}
