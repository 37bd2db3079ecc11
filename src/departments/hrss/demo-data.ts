import { defineDemoData } from '../../population/demo-data.js';
import { WORK_TABLES, work } from './work.js';

/** Work comes after schooling, which decides when a career can start. */
export const demoData = defineDemoData({
  tables: WORK_TABLES,
  after: ['education'],
  fill(unit, rows) {
    for (const who of unit.people) {
      const youngMother = who.sex === 'female' && unit.childrenOf(who).some((child) => child.age < 3);
      who.work = work(unit.random, who, unit.city.employers, rows, youngMother);
    }
  },
});
