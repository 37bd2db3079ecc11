import { bigint, boolean, char, check, index, integer, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * The access audit log: one record per GraphQL operation, append-only (triggers reject UPDATE,
 * DELETE and TRUNCATE; see the migration) and hash-chained, so `npm run audit:verify` finds any
 * record altered, removed or reordered. Not a department's data: no department subgraph reads it.
 */
export const audit = pgSchema('audit');

export const outcome = audit.enum('outcome', ['allowed', 'partly_denied', 'refused', 'failed']);

export const event = audit.table(
  'event',
  {
    /** Position in the chain: 1, 2, 3 … with no gaps. */
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    requestId: text('request_id').notNull(),
    outcome: outcome('outcome').notNull(),
    /** HTTP status of the answer. */
    status: integer('status').notNull(),
    /** The refusal or error code, when there was one (UNAUTHENTICATED, PURPOSE_NOT_ALLOWED, …). */
    code: text('code'),
    department: text('department'),
    subject: text('subject'),
    app: text('app'),
    purpose: text('purpose'),
    caseId: text('case_id'),
    operationName: text('operation_name'),
    /** SHA-256 of the normalised operation text (printed from its parse), or of the raw text if it did not parse. */
    operationHash: char('operation_hash', { length: 64 }),
    /** Citizen IDs whose data was returned. */
    citizenIds: text('citizen_ids').array().notNull(),
    /** `Type.field` coordinates returned, and denied. */
    fieldsReturned: text('fields_returned').array().notNull(),
    fieldsDenied: text('fields_denied').array().notNull(),
    durationMs: integer('duration_ms').notNull(),
    clientAddress: text('client_address'),
    prevHash: char('prev_hash', { length: 64 }).notNull(),
    hash: char('hash', { length: 64 }).notNull(),
    /** The date the operation's points or settlement answers were asked for (text: read back as hashed). */
    asOf: text('as_of'),
    /** Subgraphs whose slice of the answer could not be fetched, sorted; empty when every slice answered. */
    unavailableSubgraphs: text('unavailable_subgraphs').array().notNull().default(sql`'{}'`),
  },
  (t) => [
    index('event_recorded_at_idx').on(t.recordedAt),
    index('event_department_idx').on(t.department, t.recordedAt),
    index('event_citizen_ids_idx').using('gin', t.citizenIds),
    // A backstop for any writer: the gateway bounds these texts far lower before it writes
    // (RECORD_TEXT_LIMITS in audit/record.ts), so a record is never refused for its length.
    ...(
      [
        ['request_id', t.requestId, 256],
        ['code', t.code, 256],
        ['department', t.department, 256],
        ['subject', t.subject, 1024],
        ['app', t.app, 1024],
        ['purpose', t.purpose, 256],
        ['case_id', t.caseId, 256],
        ['operation_name', t.operationName, 1024],
        ['client_address', t.clientAddress, 256],
      ] as const
    ).map(([name, column, limit]) => check(`event_${name}_length`, sql`char_length(${column}) <= ${sql.raw(String(limit))}`)),
    check('event_as_of_date', sql`${t.asOf} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`),
    // The names come from the supergraph, a few dozen at most: a backstop, as the lengths above.
    check('event_unavailable_subgraphs_count', sql`cardinality(${t.unavailableSubgraphs}) <= 64`),
  ],
);

/**
 * The end of the chain, one row: writers lock it for the length of one batch, so gateway
 * replicas writing at once still make one chain.
 */
export const chainHead = audit.table(
  'chain_head',
  {
    id: boolean('id').primaryKey().default(true),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: char('hash', { length: 64 }).notNull(),
  },
  (t) => [check('chain_head_single_row', sql`${t.id}`)],
);

export type AuditEventRow = typeof event.$inferSelect;
