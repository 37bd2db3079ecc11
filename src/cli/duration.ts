import { LONGEST_MAX_TOKEN_LIFETIME_SECONDS } from '../config.js';
import { parseDuration } from '../domain/duration.js';

/** A token lifetime written as 90s, 30m, 8h or 2d, in seconds; null when unreadable or over a week. */
export function parseTtl(text: string): number | null {
  if (!/^\s*\d+[smhd]\s*$/.test(text)) return null;
  const seconds = parseDuration(text);
  return seconds !== null && seconds <= LONGEST_MAX_TOKEN_LIFETIME_SECONDS ? seconds : null;
}
