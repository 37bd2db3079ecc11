import type { PoorCreditRecordRow } from './tables.js';

/**
 * Whether a record still stands. A removal date is written when the removal happens (the platform
 * records facts, it does not schedule them), so a record with one is off the list: the obligation
 * was performed, the listing period ended, or the person's credit was repaired (信用修复). Both the
 * derived yes/no and the points facts read "active" this one way.
 */
export const isActive = (record: Pick<PoorCreditRecordRow, 'removedOn'>): boolean => record.removedOn === null;
