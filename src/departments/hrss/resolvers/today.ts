/**
 * Today's date (UTC), for counting the months of runs still open. Read per call, never cached: a
 * gateway that runs for months must not keep counting to the day it started.
 */
export const today = (): string => new Date().toISOString().slice(0, 10);
