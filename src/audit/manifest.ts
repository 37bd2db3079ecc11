import { defineDepartment } from '../subgraphs/department-module.js';
import * as tables from './tables.js';
import { resolvers } from './resolvers/index.js';

/**
 * Not a department's slice: the access audit log, readable only through compliance purposes. The
 * gateway itself writes its table, so the module is the audit code's own folder.
 */
export default defineDepartment({
  manifestUrl: import.meta.url,
  name: 'audit',
  department: 'compliance',
  resolvers,
  rootFields: ['auditEvents', 'auditTotals', 'citizenAccessHistory', 'auditUnusualVolumes', 'auditChainVerification'],
  tables,
  mappers: { AuditEvent: './tables.js#AuditEventRow' },
  // An audit record lists the people a request read; reading the log is not reading their data.
  standsForPerson: { AuditEvent: null },
});
