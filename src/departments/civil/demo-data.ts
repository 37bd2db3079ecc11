import { defineDemoData } from '../../population/demo-data.js';
import { assistance } from './assistance.js';
import { careAndService } from './care.js';
import { marriages } from './marriages.js';
import { award, elderlyCare, lowIncomeFamily, marriage, subsistenceAllowance, volunteerHours } from './tables.js';

/**
 * After HRSS: the 低保 means test reads the work income and retirement its generator left on each
 * person (Individual.work). Marriages follow the household the registry's planner made.
 */
export const demoData = defineDemoData({
  tables: { marriage, subsistenceAllowance, lowIncomeFamily, elderlyCare, volunteerHours, award },
  after: ['hrss'],
  fill(unit, rows) {
    marriages(unit, rows.marriage);
    const assisted = assistance(unit, rows);
    careAndService(unit, assisted, rows);
  },
});
