import type { PersonResolvers } from '../generated.js';
import {
  actualResidenceOf,
  administrativePenaltiesOf,
  childLinksOf,
  criminalPunishmentsOf,
  parentLinksOf,
  personById,
  registrationEventsOf,
  registrationOf,
  type FamilyLinkView,
} from './loaders.js';
import { prefetchPersons } from './prefetch.js';
import { isMinorOn } from './minors.js';

const people = (links: readonly FamilyLinkView[], keep: (link: FamilyLinkView) => boolean) =>
  links.flatMap((link) => (keep(link) && link.person ? [link.person] : []));

export const Person: PersonResolvers = {
  // The registry owns the identity core, so it alone answers "does this person exist".
  __resolveReference: ({ citizenId }, context, info) => {
    prefetchPersons(info, context, [citizenId]);
    return personById(context).load(citizenId);
  },
  registration: ({ citizenId }, _args, { rows }) => registrationOf(rows).load(citizenId),
  registrationHistory: ({ citizenId }, _args, { rows }) => registrationEventsOf(rows).load(citizenId),
  actualResidence: ({ citizenId }, _args, { rows }) => actualResidenceOf(rows).load(citizenId),
  parents: async ({ citizenId }, _args, context) => people(await parentLinksOf(context, citizenId), (link) => link.kind !== 'guardian'),
  // Civil Code Art. 27: the parents are a minor's guardians; anyone else only when recorded as guardian.
  guardians: async ({ citizenId, birthDate }, _args, context) => {
    const minor = isMinorOn(birthDate, new Date());
    return people(await parentLinksOf(context, citizenId), (link) => link.kind === 'guardian' || minor);
  },
  children: async ({ citizenId }, _args, context) => people(await childLinksOf(context, citizenId), (link) => link.kind !== 'guardian'),
  parentLinks: ({ citizenId }, _args, context) => parentLinksOf(context, citizenId),
  administrativePenalties: ({ citizenId }, _args, { rows }) => administrativePenaltiesOf(rows).load(citizenId),
  criminalPunishments: ({ citizenId }, _args, { rows }) => criminalPunishmentsOf(rows).load(citizenId),
};
