import { makeCitizenId } from '../domain/citizen-id.js';
import { addYears, iso, REFERENCE_DAY, type Day } from './dates.js';
import { ALL_ADDRESS_CODES } from './places.js';
import { hash32, hashString } from './random.js';

export type Sex = 'male' | 'female';

/** Oldest birth date the generator makes: people are at most 100 on the reference date. */
export const EARLIEST_BIRTH_DAY = addYears(REFERENCE_DAY, -101) + 1;

/** Odd sequences are men, even ones women (GB 11643), so each sex has 499 numbers a day: 001–997, 002–998. */
const SLOTS_PER_SEX = 499;

/**
 * Hands out citizen identity numbers that never repeat. GB 11643 leaves only the 3-digit sequence
 * to tell apart people with the same address code and birth date, so it keeps a counter per
 * (address code, birth date, sex): 6 MB for every code and day of the last 101 years, which is
 * why a million people need no set of issued numbers. Counters start at a point hashed from the
 * seed so sequences look like a police station's, not all 001 and 002.
 */
export class CitizenIdAllocator {
  private readonly codeIndex = new Map(ALL_ADDRESS_CODES.map((code, i) => [code, i]));
  private readonly days = REFERENCE_DAY - EARLIEST_BIRTH_DAY + 1;
  private readonly issued = new Uint16Array(ALL_ADDRESS_CODES.length * this.days * 2);

  constructor(private readonly seed: number) {}

  /**
   * Returns the number and the birth date it encodes. A full day (499 people of one sex born on one
   * day under one code — never seen at a million people) moves the birth date one day earlier.
   */
  allocate(addressCode: string, birth: Day, sex: Sex): { citizenId: string; birth: Day } {
    const code = this.codeIndex.get(addressCode);
    if (code === undefined) throw new Error(`address code ${addressCode} is not in the generator's places`);
    for (let day = birth; day >= EARLIEST_BIRTH_DAY; day--) {
      const slot = ((code * this.days + (day - EARLIEST_BIRTH_DAY)) << 1) | (sex === 'male' ? 0 : 1);
      const count = this.issued[slot]!;
      if (count >= SLOTS_PER_SEX) continue;
      this.issued[slot] = count + 1;
      const start = hash32(this.seed, hashString(addressCode), day, slot & 1) % SLOTS_PER_SEX;
      const sequence = 2 * ((start + count) % SLOTS_PER_SEX) + (sex === 'male' ? 1 : 2);
      return { citizenId: makeCitizenId(addressCode, iso(day), sequence), birth: day };
    }
    throw new Error(`no citizen identity numbers left for ${addressCode} on or before day ${birth}`);
  }
}
