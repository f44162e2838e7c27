import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCents, parseCents, tryParseCents } from '#functions/x12/decimal.ts';
import { X12Error } from '#functions/x12/errors.ts';

describe('X12 decimals as integer cents', () => {
  it('parses exactly, without floating point', () => {
    expect(tryParseCents('-10')).toBe(-1000);
    expect(tryParseCents('.5')).toBe(50);
    expect(tryParseCents('123.45')).toBe(12345);
    expect(tryParseCents('1.230')).toBe(123);
    expect(tryParseCents('0.07')).toBe(7);
    expect(tryParseCents('-0')).toBe(0);
    expect(tryParseCents('150000.00')).toBe(15000000);
  });

  it('reports sub-cent precision and malformed numbers instead of rounding', () => {
    expect(tryParseCents('1.234')).toBeUndefined();
    for (const bad of ['', '-', '.', '1.2.3', '1e3', '12a', ' 1']) expect(tryParseCents(bad)).toBeUndefined();
    expect(() => parseCents('1.234', 'CLP03')).toThrow(X12Error);
  });

  it('formats cents as X12 decimals and round-trips any amount', () => {
    expect(formatCents(1000)).toBe('10');
    expect(formatCents(1050)).toBe('10.5');
    expect(formatCents(-5)).toBe('-0.05');
    fc.assert(fc.property(fc.integer({ min: -1e13, max: 1e13 }), (c) => tryParseCents(formatCents(c)) === c));
  });
});
