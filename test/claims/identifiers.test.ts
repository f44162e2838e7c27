import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  dayNumber,
  displayIcd10Cm,
  einProblem,
  icd10CmStructureProblems,
  isValidModifier,
  isValidNpi,
  procedureCodeKind,
} from '#functions/claims/index.ts';

describe('NPI check digit (Luhn with the 80840 prefix)', () => {
  it.each([
    ['1234567893', true], // CMS's worked example
    ['1234567890', false],
    ['1245319599', true],
    ['1245319598', false],
    ['2234567890', false],
    ['0234567893', false], // NPIs start with 1 or 2
    ['123456789', false],
  ])('%s → %s', (npi, valid) => expect(isValidNpi(npi)).toBe(valid));

  it('exactly one check digit completes any nine-digit base', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000_000, max: 299_999_999 }), (base) => {
        const valid = Array.from({ length: 10 }, (_, d) => `${base}${d}`).filter(isValidNpi);
        expect(valid).toHaveLength(1);
        // and it agrees with plain Luhn over the 15-digit "80840" + NPI
        const full = `80840${valid[0]}`;
        const sum = [...full].reverse().reduce((s, ch, i) => {
          let n = Number(ch);
          if (i % 2 === 1) {
            n *= 2;
            if (n > 9) n -= 9;
          }
          return s + n;
        }, 0);
        expect(sum % 10).toBe(0);
      }),
    );
  });
});

describe('EIN format', () => {
  it.each([
    ['371234567', null],
    ['37-1234567', null],
    ['071234567', 'prefix 07'],
    ['001234567', 'prefix 00'],
    ['111111111', 'placeholder'],
    ['3712345', 'nine digits'],
  ])('%s', (taxId, expected) => {
    const problem = einProblem(taxId);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toContain(expected);
  });
});

describe('ICD-10-CM structure', () => {
  it.each(['E11.9', 'E119', 'I10', 'S72.001A', 'W19.XXXA', 'T78.40XA', 'Z00.00', 'U07.1', 'T31.0'])('%s is well-formed', (code) => {
    expect(icd10CmStructureProblems(code)).toEqual([]);
  });
  it.each([
    ['E1.19', 'decimal point'],
    ['E11.', 'decimal point'],
    ['1E119', 'starts with a letter'],
    ['EE119', 'second character'],
    ['E11.91234', '3 to 7'],
    ['E1', '3 to 7'],
    ['S72.001', 'seventh character'],
    ['W19.XA', 'placeholder'],
    ['W19.X1XA', 'only X may follow'],
    ['T78.40', 'seventh character'],
  ])('%s is rejected (%s)', (code, fragment) => {
    expect(icd10CmStructureProblems(code).join(' ')).toContain(fragment);
  });
  it('displays codes with the dot after the category', () => {
    expect(displayIcd10Cm('S72001A')).toBe('S72.001A');
    expect(displayIcd10Cm('I10')).toBe('I10');
  });
});

describe('procedure codes and modifiers', () => {
  it.each([
    ['99213', 'cpt-1'],
    ['3074F', 'cpt-2'],
    ['0042T', 'cpt-3'],
    ['J1100', 'hcpcs'],
    ['G0008', 'hcpcs'],
    ['9921', null],
    ['W1234', null],
    ['99213X', null],
    ['j1100', null],
  ])('%s → %s', (code, kind) => expect(procedureCodeKind(code)).toBe(kind));
  it.each([
    ['25', true],
    ['LT', true],
    ['XS', true],
    ['5', false],
    ['25A', false],
    ['lt', false],
  ])('modifier %s → %s', (m, ok) => expect(isValidModifier(m)).toBe(ok));
});

describe('calendar arithmetic', () => {
  it('adds days across month, leap day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2026-04-01')).toBe(90);
  });
  it('rejects impossible dates', () => {
    expect(() => dayNumber('2026-02-30')).toThrow(RangeError);
    expect(() => dayNumber('26-02-01')).toThrow(RangeError);
  });
});
