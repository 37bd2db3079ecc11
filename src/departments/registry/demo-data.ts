import { iso, UNIFIED_REGISTRATION_DAY } from '../../population/dates.js';
import { defineDemoData } from '../../population/demo-data.js';
import { PUBLIC_COLLECTIVE_FROM } from '../../population/households.js';
import { household, person, registration } from './tables.js';

/** The identity core and the hukou registration of every person the generator places in a unit. */
export const demoData = defineDemoData({
  tables: { person, household, registration },
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
        });
      }
    }
    const migrantUnit = unit.kind === 'migrant_single' || unit.kind === 'migrant_family';
    for (const who of unit.people) {
      rows.person.push({ citizenId: who.citizenId, name: who.name, sex: who.sex, birthDate: iso(who.birth), ethnicity: who.ethnicity });
      const preReform = !migrantUnit && who.registeredSince < UNIFIED_REGISTRATION_DAY;
      rows.registration.push({
        citizenId: who.citizenId,
        status: migrantUnit ? 'non_local' : 'guangzhou_resident',
        hukouRegionCode: migrantUnit ? who.origin!.code : unit.district.code,
        historicalType: preReform ? (unit.agricultural && !who.origin ? 'agricultural' : 'non_agricultural') : null,
        districtCode: unit.district.code,
        address: unit.household.address,
        registeredSince: iso(who.registeredSince),
        householdId: unit.household.id,
        relationToHead: who.relation,
        householdMemberNo: unit.household.memberNo(who),
      });
    }
    if ((unit.kind === 'family' || unit.kind === 'collective') && unit.household.id !== null) {
      rows.household.push({
        householdId: unit.household.id,
        kind: unit.kind,
        districtCode: unit.district.code,
        address: unit.household.address,
        // §5: collective households have no head.
        headCitizenId: unit.kind === 'family' ? unit.people[0]!.citizenId : null,
        establishedOn: iso(unit.establishedOn),
      });
    }
  },
});
