const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/** Today's date at each UTC offset asked for, and when it next changes. */
const known = new Map<number, { day: string; from: number; until: number }>();

/**
 * Today's date (YYYY-MM-DD) at a fixed offset from UTC, in hours: 0 (the default date of an answer
 * as of a date, and where open periods count to) or 8 (Guangzhou, China Standard Time all year).
 * Never kept past midnight (a gateway that runs for months must not keep counting to the day it
 * started), but made once a day: a 1000-person view asks for it for every open run and permit.
 */
export function todayAt(offsetHours: number): string {
  const now = Date.now();
  const cached = known.get(offsetHours);
  if (cached && now >= cached.from && now < cached.until) return cached.day;
  const local = now + offsetHours * MS_PER_HOUR;
  const from = Math.floor(local / MS_PER_DAY) * MS_PER_DAY - offsetHours * MS_PER_HOUR;
  const day = new Date(local).toISOString().slice(0, 10);
  known.set(offsetHours, { day, from, until: from + MS_PER_DAY });
  return day;
}

/** Today in UTC. */
export const todayUtc = (): string => todayAt(0);
