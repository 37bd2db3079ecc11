/**
 * Today's date in UTC (YYYY-MM-DD): the default date of an answer as of a date, and where open
 * periods count to. Read per call, never cached: a gateway that runs for months must not keep
 * counting to the day it started.
 */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
