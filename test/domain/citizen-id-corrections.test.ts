import { describe, expect, it } from 'vitest';
import { checkCharacter, parseCitizenId } from '../../src/domain/citizen-id.js';

// A fixed "today" so "born in the future" does not depend on when the suite runs.
const TODAY = new Date('2026-11-25T00:00:00Z');

/** A valid number for a province prefix: a made-up prefecture and county, the check character computed. */
function numberIn(province: string, birth = '19900101', sequence = '123'): string {
  const first17 = `${province}0101${birth}${sequence}`;
  return first17 + checkCharacter(first17);
}

// Written out here, not imported, so the test does not share a mistake with the code it checks.
const PROVINCES = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
];
const NOT_PROVINCES = ['00', '10', '16', '20', '24', '30', '38', '40', '47', '49', '55', '60', '66', '70', '72', '80', '83', '99'];

describe('the first two digits must be a province code (GB/T 2260)', () => {
  it.each(PROVINCES)('accepts a number from province %s', (province) => {
    const id = numberIn(province);
    expect(parseCitizenId(id, TODAY)).toMatchObject({ ok: true, value: { id, addressCode: `${province}0101` } });
  });

  it.each(NOT_PROVINCES)('refuses a number starting %s, naming the two digits', (prefix) => {
    const result = parseCitizenId(numberIn(prefix), TODAY);
    expect(result).toMatchObject({ ok: false, problem: 'region' });
    expect(!result.ok && result.message).toMatch(new RegExp(`^characters 1–2 are ${prefix}, which is no province code \\(GB/T 2260: 11–15, 21–23, .*, 71, 81, 82\\)`));
  });

  it('accepts exactly the 34 province codes among all 100 prefixes', () => {
    const accepted = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')).filter((p) => parseCitizenId(numberIn(p), TODAY).ok);
    expect(accepted).toEqual(PROVINCES);
  });

  it('reports the province before the birth date and the check character', () => {
    // 99 + 30 February, and a check character that is wrong as well.
    expect(parseCitizenId('990106199002301230', TODAY)).toMatchObject({ ok: false, problem: 'region' });
  });

  it('reports the length, not the province, of a number with the wrong length', () => {
    expect(parseCitizenId('99010619900101123', TODAY)).toMatchObject({ ok: false, problem: 'length' });
  });
});

describe('an old 15-digit number is refused with its 18-digit form', () => {
  // Worked by hand (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, check = "10X98765432"[Σ mod 11]):
  //   440106900101123 → 44010619900101123?
  //     4·7 + 4·9 + 0·10 + 1·5 + 0·8 + 6·4 + 1·2 + 9·1 + 9·6 + 0·3 + 0·7 + 1·9 + 0·10 + 1·5 + 1·8 + 2·4 + 3·2
  //     = 28+36+0+5+0+24+2+9+54+0+0+9+0+5+8+8+6 = 194; 194 mod 11 = 7 → "5": 440106199001011235
  //     (the valid vector "Tianhe, male" in citizen-ids.json).
  //   110105491231002 → 11010519491231002?
  //     1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2
  //     = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → "X": 11010519491231002X
  //     (the published GB 11643 example).
  //   440524800101001 → 44052419800101001?
  //     28+36+0+25+16+16+2+9+48+0+0+9+0+5+0+0+2 = 196; 196 mod 11 = 9 → "3": 440524198001010013
  it.each([
    ['440106900101123', '440106199001011235'],
    ['110105491231002', '11010519491231002X'],
    ['440524800101001', '440524198001010013'],
    ['440106960229123', '440106199602291236'],
  ])('%s is an old number whose 18-digit form is %s', (fifteen, eighteen) => {
    const result = parseCitizenId(fifteen, TODAY);
    expect(result).toEqual({
      ok: false,
      problem: 'old 15-digit form',
      message: `is an old 15-digit number (issued before 1999); its 18-digit form is ${eighteen} — use that`,
      suggestion: eighteen,
    });
    // The suggestion is a number the gateway accepts, for the same person.
    expect(parseCitizenId(eighteen, TODAY)).toMatchObject({ ok: true, value: { id: eighteen } });
  });

  // Fifteen characters that are no real old number are more likely a mistyped 18-digit number, so
  // they get the length error, not a "date" or "region" about positions that mean nothing yet.
  it.each([
    ['440106901301123', 'month 13'],
    ['440106900230123', '30 February'],
    ['440106000229123', '29 February 1900 (not a leap year)'],
    ['990106900101123', 'no province 99'],
    ['44010690010112X', 'an X: old numbers have no check character'],
  ])('refuses %s (%s) for its length', (fifteen) => {
    const result = parseCitizenId(fifteen, TODAY);
    expect(result).toEqual({ ok: false, problem: 'length', message: 'must be 18 characters, got 15' });
  });

  it('still names stray characters in 15 characters first', () => {
    expect(parseCitizenId('44010690010112 ', TODAY)).toMatchObject({ ok: false, problem: 'characters' });
  });
});
