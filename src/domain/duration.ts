const MILLISECONDS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration written as 250ms, 90s, 30m, 8h or 2d, or as a bare number in `bareUnit`, in
 * milliseconds; null when it is neither or is zero. The one reader of durations for the
 * configuration and the commands, so every setting is written alike.
 */
export function parseDurationMs(text: string, bareUnit: 'ms' | 's'): number | null {
  const match = /^(\d{1,9})(ms|[smhd])?$/.exec(text.trim());
  if (!match) return null;
  const milliseconds = Number(match[1]) * MILLISECONDS[match[2] ?? bareUnit]!;
  return milliseconds > 0 ? milliseconds : null;
}

/** A duration as parseDurationMs reads it, bare numbers in seconds, in whole seconds; null when not whole seconds. */
export function parseDuration(text: string): number | null {
  const milliseconds = parseDurationMs(text, 's');
  return milliseconds !== null && milliseconds % 1000 === 0 ? milliseconds / 1000 : null;
}

/** A number of seconds the way people write lifetimes: 86400 → "24h", 5400 → "90m", 45 → "45s". */
export function formatDuration(seconds: number): string {
  if (seconds % 86_400 === 0 && seconds >= 7 * 86_400) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
