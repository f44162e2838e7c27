/** Money as people read it, from integer cents with integer arithmetic only (no float touches an amount). */

/** `123456` → `$1,234.56`; `-500` → `-$5.00`. The one display form of amounts: letters, statements, the CLI. */
export function formatDollars(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError('an amount in cents must be a whole number');
  const abs = Math.abs(cents);
  const dollars = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rest = String(abs % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}$${dollars}.${rest}`;
}
