import type { EducationPointsFacts } from '../../domain/points/index.js';
import type { SubgraphContext } from '../../subgraphs/context.js';
import { learnerOf } from './resolvers/loaders.js';

/**
 * The education facts the points rules need (seed §8 文化程度): the highest level the learner
 * attained and the day it was awarded, read from the learner row alone through the request's
 * batched loader. No level (none, or a learner under 3 with no row) gives no attainment, and
 * neither does a level with no award date: the rules count a level held by the as-of date, and
 * an unknown date cannot show that.
 */
export async function pointsFactsOf(context: SubgraphContext, citizenId: string): Promise<EducationPointsFacts> {
  const learner = await learnerOf(context.rows).load(citizenId);
  if (!learner || learner.highestLevel === 'none' || learner.highestLevelAwardedOn === null) return { attainments: [] };
  return { attainments: [{ level: learner.highestLevel, awardedOn: learner.highestLevelAwardedOn }] };
}
