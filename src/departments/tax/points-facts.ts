import type { TaxPointsFacts } from '../../domain/points/indicators/tax.js';
import type { SubgraphContext } from '../../subgraphs/context.js';
import { annualReturnsOf, evasionFindingsOf } from './resolvers/loaders.js';

/**
 * What the Local Taxation Bureau gives the points engine about one person, from its own tables
 * only: the tax paid in each tax year, and its tax-evasion findings. Read through the request's
 * row loaders, so the facts of many people cost one statement per table. Empty lists when the
 * bureau holds nothing on the person.
 */
export async function pointsFactsOf(context: SubgraphContext, citizenId: string): Promise<TaxPointsFacts> {
  const [returns, findings] = await Promise.all([annualReturnsOf(context.rows).load(citizenId), evasionFindingsOf(context.rows).load(citizenId)]);
  return {
    annualReturns: returns.map((filed) => ({ taxYear: filed.year, taxPaidFen: filed.taxPaidFen })),
    evasionFindings: findings.map((finding) => ({ decidedOn: finding.decidedOn })),
  };
}
