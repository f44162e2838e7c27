/**
 * Calendar-date arithmetic on ISO `YYYY-MM-DD` strings, in whole days and UTC, so that
 * deadlines never depend on the machine's time zone or the wall clock.
 */
const MS_PER_DAY = 86_400_000;

/** Day number (days since 1970-01-01) of a calendar date; throws on a malformed date. */
export function dayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError('not a YYYY-MM-DD date');
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    throw new RangeError('not a real calendar date');
  return ms / MS_PER_DAY;
}

/** The calendar date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
