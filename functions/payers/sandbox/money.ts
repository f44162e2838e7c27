/**
 * Integer money arithmetic for the sandbox. Rounding rule (documented, used everywhere): a share of
 * an amount is rounded half up to the cent, computed in integers: ⌊(a·n + d/2) / d⌋ for a, n ≥ 0.
 */

/** a × n / d rounded half up, for non-negative integers (d > 0). */
export function mulDivHalfUp(a: number, n: number, d: number): number {
  if (a < 0 || n < 0 || d <= 0) throw new RangeError('mulDivHalfUp takes non-negative integers and a positive divisor');
  const p = a * n;
  if (!Number.isSafeInteger(p)) throw new RangeError('amount out of safe integer range');
  return Math.floor((p + Math.floor(d / 2)) / d);
}

/** Coinsurance of `cents` at `bps` basis points (2000 = 20%), rounded half up. */
export function basisPoints(cents: number, bps: number): number {
  return mulDivHalfUp(cents, bps, 10_000);
}

/** Parses X12 units ("1", "2.5", ".25") into thousandths; fractions finer than 0.001 are refused. */
export function unitsInThousandths(units: string): number {
  const m = /^(\d*)(?:\.(\d{0,3}))?$/.exec(units);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw new RangeError('units as a decimal with at most three places');
  return Number(m[1] || '0') * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}

/** Days from `from` to `to` (ISO dates), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `date` plus `days`, as an ISO date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
