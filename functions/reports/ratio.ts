/**
 * Rates as exact rationals: a count or cents over a count or cents, kept as the two integers; the
 * basis points (1/100 of a percent) are derived by integer arithmetic, rounded half up, never by
 * dividing floats of money.
 */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

/** A ratio of two integers. */
export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator };
}

/** `value / ratio-denominator` scaled by `scale` and rounded half away from zero, or null when the denominator is 0. */
export function scaled(r: Ratio, scale: number): number | null {
  if (r.denominator === 0) return null;
  const n = BigInt(r.numerator) * BigInt(scale);
  const d = BigInt(r.denominator);
  const sign = n < 0n !== d < 0n ? -1n : 1n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  return Number(sign * ((2n * an + ad) / (2n * ad)));
}

/** The ratio in basis points (10,000 = 100 %), or null when nothing is measured. */
export function basisPoints(r: Ratio): number | null {
  return scaled(r, 10_000);
}
