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

/** Longer lists than this are looked up by key instead of compared one by one. */
const LINEAR_LIMIT = 4;

/** Key of a 1-3 character latin1 code: its length and characters packed into one small integer. */
function keyOf(c0: number, c1: number, c2: number, n: number): number {
  return (n << 24) | (c0 << 16) | (c1 << 8) | c2;
}

/** A code list ready for matching on characters: by key when its codes are 1-3 latin1 characters. */
export class CodeSet {
  readonly codes: readonly string[];
  private readonly byKey: Map<number, string> | undefined;

  constructor(codes: readonly string[]) {
    this.codes = codes;
    const short = codes.every((c) => c.length >= 1 && c.length <= 3 && [...c].every((ch) => ch.charCodeAt(0) < 256));
    if (codes.length > LINEAR_LIMIT && short) {
      const map = new Map<number, string>();
      for (const c of codes)
        map.set(keyOf(c.charCodeAt(0), c.length > 1 ? c.charCodeAt(1) : 0, c.length > 2 ? c.charCodeAt(2) : 0, c.length), c);
      this.byKey = map;
    }
  }

  /** The code equal to text[a, b) (the list's own string), or undefined. */
  find(text: string, a: number, b: number): string | undefined {
    const map = this.byKey;
    if (map === undefined) return codeAt(text, a, b, this.codes);
    const n = b - a;
    if (n < 1 || n > 3) return undefined;
    const c0 = text.charCodeAt(a);
    const c1 = n > 1 ? text.charCodeAt(a + 1) : 0;
    const c2 = n > 2 ? text.charCodeAt(a + 2) : 0;
    if ((c0 | c1 | c2) > 255) return undefined;
    return map.get(keyOf(c0, c1, c2, n));
  }
}
