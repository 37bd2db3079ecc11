import { char, date, bigint } from 'drizzle-orm/pg-core';

/**
 * Column helpers shared by every department's tables. Slices join only on `citizen_id`, so it is
 * spelled the same way everywhere: the 18-character GB 11643 number, validated before it is stored.
 */
export const citizenIdColumn = (name = 'citizen_id') => char(name, { length: 18 });

/** Calendar dates travel as ISO strings (YYYY-MM-DD): no time zone can shift them. */
export const dateColumn = (name: string) => date(name, { mode: 'string' });

/** Money is stored as integer fen (1/100 yuan): exact, and wide enough for any income. */
export const fenColumn = (name: string) => bigint(name, { mode: 'number' });

/** GB/T 2260 district codes (440106 for Tianhe, …). */
export const districtCodeColumn = (name: string) => char(name, { length: 6 });
