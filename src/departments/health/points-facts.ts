import type { HealthPointsFacts } from '../../domain/points/index.js';
import type { SubgraphContext } from '../../subgraphs/context.js';
import { healthListsOf } from './resolvers/loaders.js';

/**
 * The health facts the points rules need: the dates of the person's blood donations, earliest
 * first, read through the request's batched loader. Only the dates leave: not the volume, and
 * nothing else of the health record (no diagnosis, PIPL Art. 28) is ever read for points.
 */
export async function pointsFactsOf(context: SubgraphContext, citizenId: string): Promise<HealthPointsFacts> {
  const donations = await healthListsOf.bloodDonations(context.rows).load(citizenId);
  return { bloodDonations: donations.map(({ donatedOn }) => ({ donatedOn })) };
}
