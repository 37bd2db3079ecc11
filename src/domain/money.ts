/**
 * Money is integer fen (1/100 yuan) inside the system and a two-decimal yuan string outside it.
 * Integer arithmetic only: no amount may pick up a floating-point rounding error on the way out.
 */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new TypeError(`amount in fen must be a safe integer, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses "1234.5" / "1234.56" / "-3" into fen; `null` when the text is not an amount. */
export function yuanToFen(yuan: string): number | null {
  const match = /^(-)?(\d{1,15})(?:\.(\d{1,2}))?$/.exec(yuan);
  if (!match) return null;
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}
