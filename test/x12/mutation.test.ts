/** The validator catches every mutant of every supported guide's valid base file (see mutation.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseX12 } from '#functions/x12/parse.ts';
import { detected, GUIDES, mutants } from './mutation.ts';
import type { Mutant } from './mutation.ts';

describe.each(GUIDES)('mutants of $guide', (spec) => {
  it('the base file is valid', () => {
    expect(parseX12(readFileSync(new URL(`../fixtures/x12/${spec.file}`, import.meta.url))).valid).toBe(true);
  });

  it('every mutant is rejected', () => {
    const all = mutants(spec);
    expect(new Set(all.map((m) => m.kind)).size).toBeGreaterThanOrEqual((spec.amounts.length ? 7 : 6) - (spec.noDates ? 1 : 0));
    expect(all.filter((m) => !detected(m)).map((m) => `${m.kind}: ${m.what}`)).toEqual([]);
  });

  it('a broken syntax note is caught by the note, a code of another loop by its code list or form', () => {
    const codes = (m: Mutant): string[] => {
      const r = parseX12(m.text);
      return [...r.findings, ...r.transactions.flatMap((t) => t.findings)].filter((f) => f.severity === 'error').map((f) => f.code);
    };
    for (const m of mutants(spec)) {
      if (m.kind === 'syntax note broken')
        expect(
          codes(m).some((c) => c.startsWith('SYNTAX_')),
          m.what,
        ).toBe(true);
      // External code lists (CARC, RARC) are checked for their form only; a qualifier where the loop
      // uses no such element (X212 2100E NM108) is a Not Used element carrying data.
      if (m.kind === 'code of another loop')
        expect(
          codes(m).some((c) => ['INVALID_CODE', 'INVALID_ADJUSTMENT_REASON', 'INVALID_REMARK_CODE', 'UNUSED_ELEMENT'].includes(c)),
          m.what,
        ).toBe(true);
    }
  });
});
