const MS_PER_DAY = 86_400_000;
let day = '';
let nextMidnight = 0;

/**
 * Today's date in UTC (YYYY-MM-DD): the default date of an answer as of a date, and where open
 * periods count to. Never kept past midnight (a gateway that runs for months must not keep
 * counting to the day it started), but made once a day: a 1000-person view asks for it for every
 * open contribution run and permit.
 */
export function todayUtc(): string {
  const now = Date.now();
  if (now >= nextMidnight || now < nextMidnight - MS_PER_DAY) {
    day = new Date(now).toISOString().slice(0, 10);
    nextMidnight = (Math.floor(now / MS_PER_DAY) + 1) * MS_PER_DAY;
  }
  return day;
}
