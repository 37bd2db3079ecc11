/**
 * Citizen identity numbers (公民身份号码), GB 11643-1999.
 *
 * 18 characters: 6-digit address code, birth date YYYYMMDD, 3-digit sequence (odd = male,
 * even = female) and an ISO 7064 MOD 11-2 check character. Pure logic, no I/O.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** Why a string is not a valid citizen identity number. */
export type CitizenIdProblem = 'length' | 'characters' | 'date' | 'check digit';

export interface CitizenIdFacts {
  /** The normalised number (upper-case X). */
  id: string;
  /** GB/T 2260 address code of the place of first registration. */
  addressCode: string;
  /** Birth date as YYYY-MM-DD. */
  birthDate: string;
  sex: 'male' | 'female';
}

export type CitizenIdResult =
  | { ok: true; value: CitizenIdFacts }
  | { ok: false; problem: CitizenIdProblem; message: string };

/** The check character for the first 17 digits of a number. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/**
 * Parses a citizen identity number. Nothing is trimmed: a stray space is an input error the caller
 * should see, not something to paper over. `today` decides what counts as a future birth date.
 */
export function parseCitizenId(input: string, today: Date = new Date()): CitizenIdResult {
  // Stray characters first: " 440106…" is 19 characters long, but the space is what to fix.
  if (!/^[\dXx]*$/.test(input)) {
    return fail('characters', 'may contain only digits and a final X (no spaces, letters or punctuation)');
  }
  if (input.length !== 18) {
    return fail('length', `must be 18 characters, got ${input.length}`);
  }
  if (!/^\d{17}[\dXx]$/.test(input)) {
    return fail('characters', 'X may only be the last (check) character');
  }
  const id = input.toUpperCase();
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(year, month, day)) {
    return fail('date', `birth date ${birthDate} (characters 7–14) is not a real date`);
  }
  const todayIso = today.toISOString().slice(0, 10);
  if (birthDate > todayIso) {
    return fail('date', `birth date ${birthDate} (characters 7–14) is in the future`);
  }
  const expected = checkCharacter(id);
  if (id[17] !== expected) {
    return fail('check digit', `check character is ${id[17]} but the first 17 digits give ${expected}; the number was probably mistyped`);
  }
  const sequence = Number(id.slice(14, 17));
  return {
    ok: true,
    value: { id, addressCode: id.slice(0, 6), birthDate, sex: sequence % 2 === 1 ? 'male' : 'female' },
  };
}

function fail(problem: CitizenIdProblem, message: string): CitizenIdResult {
  return { ok: false, problem, message };
}

/** Builds a valid number from its parts; the generator's inverse of `parseCitizenId`. */
export function makeCitizenId(addressCode: string, birthDate: string, sequence: number): string {
  const first17 = addressCode + birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0');
  return first17 + checkCharacter(first17);
}
