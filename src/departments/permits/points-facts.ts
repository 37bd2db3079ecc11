import type { MigrantServicesPointsFacts } from '../../domain/points/indicators/migrant-services.js';
import type { SubgraphContext } from '../../subgraphs/context.js';
import { endorsementsOf, ownEndorsements, permitsOf } from './resolvers/loaders.js';
import { validUntilOf } from './validity.js';

/**
 * The residence-permit facts of one person for the points engine, from the bureau's own permits
 * and endorsements only. Each permit row is one unbroken period of holding (a lapsed permit taken
 * up again is a new row), which is what `ResidencePermitFact` asks for; oldest first, empty when
 * the bureau issued the person none. Reads go through the request's RowLoaders, so the facts of
 * 1000 people asked for together cost one statement per table.
 */
export async function pointsFactsOf(context: SubgraphContext, citizenId: string): Promise<MigrantServicesPointsFacts> {
  const [permits, endorsements] = await Promise.all([permitsOf(context.rows).load(citizenId), endorsementsOf(context.rows).load(citizenId)]);
  return {
    residencePermits: permits.map((permit) => ({
      issuedOn: permit.issuedOn,
      validUntil: validUntilOf(permit, ownEndorsements(permit, endorsements)),
      cancelledOn: permit.cancelledOn,
    })),
  };
}
