/**
 * Calendar validity of X12 date and time values (D8, RD8, DT, TM), on the characters only: no Date
 * objects, no time zone. A value of the right length made of digits is still checked for its month,
 * its day in that month (leap years included) and its hours, minutes and seconds.
 */

function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDay(year: number, month: number, day: number): boolean {
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const max = month === 2 && isLeap(year) ? 29 : (DAYS[month - 1] as number);
  return day <= max;
}

/** CCYYMMDD (8 digits) or YYMMDD (6 digits, the ISA09 and some DT elements) naming a real day. */
export function isCalendarDate(s: string): boolean {
  return isCalendarDateAt(s, 0, s.length);
}

/** {@link isCalendarDate} of s[a, b), read in place (the reader checks dates before it copies them). */
export function isCalendarDateAt(s: string, a: number, b: number): boolean {
  if (b - a === 8) return validDay(digitsAt(s, a, a + 4), digitsAt(s, a + 4, a + 6), digitsAt(s, a + 6, b));
  if (b - a === 6) {
    const yy = digitsAt(s, a, a + 2);
    // Two-digit years: only the leap rule matters, and 00 is taken as 2000 (a leap year).
    return yy >= 0 && validDay(2000 + yy, digitsAt(s, a + 2, a + 4), digitsAt(s, a + 4, b));
  }
  return false;
}

/** HHMM, HHMMSS, HHMMSSD or HHMMSSDD on a 24-hour clock. */
export function isClockTime(s: string): boolean {
  return isClockTimeAt(s, 0, s.length);
}

/** {@link isClockTime} of s[a, b), read in place. */
export function isClockTimeAt(s: string, a: number, b: number): boolean {
  const n = b - a;
  if (n !== 4 && n !== 6 && n !== 7 && n !== 8) return false;
  const hh = digitsAt(s, a, a + 2);
  const mm = digitsAt(s, a + 2, a + 4);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59) return false;
  if (n >= 6) {
    const ss = digitsAt(s, a + 4, a + 6);
    if (ss < 0 || ss > 59) return false;
  }
  return n <= 6 || digitsAt(s, a + 6, b) >= 0;
}

/** Why a date-time period value does not match its format qualifier, or undefined when it does. */
export function periodProblem(format: string, value: string): string | undefined {
  switch (format) {
    case 'D8':
      return value.length === 8 && isCalendarDate(value) ? undefined : 'a calendar date CCYYMMDD';
    case 'RD8': {
      const dash = value.length === 17 ? value.charCodeAt(8) : 0;
      if (dash !== 45) return 'a date range CCYYMMDD-CCYYMMDD';
      const from = value.slice(0, 8);
      const to = value.slice(9);
      if (!isCalendarDate(from) || !isCalendarDate(to)) return 'a date range of two calendar dates CCYYMMDD-CCYYMMDD';
      return from <= to ? undefined : 'a date range whose start is not after its end';
    }
    case 'DT':
      return value.length === 12 && isCalendarDate(value.slice(0, 8)) && isClockTime(value.slice(8))
        ? undefined
        : 'a date and time CCYYMMDDHHMM';
    case 'TM':
      return value.length === 4 && isClockTime(value) ? undefined : 'a time HHMM';
    default:
      return undefined;
  }
}
