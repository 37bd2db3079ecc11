const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A token lifetime written as 90s, 30m, 8h or 2d, in seconds; null when unreadable or over a week. */
export function parseTtl(text: string): number | null {
  const match = /^(\d+)([smhd])$/.exec(text.trim());
  if (!match) return null;
  const seconds = Number(match[1]) * UNITS[match[2]!]!;
  return seconds > 0 && seconds <= 7 * 86_400 ? seconds : null;
}
