/**
 * How answers say what was counted. An answer names quantities and bands, never a raw sensitive
 * value (POINTS.md, "what the gateway should answer"; DOMAIN.md display masks: income as a bracket,
 * dates as a year at most), so every value text is built from these few words.
 */

export const count = (n: number, singular: string, plural = `${singular}s`): string => `${n} ${n === 1 ? singular : plural}`;

export const years = (n: number): string => count(n, 'year');

/** A band limit in whole yuan with thousands separators (¥100,000); band limits are rule values, not a person's. */
export function yuanLimit(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${grouped}${fen % 100 === 0 ? '' : `.${String(fen % 100).padStart(2, '0')}`}`;
}

/** "2020–2024", or "2024" for a single year. */
export const yearRange = (first: number, last: number): string => (first === last ? String(first) : `${first}–${last}`);

export const INSURANCE_NAMES: Record<string, string> = {
  pension: 'pension',
  medical: 'medical',
  unemployment: 'unemployment',
  work_injury: 'work injury',
  maternity: 'maternity',
};

export const words = (code: string): string => code.replace(/[_-]/g, ' ');
