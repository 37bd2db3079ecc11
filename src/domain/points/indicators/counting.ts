/**
 * Counting rules several departments share, written once: caps, "per completed year", events in
 * the last N years, "the highest level only", and what "on the as-of date" means for a record with
 * a start and an end.
 */
import { dayAfter, dayOfDate, withinLastYears, type AsOf, type Span } from '../calendar.js';
import type { ScoredEntry } from '../catalogue.js';
import { CONFIDENCES, type Confidence, type IsoDate } from '../types.js';
import { count, years } from '../wording.js';
import type { Calculation } from './answer.js';

/** `raw` held to `cap` (POINTS.md: caps apply per indicator). */
export function capped(raw: number, cap: number): { points: number; capApplied: boolean } {
  return { points: Math.min(raw, cap), capApplied: raw > cap };
}

/**
 * Points gathered per calendar year, each year held to `maxPerYear` (the 2014 rules' "≤ 2 a year";
 * null = no yearly limit), then the sum held to `cap`.
 */
export function yearlyThenTotalCap(pointsByYear: Iterable<number>, maxPerYear: number | null, cap: number): { points: number; capApplied: boolean } {
  let raw = 0;
  let yearCapped = false;
  for (const points of pointsByYear) {
    const held = maxPerYear === null ? { points, capApplied: false } : capped(points, maxPerYear);
    yearCapped ||= held.capApplied;
    raw += held.points;
  }
  const total = capped(raw, cap);
  return { points: total.points, capApplied: yearCapped || total.capApplied };
}

/** A record that starts on `since` and ends after its last day `until` (inclusive; null = still so). */
export interface Dated {
  since: IsoDate;
  until: IsoDate | null;
}

export function spanOf(record: Dated, what: string): Span {
  const from = dayOfDate(record.since, `${what} since`);
  return { from, until: record.until === null ? Number.POSITIVE_INFINITY : dayAfter(dayOfDate(record.until, `${what} until`)) };
}

/** Whether the record holds on the as-of date (both ends inclusive). */
export function holdsOn(record: Dated, asOf: AsOf, what: string): boolean {
  const span = spanOf(record, what);
  return span.from <= asOf.day && asOf.day < span.until;
}

/** "N points per completed year, at most cap". */
export function perCompletedYear(completedYears: number, perYear: number, cap: number | null, describe: string): Calculation {
  const raw = completedYears * perYear;
  const { points, capApplied } = cap === null ? { points: raw, capApplied: false } : capped(raw, cap);
  return { value: `${years(completedYears)} ${describe}`, points, capApplied };
}

/**
 * A deduction of `pointsEach` per event dated in the last `windowYears` years (POINTS.md: poor
 * credit, tax evasion, public-security penalties; no cap). The answer gives the count, not the dates.
 */
export function deductionPerEvent(
  dates: readonly IsoDate[],
  params: { pointsEach: number; windowYears: number },
  asOf: AsOf,
  noun: string,
  plural = `${noun}s`,
): Calculation {
  const recent = dates.filter((date) => withinLastYears(dayOfDate(date, noun), asOf, params.windowYears)).length;
  return { value: `${count(recent, noun, plural)} in the last ${years(params.windowYears)}`, points: recent * params.pointsEach, capApplied: false };
}

/**
 * "Highest only": the best-scoring of the levels a person holds, each possibly with a bonus
 * (working in the trade of a qualification). A level the table does not list scores nothing. Of
 * two levels that score the same, the surer row is used (a bachelor's [B] 30 before a master's [U]
 * 30), so an answer is not flagged unverified when a verified value gives the same points.
 */
export function bestLevel<L extends string>(
  table: readonly ScoredEntry<L>[],
  held: readonly { level: L; bonus: number; describe: string }[],
  nothing: string,
): Calculation {
  let best: { entry: ScoredEntry<L>; points: number; describe: string } | null = null;
  for (const { level, bonus, describe } of held) {
    const entry = table.find((row) => row.level === level);
    if (!entry) continue;
    const points = entry.points + bonus;
    const surer = best !== null && points === best.points && CONFIDENCES.indexOf(entry.confidence ?? 'A') < CONFIDENCES.indexOf(best.entry.confidence ?? 'A');
    if (best === null || points > best.points || surer) best = { entry, points, describe };
  }
  if (best === null) return { value: nothing, points: 0, capApplied: false };
  return {
    value: best.describe,
    points: best.points,
    capApplied: false,
    entry: tableRow(best.entry),
  };
}

/** The sureness of the table row a calculation used (a level, a band), for the result's confidence. */
export function tableRow(row: { confidence?: Confidence; note?: string }): Calculation['entry'] {
  return { ...(row.confidence ? { confidence: row.confidence } : {}), ...(row.note ? { note: row.note } : {}) };
}
