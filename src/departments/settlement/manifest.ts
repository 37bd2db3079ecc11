import { defineAssessment } from '../../subgraphs/department-module.js';

/**
 * Points-based settlement eligibility (§4 积分制入户), led by development-reform with migrant-services,
 * HRSS and public security: `Person.settlementEligibility`, from every department's own conditions
 * and indicators under the settlement rule set in force (rules/).
 */
export default defineAssessment({ manifestUrl: import.meta.url, name: 'settlement', department: 'development-reform', kind: 'settlement' });
