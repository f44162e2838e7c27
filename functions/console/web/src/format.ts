/** Times shown relative and in UTC; money from integer cents. */

/** "3 h ago" (or "in 2 d") from `at` to `now`, both epoch ms. */
export function relative(at: number, now: number): string {
  const seconds = Math.round((now - at) / 1000);
  const abs = Math.abs(seconds);
  const [value, unit] =
    abs < 60
      ? [abs, 's']
      : abs < 3600
        ? [Math.floor(abs / 60), 'min']
        : abs < 86_400
          ? [Math.floor(abs / 3600), 'h']
          : [Math.floor(abs / 86_400), 'd'];
  return seconds >= 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}

/** A duration, e.g. "2 d 4 h". */
export function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** "2026-01-20 09:00:00 UTC". */
export const utc = (at: number): string => `${new Date(at).toISOString().replace('T', ' ').slice(0, 19)} UTC`;

/** "$1,234.56" from cents: the application's one money formatter. */
export { formatDollars as dollars } from '#functions/accounts/money.ts';
