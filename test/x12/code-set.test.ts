/** CodeSet (a typed-array table for short lists) finds exactly what comparing one by one finds. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeSet, codeAt } from '#functions/x12/code-set.ts';

const char = fc.constantFrom('A', 'B', 'Z', '0', '1', '9', ' ', '\u0000', 'é', 'Ā');
const code = fc.string({ unit: char, minLength: 0, maxLength: 4 });

describe('CodeSet', () => {
  it('finds the list’s own string for text[a, b) exactly when comparing one by one does', () => {
    fc.assert(
      fc.property(fc.array(code, { maxLength: 40 }), code, code, code, (codes, before, value, after) => {
        const set = new CodeSet(codes);
        const text = before + value + after;
        const a = before.length;
        const b = a + value.length;
        const found = set.find(text, a, b);
        expect(found).toBe(codeAt(text, a, b, codes));
        if (found !== undefined) expect(codes.indexOf(found)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 3000 },
    );
  });
  it('finds every code of a long list', () => {
    const codes = Array.from({ length: 600 }, (_, i) => i.toString(36).toUpperCase());
    const set = new CodeSet(codes);
    for (const c of codes) expect(set.find(`*${c}*`, 1, 1 + c.length)).toBe(c);
    expect(set.find('ZZZ', 0, 3)).toBeUndefined();
  });
});
