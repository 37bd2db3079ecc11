import { defineDepartment, PERSON_REFERENCE } from '../../subgraphs/department-module.js';
import * as tables from './tables.js';
import { resolvers } from './resolvers/index.js';
import { demoData } from './demo-data.js';
import { pointsFactsOf } from './points-facts.js';
import { pointsSource } from '../../subgraphs/points/contribution.js';

/** Human Resources and Social Security Bureau (市人力资源和社会保障局): employment, social insurance, titles, skills, vouchers. */
export default defineDepartment({
  manifestUrl: import.meta.url,
  name: 'hrss',
  department: 'hrss',
  resolvers,
  tables,
  mappers: {
    Person: PERSON_REFERENCE,
    SocialSecuritySlice: PERSON_REFERENCE,
    Employment: './tables.js#EmploymentRow',
    InsuranceContribution: './months.js#InsuranceTotals',
    ContributionPeriod: './tables.js#ContributionPeriodRow',
    ProfessionalTitle: './tables.js#ProfessionalTitleRow',
    SkillCertificate: './tables.js#SkillCertificateRow',
    TrainingVoucher: './tables.js#TrainingVoucherRow',
  },
  demoData,
  // Insurance years paid here, skills and titles, employer and job flags, and the employment and insurance conditions.
  points: pointsSource('hrss', {
    factsOf: pointsFactsOf,
    inputs: [
      'SocialSecuritySlice.currentEmployment',
      'SocialSecuritySlice.employments',
      'SocialSecuritySlice.insuranceContributions',
      'SocialSecuritySlice.contributionPeriods',
      'SocialSecuritySlice.professionalTitles',
      'SocialSecuritySlice.skillCertificates',
      'Employment.since',
      'Employment.until',
      'Employment.highTechEmployer',
      'Employment.neededOccupation',
      'Employment.frontlineHardSector',
      'InsuranceContribution.months',
      'InsuranceContribution.monthsPaidInGuangzhou',
      'InsuranceContribution.monthsTransferredIn',
      'InsuranceContribution.monthsBackPaid',
      'ContributionPeriod.fromMonth',
      'ContributionPeriod.toMonth',
      'ContributionPeriod.origin',
      'ProfessionalTitle.level',
      'ProfessionalTitle.awardedOn',
      'SkillCertificate.level',
      'SkillCertificate.issuedOn',
    ],
  }),
});
