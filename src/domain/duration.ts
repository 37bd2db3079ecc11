const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * A duration written as 90s, 30m, 8h or 2d, or as bare seconds (`3600`), in whole seconds; null
 * when it is neither or is zero. Shared by the configuration and the token command, so both read
 * a lifetime alike.
 */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,9})([smhd]?)$/.exec(text.trim());
  if (!match) return null;
  const seconds = Number(match[1]) * UNITS[match[2] || 's']!;
  return seconds > 0 ? seconds : null;
}

/** A number of seconds the way people write lifetimes: 86400 → "24h", 5400 → "90m", 45 → "45s". */
export function formatDuration(seconds: number): string {
  if (seconds % 86_400 === 0 && seconds >= 7 * 86_400) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
