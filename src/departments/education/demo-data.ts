import { defineDemoData } from '../../population/demo-data.js';
import { schooling, SCHOOLING_TABLES } from './schooling.js';

/** Schooling first: it decides when each person's working life can start. */
export const demoData = defineDemoData({
  tables: SCHOOLING_TABLES,
  fill(unit, rows) {
    const registeredToWork = unit.kind === 'public_collective' || (unit.kind === 'collective' && unit.plan.holder?.kind !== 'school');
    for (const who of unit.people) who.schooling = schooling(unit.random, who, rows, registeredToWork);
  },
});
