import { defineDepartment, PERSON_REFERENCE } from '../../subgraphs/department-module.js';
import * as tables from './tables.js';
import { resolvers } from './resolvers/index.js';
import { demoData } from './demo-data.js';
import { pointsFactsOf } from './points-facts.js';
import { pointsSource } from '../../subgraphs/points/contribution.js';

/** Civil Affairs Bureau (市民政局): marriages, 低保 and low-income families, elderly care, volunteering, awards. */
export default defineDepartment({
  manifestUrl: import.meta.url,
  name: 'civil',
  department: 'civil-affairs',
  resolvers,
  tables,
  mappers: {
    Person: PERSON_REFERENCE,
    CivilAffairsSlice: PERSON_REFERENCE,
    Marriage: './tables.js#MarriageRow',
    SubsistenceAllowanceCase: './tables.js#SubsistenceAllowanceRow',
    LowIncomeFamilyDetermination: './tables.js#LowIncomeFamilyRow',
    ElderlyCare: './tables.js#ElderlyCareRow',
    VolunteeringYear: './tables.js#VolunteerHoursRow',
    Award: './tables.js#AwardRow',
  },
  // A marriage's dates and how it ended are the spouse's record as much as the person's.
  standsForPerson: { Marriage: 'spouseCitizenId' },
  demoData,
  // The volunteering indicator (hours per year) and the awards indicator.
  points: pointsSource('civil-affairs', {
    factsOf: pointsFactsOf,
    inputs: [
      'CivilAffairsSlice.volunteering',
      'CivilAffairsSlice.awards',
      'VolunteeringYear.year',
      'VolunteeringYear.hours',
      'Award.level',
      'Award.awardedOn',
    ],
  }),
});
