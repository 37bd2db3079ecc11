import { describe, expect, it } from 'vitest';
import { checkCharacter, makeCitizenId, parseCitizenId } from '../../src/domain/citizen-id.js';
import vectors from '../citizen-ids.json' with { type: 'json' };

// A fixed "today" so "born in the future" does not depend on when the suite runs.
const TODAY = new Date('2026-11-25T00:00:00Z');

describe('citizen identity numbers (GB 11643-1999)', () => {
  it.each(vectors.valid)('accepts $id ($note)', ({ id, sex, birthDate }) => {
    const result = parseCitizenId(id, TODAY);
    expect(result).toEqual({ ok: true, value: { id, addressCode: id.slice(0, 6), birthDate, sex } });
  });

  it.each(vectors.normalise)('normalises $input to $normalised', ({ input, normalised }) => {
    const result = parseCitizenId(input, TODAY);
    expect(result.ok && result.value.id).toBe(normalised);
  });

  it.each(vectors.invalid)('rejects "$input" for its $reason ($note)', ({ input, reason }) => {
    const result = parseCitizenId(input, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toBe(reason);
      expect(result.message.length).toBeGreaterThan(10);
    }
  });

  it('names the expected check character when the given one is wrong', () => {
    const result = parseCitizenId('440106199001011230', TODAY);
    expect(result).toMatchObject({ ok: false, problem: 'check digit' });
    expect(!result.ok && result.message).toContain('give 5');
  });

  it('computes the published check characters', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44052418800101001')).toBe('4');
  });

  it('builds numbers that parse back to their parts', () => {
    const id = makeCitizenId('440106', '2008-02-29', 37);
    expect(parseCitizenId(id, TODAY)).toEqual({
      ok: true,
      value: { id, addressCode: '440106', birthDate: '2008-02-29', sex: 'male' },
    });
  });

  it('treats a birth date of today as valid and tomorrow as the future', () => {
    expect(parseCitizenId(makeCitizenId('440106', '2026-11-25', 2), TODAY).ok).toBe(true);
    expect(parseCitizenId(makeCitizenId('440106', '2026-11-26', 2), TODAY)).toMatchObject({ ok: false, problem: 'date' });
  });
});
