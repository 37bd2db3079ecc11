import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSizeBound } from '../../src/gateway/answer-size.js';

describe('the bound on an answer size never understates it', () => {
  /** Answers as GraphQL shapes them: keys are names, values any JSON. */
  const name = fc.stringMatching(/^[_A-Za-z][_0-9A-Za-z]{0,20}$/);
  const answer = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.double(), fc.integer(), fc.string({ unit: 'binary' }), tie('list'), tie('object')),
    list: fc.array(tie('value'), { maxLength: 5 }),
    object: fc.dictionary(name, tie('value'), { maxKeys: 5 }),
  })).object;

  it('any answer: numbers of every size, text of every kind (control characters, quotes, CJK, surrogates)', () => {
    fc.assert(
      fc.property(answer, (value) => jsonSizeBound(value) >= Buffer.byteLength(JSON.stringify(value))),
      { numRuns: 5000 },
    );
    const awkward = { name: '\u0000"\\\u001f张三\ud83d\ude00\ud800' };
    expect(jsonSizeBound(awkward)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(awkward)));
  });

  it('stays within a small multiple of the real size for a department answer', () => {
    const person = { citizenId: '440106199001011235', name: '张三', registration: { district: 'TIANHE', address: '广州市天河区天河路100号' } };
    const answer = { persons: Array.from({ length: 1000 }, () => person) };
    expect(jsonSizeBound(answer)).toBeLessThan(3 * Buffer.byteLength(JSON.stringify(answer)));
  });
});
