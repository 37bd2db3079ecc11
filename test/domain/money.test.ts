import { describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from '../../src/domain/money.js';

describe('money as fen inside, yuan strings outside', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [100005, '1000.05'],
    [12345678, '123456.78'],
    [-250, '-2.50'],
    [9007199254740991, '90071992547409.91'],
  ])('%i fen is "%s"', (fen, yuan) => {
    expect(fenToYuan(fen)).toBe(yuan);
    expect(yuanToFen(yuan)).toBe(fen);
  });

  it('refuses fractional fen instead of rounding them', () => {
    expect(() => fenToYuan(10.5)).toThrow(/safe integer/);
  });

  it.each(['', '1.234', 'abc', '1,000.00', '1e5'])('does not parse "%s"', (text) => {
    expect(yuanToFen(text)).toBeNull();
  });
});
