import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { QueryResolvers } from '../generated.js';
import { event } from '../tables.js';
import { BadUserInputError } from '../../subgraphs/errors.js';
import { verifyAuditLog } from '../verify-log.js';
import { parseInstant } from '../export.js';

const MAX_PAGE = 500;
/** The unusual-volume report lists at most this many caller-hours, the largest first. */
const MAX_FLAGS = 200;
/** A citizen's history lists at most this many accesses, newest first. */
const MAX_HISTORY = 1000;

/** A filter text as Postgres can compare it: no NUL character (no stored value has one). */
function filterText(value: string | null | undefined, name: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.includes('\u0000')) throw new BadUserInputError(`${name} must not contain a NUL character`);
  return value;
}

function instant(value: string, name: string): Date {
  const date = parseInstant(value);
  if (!date) throw new BadUserInputError(`${name} must be an ISO 8601 time from 1970 to 9999 such as 2026-11-26T00:00:00Z, got "${value.slice(0, 64)}"`);
  return date;
}

/** A page cursor is the sequence number of the page's last record, opaque to callers. */
const encodeCursor = (seq: number) => Buffer.from(`seq:${seq}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const match = /^seq:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new BadUserInputError('after must be the endCursor of a previous page');
  return Number(match[1]);
}

const containsCitizen = (citizenId: string) => sql`${event.citizenIds} @> array[${citizenId}]::text[]`;

export const Query: QueryResolvers = {
  auditEvents: async (_root, { filter, first, after }, { db }) => {
    const size = first ?? 50;
    if (size < 1 || size > MAX_PAGE) throw new BadUserInputError(`first must be from 1 to ${MAX_PAGE}, got ${size}`);
    const conditions: SQL[] = [];
    if (filter?.from) conditions.push(gte(event.recordedAt, instant(filter.from, 'filter.from')));
    if (filter?.to) conditions.push(lt(event.recordedAt, instant(filter.to, 'filter.to')));
    const department = filterText(filter?.department, 'filter.department');
    if (department) conditions.push(eq(event.department, department));
    const subject = filterText(filter?.subject, 'filter.subject');
    if (subject) conditions.push(eq(event.subject, subject));
    const purpose = filterText(filter?.purpose, 'filter.purpose');
    if (purpose) conditions.push(eq(event.purpose, purpose));
    const caseId = filterText(filter?.caseId, 'filter.caseId');
    if (caseId) conditions.push(eq(event.caseId, caseId));
    if (filter?.citizenId) conditions.push(containsCitizen(filter.citizenId));
    if (filter?.outcome) conditions.push(eq(event.outcome, filter.outcome.toLowerCase() as 'allowed'));
    if (after) conditions.push(lt(event.seq, decodeCursor(after)));
    const rows = await db.select().from(event).where(and(...conditions)).orderBy(desc(event.seq)).limit(size + 1);
    const page = rows.slice(0, size);
    return { events: page, endCursor: rows.length > size ? encodeCursor(page.at(-1)!.seq) : null };
  },

  auditTotals: async (_root, { from, to }, { db }) => {
    const day = sql<string>`to_char(${event.recordedAt} at time zone 'UTC', 'YYYY-MM-DD')`;
    const rows = await db
      .select({ day, department: event.department, requests: count(), refused: sql<number>`count(*) filter (where ${event.outcome} = 'refused')` })
      .from(event)
      .where(and(gte(event.recordedAt, instant(from, 'from')), lt(event.recordedAt, instant(to, 'to'))))
      .groupBy(day, event.department)
      .orderBy(day, event.department);
    return rows.map((r) => ({ ...r, requests: Number(r.requests), refused: Number(r.refused) }));
  },

  citizenAccessHistory: async (_root, { citizenId }, { db }) => {
    const rows = await db
      .select({ at: event.recordedAt, department: event.department, purpose: event.purpose, fields: event.fieldsReturned })
      .from(event)
      // A record names a citizen only when its answer carried the citizen's data, whatever its
      // outcome (an answer that partly failed still gave what it gave).
      .where(containsCitizen(citizenId))
      .orderBy(desc(event.seq))
      .limit(MAX_HISTORY);
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  },

  auditUnusualVolumes: async (_root, { from, to, minCitizens }, { query }) => {
    const threshold = minCitizens ?? 50;
    if (threshold < 1 || threshold > 1_000_000) throw new BadUserInputError(`minCitizens must be from 1 to 1000000, got ${threshold}`);
    // Only answers that gave someone's data name anyone: a refused request read no one.
    const rows = await query<{ hour: string; department: string | null; subject: string | null; citizens: string; requests: string }>(
      `select to_char(date_trunc('hour', e.recorded_at at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:00:00"Z"') as hour,
              e.department, e.subject, count(distinct c.citizen_id) as citizens, count(distinct e.seq) as requests
         from audit.event e cross join unnest(e.citizen_ids) as c(citizen_id)
        where e.recorded_at >= $1 and e.recorded_at < $2
        group by 1, 2, 3
       having count(distinct c.citizen_id) >= $3
        order by citizens desc, hour desc
        limit ${MAX_FLAGS}`,
      [instant(from, 'from').toISOString(), instant(to, 'to').toISOString(), threshold],
    );
    return rows.map((r) => ({ ...r, citizens: Number(r.citizens), requests: Number(r.requests) }));
  },

  auditChainVerification: async (_root, _args, { query, auditCheckpoints }) => ({
    ...(await verifyAuditLog({ query }, auditCheckpoints)),
    verifiedAt: new Date().toISOString(),
  }),
};
