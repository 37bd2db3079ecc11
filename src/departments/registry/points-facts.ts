import type { SubgraphContext } from '../../subgraphs/context.js';
import type { PublicSecurityPointsFacts } from '../../domain/points/indicators/public-security.js';
import { administrativePenaltiesOf, criminalPunishmentsOf, personById } from './resolvers/loaders.js';
import type { AdministrativePenaltyRow, CriminalPunishmentRow, PersonRow } from './tables.js';

/**
 * What the points rules take from public security (POINTS.md): the birth date for the age indicator
 * and the settlement age condition, public-order penalties for the deduction, criminal punishments
 * for the "none in the last 5 years" condition. Read only from the registry's own tables, each
 * through its batched loader, so the facts of 1000 people cost one statement per table (and none
 * more when the same request already read them). `null` for a person the registry does not know,
 * or, for a caller whose grant is limited to a district, one registered elsewhere: then nothing
 * else about them is read.
 */
export async function pointsFactsOf(context: Pick<SubgraphContext, 'rows' | 'caller'>, citizenId: string): Promise<PublicSecurityPointsFacts | null> {
  const { rows } = context;
  const records = () => Promise.all([administrativePenaltiesOf(rows).load(citizenId), criminalPunishmentsOf(rows).load(citizenId)]);
  let person: PersonRow | null;
  let penalties: AdministrativePenaltyRow[];
  let punishments: CriminalPunishmentRow[];
  if (context.caller?.rowScope) {
    // The records only once the person is known to be in the caller's district.
    person = await personById(context).load(citizenId);
    if (!person) return null;
    [penalties, punishments] = await records();
  } else {
    [person, [penalties, punishments]] = await Promise.all([personById(context).load(citizenId), records()]);
    if (!person) return null;
  }
  return {
    birthDate: person.birthDate,
    administrativePenalties: penalties.map(({ decidedOn }) => ({ decidedOn })),
    criminalPunishments: punishments.map(({ sentencedOn, completedOn }) => ({ sentencedOn, completedOn })),
  };
}
