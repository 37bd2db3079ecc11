import type { HousingPointsFacts } from '../../domain/points/index.js';
import type { SubgraphContext } from '../../subgraphs/context.js';
import { dwellingsOf, providentFundContributionsOf } from './resolvers/loaders.js';

/**
 * The housing facts the points rules need, read through the request's batched loaders: every home
 * on record with its tenure, district and dates (`until` is the last day lived there, null for the
 * current home), for legal stable housing and the move out of the central districts; and the
 * provident-fund contribution months as runs. Never an address, a floor area, a lease number, a
 * rent or an amount.
 */
export async function pointsFactsOf(context: SubgraphContext, citizenId: string): Promise<HousingPointsFacts> {
  const [dwellings, contributions] = await Promise.all([
    dwellingsOf(context.rows).load(citizenId),
    providentFundContributionsOf(context.rows).load(citizenId),
  ]);
  return {
    dwellings: dwellings.map(({ tenure, districtCode, since, until }) => ({ tenure, districtCode, since, until })),
    providentFund: contributions.map(({ fromMonth, toMonth }) => ({ fromMonth, toMonth })),
  };
}
