import { defineDepartment, PERSON_REFERENCE } from '../../subgraphs/department-module.js';
import * as tables from './tables.js';
import { resolvers } from './resolvers/index.js';
import { demoData } from './demo-data.js';
import { pointsFactsOf } from './points-facts.js';
import { pointsSource } from '../../subgraphs/points/contribution.js';

/** Health and Family Planning Commission (市卫生计生委): community health, conditions, vaccinations, family planning, blood donations. */
export default defineDepartment({
  manifestUrl: import.meta.url,
  name: 'health',
  department: 'health',
  resolvers,
  tables,
  mappers: {
    Person: PERSON_REFERENCE,
    HealthSlice: './tables.js#HealthRecordRow',
    ChronicConditionDiagnosis: './tables.js#ConditionRow',
    Vaccination: './tables.js#VaccinationRow',
    FamilyPlanningService: './tables.js#FamilyPlanningRow',
    BloodDonation: './tables.js#BloodDonationRow',
  },
  demoData,
  // The blood-donation indicator, from the donation dates alone (no diagnosis ever leaves).
  points: pointsSource('health', {
    factsOf: pointsFactsOf,
    inputs: [
      'HealthSlice.bloodDonations',
      'BloodDonation.donatedOn',
      'BloodDonation.volumeMl',
    ],
  }),
});
