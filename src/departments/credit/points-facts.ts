import type { DevelopmentReformPointsFacts } from '../../domain/points/indicators/development-reform.js';
import type { SubgraphContext } from '../../subgraphs/context.js';
import { isActive } from './records.js';
import { poorCreditRecordsOf } from './resolvers/loaders.js';

/**
 * The facts the points engine's poor-credit deduction reads (POINTS.md: −10 for each poor credit
 * record in the last 5 years), from this platform's own table only, through the request's
 * batched loader: a thousand people are one statement.
 *
 * Only records that still stand count. A record removed from the list (the judgment performed,
 * the listing period over, or the person's credit repaired, 信用修复) is no longer published and,
 * under the credit-repair rules, may no longer ground a disciplinary measure; a points deduction
 * for it would be one. The 5-year window is the engine's to apply, from `recordedOn`. So the facts
 * are the list as it stands when they are read: an assessment as of a past day would not see a
 * record that stood then and was removed since.
 */
export async function pointsFactsOf(context: SubgraphContext, citizenId: string): Promise<DevelopmentReformPointsFacts> {
  const records = await poorCreditRecordsOf(context.rows).load(citizenId);
  return { poorCreditRecords: records.filter(isActive).map(({ recordedOn }) => ({ recordedOn })) };
}
