import { describe, expect, it } from 'vitest';
import { RecentControlNumbers } from '#functions/x12/envelope.ts';

/** The obvious implementation: the last WINDOW numeric and the last WINDOW other control numbers, as strings. */
class Reference {
  private readonly windows = {
    numeric: { seen: new Set<string>(), order: [] as string[] },
    text: { seen: new Set<string>(), order: [] as string[] },
  };
  add(c: string): boolean {
    const w = /^\d{1,9}$/.test(c) ? this.windows.numeric : this.windows.text;
    if (w.seen.has(c)) return false;
    w.seen.add(c);
    w.order.push(c);
    if (w.order.length > RecentControlNumbers.WINDOW) w.seen.delete(w.order.shift() as string);
    return true;
  }
}

describe('duplicate ST02 detection in constant memory', () => {
  it('finds a duplicate within the window and forgets control numbers beyond it', () => {
    const recent = new RecentControlNumbers();
    for (let i = 1; i <= 12_000; i++) expect(recent.add(String(i).padStart(9, '0'))).toBe(true);
    expect(recent.add(String(11_990).padStart(9, '0'))).toBe(false);
    expect(recent.add(String(1).padStart(9, '0'))).toBe(true);
  });

  it('tells "0001" from "001" and from "1", and reads letters too', () => {
    const recent = new RecentControlNumbers();
    expect(['0001', '001', '1', 'A001', 'A001', '0001'].map((c) => recent.add(c))).toEqual([true, true, true, true, false, false]);
  });

  it('agrees with the obvious implementation over a long pseudo-random sequence', () => {
    const recent = new RecentControlNumbers();
    const reference = new Reference();
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 60_000; i++) {
      const r = next();
      const c = r % 50 === 0 ? `X${r % 3000}` : String(r % 25_000).padStart(r % 7 === 0 ? 4 : 9, '0');
      expect(recent.add(c)).toBe(reference.add(c));
    }
  });

  it('agrees with the obvious implementation on control numbers with letters, well beyond the window', () => {
    const recent = new RecentControlNumbers();
    const reference = new Reference();
    let seed = 777;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 60_000; i++) {
      const c = `T${next() % 14_000}`;
      expect(recent.add(c)).toBe(reference.add(c));
    }
  });

  it('tells apart text control numbers whose hashes collide (FNV-1a: costarring and liquid, altarage and zinke...)', () => {
    const fnv = (k: string): number => {
      let h = 0x811c9dc5;
      for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193);
      return (h ^ (h >>> 15)) >>> 0;
    };
    const pairs = [
      ['costarring', 'liquid'],
      ['declinate', 'macallums'],
      ['altarage', 'zinke'],
      ['altarages', 'zinkes'],
    ] as const;
    for (const [a, b] of pairs) expect(fnv(a), `${a} ${b}`).toBe(fnv(b));
    const recent = new RecentControlNumbers();
    const reference = new Reference();
    // Each pair interleaved with filler, repeated past the window so that colliding keys are evicted and re-added.
    for (let i = 0; i < 3 * RecentControlNumbers.WINDOW; i++) {
      const [a, b] = pairs[i % pairs.length] as readonly [string, string];
      for (const c of i % 3 === 0 ? [a, b, `F${i}`] : [`F${i}`, b]) expect(recent.add(c), c).toBe(reference.add(c));
    }
  });
});
