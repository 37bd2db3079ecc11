import { defineAssessment } from '../../subgraphs/department-module.js';

/**
 * Residence-permit points (§8 居住证积分), owned by migrant-services (DOMAIN.md): `Person.residencePoints`,
 * added up from every department's own indicators under the services rule set in force (rules/).
 */
export default defineAssessment({ manifestUrl: import.meta.url, name: 'points', department: 'migrant-services', kind: 'services' });
