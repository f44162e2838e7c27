import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, basisPoints, daysBetween, mulDivHalfUp, unitsInThousandths } from '#functions/payers/sandbox/money.ts';

describe('sandbox money', () => {
  it('rounds shares half up, in integers', () => {
    expect(basisPoints(5, 1000)).toBe(1); // 0.5 cent → 1
    expect(basisPoints(4, 1000)).toBe(0); // 0.4 cent → 0
    expect(basisPoints(397, 2000)).toBe(79); // 79.4
    expect(basisPoints(12345, 10000)).toBe(12345);
    expect(mulDivHalfUp(52000, 1200 * 15, 3_650_000)).toBe(256);
    expect(() => mulDivHalfUp(-1, 1, 1)).toThrow(RangeError);
  });

  it('a coinsurance share never exceeds the amount and is within half a cent of the exact share (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (cents, bps) => {
        const share = basisPoints(cents, bps);
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(cents);
        // |share·10000 − cents·bps| ≤ 5000, i.e. at most half a cent off.
        expect(Math.abs(share * 10_000 - cents * bps)).toBeLessThanOrEqual(5_000);
      }),
    );
  });

  it('parses units exactly', () => {
    expect(['1', '2.5', '.25', '0.001', '10'].map(unitsInThousandths)).toEqual([1000, 2500, 250, 1, 10000]);
    for (const bad of ['', '.', '1.0001', '-1', '1e3']) expect(() => unitsInThousandths(bad)).toThrow(RangeError);
  });

  it('counts calendar days', () => {
    expect(daysBetween('2026-01-15', '2026-03-01')).toBe(45);
    expect(addDays('2026-01-15', 45)).toBe('2026-03-01');
    expect(daysBetween('2026-03-01', '2026-01-15')).toBe(-45);
  });
});
