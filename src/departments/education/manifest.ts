import { defineDepartment, PERSON_REFERENCE } from '../../subgraphs/department-module.js';
import * as tables from './tables.js';
import { resolvers } from './resolvers/index.js';
import { demoData } from './demo-data.js';
import { pointsFactsOf } from './points-facts.js';
import { pointsSource } from '../../subgraphs/points/contribution.js';

/** Education Bureau (市教育局): education level, enrolments, migrant children's schooling. */
export default defineDepartment({
  manifestUrl: import.meta.url,
  name: 'education',
  department: 'education',
  resolvers,
  tables,
  mappers: { Person: PERSON_REFERENCE, EducationSlice: './tables.js#LearnerRow', Enrolment: './tables.js#EnrolmentRow' },
  demoData,
  // The education indicator, from the highest level held and when it was awarded.
  points: pointsSource('education', {
    factsOf: pointsFactsOf,
    inputs: [
      'EducationSlice.highestLevel',
      'EducationSlice.highestLevelAwardedOn',
    ],
  }),
});
