/**
 * Citizen identity numbers (公民身份号码), GB 11643-1999.
 *
 * 18 characters: 6-digit address code (GB/T 2260, the first two digits a province), birth date
 * YYYYMMDD, 3-digit sequence (odd = male, even = female) and an ISO 7064 MOD 11-2 check character.
 * Old 15-digit numbers are refused with their 18-digit form. Pure logic, no I/O.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/**
 * Province-level codes of GB/T 2260 (the first two digits of every address code); 71 Taiwan,
 * 81 Hong Kong and 82 Macao are listed by the standard too.
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  ...['11', '12', '13', '14', '15', '21', '22', '23'],
  ...['31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46'],
  ...['50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82'],
]);
const PROVINCE_CODE_RANGES = '11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82';

/** Why a string is not a valid citizen identity number. */
export type CitizenIdProblem = 'length' | 'characters' | 'region' | 'date' | 'check digit' | 'old 15-digit form';

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
  | {
      ok: false;
      problem: CitizenIdProblem;
      message: string;
      /** For an old 15-digit number, its valid 18-digit form: what the caller should send instead. */
      suggestion?: string;
    };

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
 *
 * The checks run from the shape inwards, then left to right, so the message names the first thing
 * to fix: characters and length first (until they are right no position means anything), then the
 * province (characters 1–2), the birth date (7–14) and last the check character (18), which almost
 * any other mistake breaks too, so it is the least specific thing to report.
 */
export function parseCitizenId(input: string, today: Date = new Date()): CitizenIdResult {
  // Stray characters first: " 440106…" is 19 characters long, but the space is what to fix.
  if (!/^[\dXx]*$/.test(input)) {
    return fail('characters', 'may contain only digits and a final X (no spaces, letters or punctuation)');
  }
  if (input.length === 15) {
    const eighteen = eighteenDigitForm(input, today);
    if (eighteen !== null) {
      return {
        ok: false,
        problem: 'old 15-digit form',
        message: `is an old 15-digit number (issued before 1999); its 18-digit form is ${eighteen} — use that`,
        suggestion: eighteen,
      };
    }
  }
  if (input.length !== 18) {
    return fail('length', `must be 18 characters, got ${input.length}`);
  }
  if (!/^\d{17}[\dXx]$/.test(input)) {
    return fail('characters', 'X may only be the last (check) character');
  }
  const id = input.toUpperCase();
  const province = id.slice(0, 2);
  if (!PROVINCE_CODES.has(province)) {
    return fail('region', `characters 1–2 are ${province}, which is no province code (GB/T 2260: ${PROVINCE_CODE_RANGES}); the number was probably mistyped`);
  }
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

/**
 * The 18-digit form of an old 15-digit number (address code, YYMMDD, sequence; no century and no
 * check character, issued before 1999): "19" goes after the address code and the check character
 * is computed. Null unless the result is a valid number: fifteen characters that are not a real
 * old number (a wrong province, no real date) are more likely a mistyped 18-digit one, so the
 * caller is better told the length than sent to an 18-digit form that was never issued.
 */
function eighteenDigitForm(fifteen: string, today: Date): string | null {
  if (!/^\d{15}$/.test(fifteen)) return null;
  const first17 = `${fifteen.slice(0, 6)}19${fifteen.slice(6)}`;
  const eighteen = first17 + checkCharacter(first17);
  return parseCitizenId(eighteen, today).ok ? eighteen : null;
}

function fail(problem: CitizenIdProblem, message: string): CitizenIdResult {
  return { ok: false, problem, message };
}

/** Builds a valid number from its parts; the generator's inverse of `parseCitizenId`. */
export function makeCitizenId(addressCode: string, birthDate: string, sequence: number): string {
  const first17 = addressCode + birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0');
  return first17 + checkCharacter(first17);
}
