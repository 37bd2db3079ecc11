/**
 * Annual individual-income-tax brackets in yuan (IIT Law, comprehensive income table): the upper
 * limits of the first six; the seventh is open.
 */
export const INCOME_BRACKET_LIMITS = [36_000, 144_000, 300_000, 420_000, 660_000, 960_000] as const;

/** The bracket an annual amount in yuan falls in, e.g. `36000–144000` or `960000+`. */
export function incomeBracketOf(yuan: number): string {
  let lower = 0;
  for (const upper of INCOME_BRACKET_LIMITS) {
    if (yuan < upper) return `${lower}–${upper}`;
    lower = upper;
  }
  return `${lower}+`;
}
