import type { CivilAffairsPointsFacts } from '../../domain/points/indicators/civil-affairs.js';
import type { AwardLevel } from '../../domain/points/vocabulary.js';
import type { SubgraphContext } from '../../subgraphs/context.js';
import type { awardLevel } from './tables.js';
import { awardsOf, volunteerHoursOf } from './resolvers/loaders.js';

/** Stored award levels ↔ the points vocabulary (POINTS.md: national · provincial · city · city agency or district). */
const AWARD_LEVEL: Record<(typeof awardLevel.enumValues)[number], AwardLevel> = {
  national: 'national',
  provincial: 'provincial',
  city: 'city',
  city_agency_or_district: 'city-agency-or-district',
};

/**
 * What the points engine needs from civil affairs for one person: registered volunteering hours per
 * calendar year and awards, from the bureau's own tables only. Read through the request's row
 * loaders, so the facts of 1000 people cost one statement per table; empty lists when the bureau
 * holds nothing on the person.
 */
export async function pointsFactsOf(context: SubgraphContext, citizenId: string): Promise<CivilAffairsPointsFacts> {
  const [hours, awards] = await Promise.all([volunteerHoursOf(context.rows).load(citizenId), awardsOf(context.rows).load(citizenId)]);
  return {
    volunteerHours: hours.map(({ year, hours }) => ({ year, hours })),
    awards: awards.map(({ level, awardedOn }) => ({ level: AWARD_LEVEL[level], awardedOn })),
  };
}
