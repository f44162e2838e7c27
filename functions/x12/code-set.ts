/**
 * Matching an element's characters against a guide's code list without decoding the element: the
 * match is the list's own string, so a listed code costs no allocation.
 */

/** The entry of `codes` equal to text[a, b), or undefined; compared on characters. */
export function codeAt(text: string, a: number, b: number, codes: readonly string[]): string | undefined {
  const n = b - a;
  const c0 = n > 0 ? text.charCodeAt(a) : -1;
  outer: for (let j = 0; j < codes.length; j++) {
    const code = codes[j] as string;
    if (code.length !== n || (n > 0 && code.charCodeAt(0) !== c0)) continue;
    for (let i = 1; i < n; i++) if (text.charCodeAt(a + i) !== code.charCodeAt(i)) continue outer;
    return code;
  }
  return undefined;
}

/** Key of a 1-3 character latin1 code: its length and characters packed into one small integer (never 0). */
function keyOf(c0: number, c1: number, c2: number, n: number): number {
  return (n << 24) | (c0 << 16) | (c1 << 8) | c2;
}

/**
 * A code list ready for matching on characters. A list of 1-3 character latin1 codes (nearly every
 * list of the guides) is an open-addressing table of the codes' keys in a typed array: a lookup is
 * a multiply, a shift and one or two integer compares. Other lists are compared one by one.
 */
export class CodeSet {
  readonly codes: readonly string[];
  /** Keys by slot (0 = empty) and the code of each slot; empty arrays for a list compared one by one. */
  private readonly keys: Int32Array;
  private readonly values: readonly string[];
  private readonly shift: number;
  private readonly mask: number;

  constructor(codes: readonly string[]) {
    this.codes = codes;
    const short = codes.every((c) => c.length >= 1 && c.length <= 3 && [...c].every((ch) => ch.charCodeAt(0) < 256));
    let bits = 3;
    if (short) while (1 << bits < codes.length * 2) bits++;
    const size = short ? 1 << bits : 0;
    const keys = new Int32Array(size);
    const values = new Array<string>(size).fill('');
    for (const c of short ? codes : []) {
      const key = keyOf(c.charCodeAt(0), c.length > 1 ? c.charCodeAt(1) : 0, c.length > 2 ? c.charCodeAt(2) : 0, c.length);
      let slot = Math.imul(key, 0x9e3779b1) >>> (32 - bits);
      while (keys[slot] !== 0 && keys[slot] !== key) slot = (slot + 1) & (size - 1);
      // The first of duplicate codes stands, as a one-by-one comparison would find it.
      if (keys[slot] === key) continue;
      keys[slot] = key;
      values[slot] = c;
    }
    this.keys = keys;
    this.values = values;
    this.shift = 32 - bits;
    this.mask = size - 1;
  }

  /** The code equal to text[a, b) (the list's own string), or undefined. */
  find(text: string, a: number, b: number): string | undefined {
    const keys = this.keys;
    if (keys.length === 0) return codeAt(text, a, b, this.codes);
    const n = b - a;
    if (n < 1 || n > 3) return undefined;
    const c0 = text.charCodeAt(a);
    const c1 = n > 1 ? text.charCodeAt(a + 1) : 0;
    const c2 = n > 2 ? text.charCodeAt(a + 2) : 0;
    if ((c0 | c1 | c2) > 255) return undefined;
    const key = keyOf(c0, c1, c2, n);
    for (let slot = Math.imul(key, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & this.mask) {
      const k = keys[slot] as number;
      if (k === key) return this.values[slot];
      if (k === 0) return undefined;
    }
  }
}
