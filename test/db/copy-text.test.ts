import { describe, expect, it } from 'vitest';
import { copyText } from '../../src/db/copy-text.js';

describe('COPY text format', () => {
  it('writes one line per row, tab-separated, in the order of the keys given', () => {
    const rows = [
      { id: 'a', n: 1, ok: true },
      { id: 'b', n: -2.5, ok: false },
    ];
    expect(copyText(rows, ['n', 'id', 'ok'])).toBe('1\ta\tt\n-2.5\tb\tf\n');
  });

  it('writes null and a missing value as \\N, and nothing at all for no rows', () => {
    expect(copyText([{ a: null, b: undefined }], ['a', 'b', 'c'])).toBe('\\N\t\\N\t\\N\n');
    expect(copyText([], ['a'])).toBe('');
  });

  it('escapes the characters the format gives a meaning to, so a value cannot split a row or a column', () => {
    const text = copyText([{ a: 'x\ty\nz\r\\N', b: '广州市天河区' }], ['a', 'b']);
    expect(text).toBe('x\\ty\\nz\\r\\\\N\t广州市天河区\n');
    expect(text.split('\n')).toHaveLength(2);
    expect(text.split('\t')).toHaveLength(2);
  });

  it('refuses values it cannot write faithfully instead of guessing', () => {
    expect(() => copyText([{ a: { b: 1 } }], ['a'])).toThrow(/column a: a object/);
    expect(() => copyText([{ a: Number.NaN }], ['a'])).toThrow(/column a: NaN/);
    expect(() => copyText([{ a: 10n }], ['a'])).toThrow(/column a: a bigint/);
  });
});
