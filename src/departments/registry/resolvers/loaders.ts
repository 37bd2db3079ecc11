import { and, asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import {
  actualResidence,
  administrativePenalty,
  criminalPunishment,
  familyLink,
  household,
  person,
  registration,
  registrationEvent,
  type FamilyLinkRow,
  type HouseholdRow,
  type PersonRow,
  type RegistrationRow,
} from '../tables.js';
import type { RowScope, SubgraphContext } from '../../../subgraphs/context.js';
import type { RowLoaders } from '../../../subgraphs/row-loaders.js';

/**
 * The registry's reads, each shared by the resolver that answers a field, any that prefetch it and
 * the points facts. Reads that return other people (household members, parents, children) bring
 * their identity rows in the same statement as the link, aggregated per key: a request reads each
 * table once however many people it asks about, and the people it reaches cost no second round trip.
 */

type Caller = Pick<SubgraphContext, 'rows' | 'caller'>;

/**
 * People by citizen ID: everyone, or, when the caller's grant has a row scope, only those
 * registered in its district. The scope is part of the statement, so no row outside it is read;
 * and since the registry alone answers whether a person exists, no other department is asked
 * about anyone outside it either.
 */
export const personById = ({ rows, caller }: Caller) =>
  caller?.rowScope ? personInScope(rows, caller.rowScope) : personRow(rows);

/** A person's identity row, whatever the caller's scope: for facts about a person already in scope. */
export const personRow = (rows: RowLoaders) => rows.one(person, person.citizenId);

const personInScope = (rows: RowLoaders, scope: RowScope) =>
  rows.oneBy<PersonRow>(
    'registry.person (registration district scope)',
    (row) => row.citizenId,
    (db, keyed) =>
      db
        .select(getTableColumns(person))
        .from(person)
        .innerJoin(registration, eq(registration.citizenId, person.citizenId))
        .where(and(keyed(person.citizenId), eq(registration.districtCode, sql.placeholder('district')))),
    { district: scope.registrationDistrict },
  );

/** The caller's scope as a condition on someone's registration district, or nothing. */
const DISTRICT = sql.placeholder('district');
const inScope = (citizenId: PgColumn, scope: RowScope | undefined): SQL | undefined =>
  scope ? sql`exists (select 1 from ${registration} where ${registration.citizenId} = ${citizenId} and ${registration.districtCode} = ${DISTRICT})` : undefined;
const scopeParams = (scope: RowScope | undefined) => (scope ? { district: scope.registrationDistrict } : {});
const scopeName = (scope: RowScope | undefined) => (scope ? ' (registration district scope)' : '');

type PersonColumns = Record<'citizenId' | 'name' | 'sex' | 'birthDate' | 'ethnicity' | 'historicalHukouType', PgColumn>;

/** A person row as JSON, under the property names drizzle gives `PersonRow`. */
const personJson = (p: PersonColumns) =>
  sql`json_build_object('citizenId', ${p.citizenId}, 'name', ${p.name}, 'sex', ${p.sex}, 'birthDate', ${p.birthDate}, 'ethnicity', ${p.ethnicity}, 'historicalHukouType', ${p.historicalHukouType})`;

export type RegistrationView = RegistrationRow & { historicalType: PersonRow['historicalHukouType'] };

/**
 * A person's registration, with the pre-reform hukou type the deprecated `historicalType` still
 * answers: a fact of the person (§6), read in the same statement.
 */
export const registrationOf = (rows: RowLoaders) =>
  rows.oneBy<RegistrationView>(
    'registry.registration',
    (row) => row.citizenId,
    (db, keyed) =>
      db
        .select({ ...getTableColumns(registration), historicalType: person.historicalHukouType })
        .from(registration)
        .innerJoin(person, eq(person.citizenId, registration.citizenId))
        .where(keyed(registration.citizenId)),
  );

/**
 * A person's household found through their registration in one statement, so it can be read in
 * the same round trip as the person and the registration instead of after them.
 */
export const householdOf = (rows: RowLoaders) =>
  rows.oneBy<HouseholdRow & { memberCitizenId: string }>(
    'registry.household',
    (row) => row.memberCitizenId,
    (db, keyed) =>
      db
        .select({ ...getTableColumns(household), memberCitizenId: registration.citizenId })
        .from(household)
        .innerJoin(registration, eq(registration.householdId, household.householdId))
        .where(keyed(registration.citizenId)),
  );

export interface MemberView {
  memberNo: number | null;
  citizenId: string;
  relationCode: string | null;
  person: PersonRow;
}

export type HouseholdView = HouseholdRow & { memberCitizenId?: string; members?: MemberView[] };

/**
 * The household with its members (in register order, each with their identity row), for callers
 * who ask for them: the members come in the same statement, so the registrations are not read a
 * second time. A row-scoped caller gets only members registered in its district (all of a
 * household's are, but the statement does not rely on it).
 */
export const householdWithMembersOf = ({ rows, caller }: Caller) => {
  const scope = caller?.rowScope;
  return rows.oneBy<HouseholdView & { memberCitizenId: string }>(
    `registry.household with members${scopeName(scope)}`,
    (row) => row.memberCitizenId,
    (db, keyed) => {
      const member = alias(registration, 'member');
      const memberPerson = alias(person, 'member_person');
      const members = db
        .select({
          members: sql<MemberView[]>`json_agg(json_build_object('memberNo', ${member.householdMemberNo}, 'citizenId', ${member.citizenId}, 'relationCode', ${member.relationCode}, 'person', ${personJson(memberPerson)}) order by ${member.householdMemberNo})`.as('members'),
        })
        .from(member)
        .innerJoin(memberPerson, eq(memberPerson.citizenId, member.citizenId))
        .where(and(eq(member.householdId, household.householdId), scope ? eq(member.districtCode, DISTRICT) : undefined))
        .as('household_members');
      return db
        .select({ ...getTableColumns(household), memberCitizenId: registration.citizenId, members: members.members })
        .from(household)
        .innerJoin(registration, eq(registration.householdId, household.householdId))
        .leftJoinLateral(members, sql`true`)
        .where(keyed(registration.citizenId));
    },
    scopeParams(scope),
  );
};

export interface FamilyLinkView {
  kind: FamilyLinkRow['kind'];
  since: string;
  /** The parent's ID; null when the parent is the other end and outside the caller's row scope. */
  parentCitizenId: string | null;
  /** The child's ID; null when the child is the other end and outside the caller's row scope. */
  childCitizenId: string | null;
  /** The other end of the link, or null when the caller's scope does not reach them. */
  person: PersonRow | null;
}

/**
 * Links to a person's parents and guardians (keyed by the child), or to their children (keyed by
 * the parent), each with the other person's identity row: father, mother, guardian, then by birth.
 */
function familyLinksOf({ rows, caller }: Caller, direction: 'parents' | 'children') {
  const scope = caller?.rowScope;
  const [key, other] = direction === 'parents' ? [familyLink.childCitizenId, familyLink.parentCitizenId] : [familyLink.parentCitizenId, familyLink.childCitizenId];
  return rows.oneBy<{ key: string; links: FamilyLinkView[] }>(
    `registry.family_link (${direction})${scopeName(scope)}`,
    (row) => row.key,
    (db, keyed) => {
      const relative = alias(person, 'relative');
      // A relative outside the row scope reads as unknown (the policy's rowScope), their ID as much
      // as their row: the ID alone gives their birth date, sex and birthplace. The link's kind and
      // date stay, as the record of the person asked about.
      const otherId = scope ? sql`case when ${relative.citizenId} is null then null else ${other} end` : other;
      const [parentId, childId] = direction === 'parents' ? [otherId, familyLink.childCitizenId] : [familyLink.parentCitizenId, otherId];
      return db
        .select({
          key,
          links: sql<FamilyLinkView[]>`json_agg(json_build_object('kind', ${familyLink.kind}, 'since', ${familyLink.since}, 'parentCitizenId', ${parentId}, 'childCitizenId', ${childId}, 'person', case when ${relative.citizenId} is null then null else ${personJson(relative)} end) order by ${familyLink.kind}, ${relative.birthDate}, ${other})`,
        })
        .from(familyLink)
        .leftJoin(relative, and(eq(relative.citizenId, other), inScope(relative.citizenId, scope)))
        .where(keyed(key))
        .groupBy(key);
    },
    scopeParams(scope),
  );
}

export const parentLinksOf = async (context: Caller, citizenId: string): Promise<FamilyLinkView[]> =>
  (await familyLinksOf(context, 'parents').load(citizenId))?.links ?? [];

export const childLinksOf = async (context: Caller, citizenId: string): Promise<FamilyLinkView[]> =>
  (await familyLinksOf(context, 'children').load(citizenId))?.links ?? [];

export const registrationEventsOf = (rows: RowLoaders) => rows.many(registrationEvent, registrationEvent.citizenId, () => asc(registrationEvent.seq));

export const actualResidenceOf = (rows: RowLoaders) => rows.one(actualResidence, actualResidence.citizenId);

export const administrativePenaltiesOf = (rows: RowLoaders) =>
  rows.many(administrativePenalty, administrativePenalty.citizenId, () => asc(administrativePenalty.seq));

export const criminalPunishmentsOf = (rows: RowLoaders) => rows.many(criminalPunishment, criminalPunishment.citizenId, () => asc(criminalPunishment.seq));
