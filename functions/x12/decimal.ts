import { X12Error } from './errors.ts';

/**
 * Parses an X12 decimal (type R) into integer cents without floating point.
 * Accepts an optional sign, digits and one decimal point ("-10", ".5", "123.45", "1.230").
 * Returns `undefined` for a malformed number or for non-zero digits beyond the cent.
 */
export function tryParseCents(text: string): number | undefined {
  return centsAt(text, 0, text.length);
}

/**
 * {@link tryParseCents} of text[a, b), read straight from the characters (the reader parses amounts
 * in place, without a string per amount).
 */
export function centsAt(text: string, a: number, b: number): number | undefined {
  if (b <= a || b - a > 20) return undefined;
  let i = a;
  let negative = false;
  const c0 = text.charCodeAt(a);
  if (c0 === 45 /* - */) {
    negative = true;
    i = a + 1;
  } else if (c0 === 43 /* + */) i = a + 1;
  let whole = 0;
  let digits = 0;
  let c: number;
  for (; i < b; i++) {
    c = text.charCodeAt(i);
    if (c === 46 /* . */) break;
    if (c < 48 || c > 57) return undefined;
    whole = whole * 10 + (c - 48);
    digits++;
  }
  let frac = 0;
  if (i < b) {
    i++; // skip the point
    let place = 0;
    for (; i < b; i++) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
      digits++;
      if (place < 2) frac = frac * 10 + (c - 48);
      else if (c !== 48) return undefined; // a fraction of a cent would be lost
      place++;
    }
    if (place === 1) frac *= 10;
  }
  if (digits === 0) return undefined;
  const cents = whole * 100 + frac;
  if (!Number.isSafeInteger(cents)) return undefined;
  return negative ? (cents === 0 ? 0 : -cents) : cents;
}

/** Like {@link tryParseCents} but throws a typed error naming the field (never its value). */
export function parseCents(text: string, field = 'amount'): number {
  const cents = tryParseCents(text);
  if (cents === undefined) throw new X12Error('INVALID_VALUE', `${field} as an X12 decimal with at most two decimal places`);
  return cents;
}

/** Formats integer cents as an X12 decimal: no trailing zeros, no exponent ("10", "10.5", "123.45", "-0.05"). */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new X12Error('WRITE_MODEL', 'an amount in integer cents');
  const negative = cents < 0;
  const abs = negative ? -cents : cents;
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  let out = String(whole);
  if (frac !== 0) out += frac % 10 === 0 ? `.${frac / 10}` : `.${frac < 10 ? '0' : ''}${frac}`;
  return negative ? `-${out}` : out;
}

/** True when the text is an X12 decimal number (type R), kept as an exact string elsewhere. */
export function isDecimal(text: string): boolean {
  return isDecimalAt(text, 0, text.length);
}

/** {@link isDecimal} of text[a, b). */
export function isDecimalAt(text: string, a: number, b: number): boolean {
  let i = a;
  if (b <= a) return false;
  const c0 = text.charCodeAt(a);
  if (c0 === 45 || c0 === 43) i = a + 1;
  let digits = 0;
  let points = 0;
  for (; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (++points > 1) return false;
      continue;
    }
    if (c < 48 || c > 57) return false;
    digits++;
  }
  return digits > 0;
}

/** True when the text is an unsigned or signed integer (type N0). */
export function isInteger(text: string): boolean {
  return isIntegerAt(text, 0, text.length);
}

/** {@link isInteger} of text[a, b). */
export function isIntegerAt(text: string, a: number, b: number): boolean {
  let i = a;
  if (b <= a) return false;
  if (text.charCodeAt(a) === 45) i = a + 1;
  if (i === b) return false;
  for (; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
