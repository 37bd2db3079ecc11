import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { personIdFields, SUBGRAPHS } from '../../src/subgraphs/catalog.js';
import { checkPersonTypes } from '../../src/subgraphs/person-types.js';

/**
 * A module declares which of its types stand for a person (`standsForPerson` in its manifest), so the
 * audit records the people an answer describes; a type holding a citizen ID that is not declared
 * fails the module's definition, so a new department cannot forget one.
 */
const sdl = parse(`
  type Person { citizenId: CitizenId! pets: [Pet!] }
  type Pet { name: String ownerCitizenId: CitizenId vetCitizenIds: [CitizenId!] }
  type Visit { on: String }
`);

describe('a module declares the types that stand for a person', () => {
  it('refuses a type holding a citizen ID that is not declared', () => {
    expect(() => checkPersonTypes('zoo', sdl, {})).toThrow(/zoo: Pet holds a citizen ID \(ownerCitizenId, vetCitizenIds\) but is not in `standsForPerson`/);
  });

  it('accepts the type declared by its ID field, or as standing for no one person', () => {
    expect(() => checkPersonTypes('zoo', sdl, { Pet: 'ownerCitizenId' })).not.toThrow();
    expect(() => checkPersonTypes('zoo', sdl, { Pet: null })).not.toThrow();
  });

  it('refuses a declaration its schema does not bear out', () => {
    expect(() => checkPersonTypes('zoo', sdl, { Pet: 'name' })).toThrow(/Pet\.name is declared as the ID of the person Pet stands for, but it is not a \(single\) CitizenId field/);
    expect(() => checkPersonTypes('zoo', sdl, { Pet: 'vetCitizenIds' })).toThrow(/not a \(single\) CitizenId field/);
    expect(() => checkPersonTypes('zoo', sdl, { Pet: null, Visit: null })).toThrow(/Visit is declared .* but the module's schema gives it no CitizenId field/);
    expect(() => checkPersonTypes('zoo', sdl, { Pet: null, Person: 'citizenId' })).toThrow(/Person stands for its person by its key/);
  });

  it('the city: household members, parents and guardians, spouses and the people assessed, besides Person', () => {
    expect(Object.fromEntries(personIdFields(SUBGRAPHS))).toEqual({
      Person: 'citizenId',
      HouseholdMember: 'citizenId',
      FamilyLink: 'parentCitizenId',
      Marriage: 'spouseCitizenId',
      ResidencePointsAssessment: 'citizenId',
      SettlementEligibility: 'citizenId',
    });
  });

  it('two modules may not say one type stands for different people', () => {
    const modules = [
      { ...SUBGRAPHS[0]!, name: 'a', standsForPerson: { Pet: 'ownerCitizenId' } },
      { ...SUBGRAPHS[0]!, name: 'b', standsForPerson: { Pet: 'keeperCitizenId' } },
    ];
    expect(() => personIdFields(modules)).toThrow(/b says Pet stands for the person of Pet\.keeperCitizenId; another module says Pet\.ownerCitizenId/);
  });
});
