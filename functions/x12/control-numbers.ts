/**
 * Remembers the most recent control numbers of a group, so that duplicate ST02s are found without
 * memory growing with the file (a 500 MB remittance can hold half a million transaction sets).
 * Numeric control numbers (the usual case) are kept as numbers in typed arrays: an ST costs no
 * allocation, so nothing long-lived churns through the old generation while a big file streams.
 * Other control numbers are kept as strings in a window of their own, in an open-addressing table
 * of plain arrays rather than a Set: a long-lived Set whose entries come and go is rehashed into
 * tables V8 allocates in the old generation once the Set is old (see TransactionSink in envelope.ts).
 */
/**
 * One open-addressing probe for both tables (numeric keys in a Float64Array, text keys in an array):
 * from `start`, the slot holding `key` as `~slot` (negative), or else the slot to put it in, the
 * first deleted slot on its path or the empty slot that ends it (zero or more). Adding, removing and
 * re-inserting all walk a key's path with it.
 */
function probe<K>(table: ArrayLike<K>, key: K, start: number, mask: number, empty: K, deleted: K): number {
  let free = -1;
  for (let i = start; ; i = (i + 1) & mask) {
    const v = table[i] as K;
    if (v === key) return ~i;
    if (v === empty) return free < 0 ? i : free;
    if (v === deleted && free < 0) free = i;
  }
}

export class RecentControlNumbers {
  static readonly WINDOW = 10_000;
  /** Largest open-addressing table of numeric keys (power of two, well above the window for short probes). */
  private static readonly CAPACITY = 32_768;
  /**
   * First table size: most groups hold one or a few transaction sets, and a file of daily
   * interchanges has thousands of groups, so the table starts small and doubles as it fills.
   */
  private static readonly INITIAL = 16;
  private static readonly EMPTY = 0;
  private static readonly DELETED = -1;
  private numeric: { table: Float64Array; ring: Float64Array; next: number; size: number; deleted: number } | undefined;
  /** Text keys: `undefined` is an empty slot, `null` a deleted one. */
  private text: { table: (string | null | undefined)[]; ring: string[]; next: number; size: number; deleted: number } | undefined;

  /** Adds a control number; returns false when it was already among the recent ones. */
  add(controlNumber: string): boolean {
    const key = RecentControlNumbers.numericKey(controlNumber);
    return key === undefined ? this.addText(controlNumber) : this.addNumeric(key);
  }

  /** 1-9 digits as length × 10^9 + value (exact, and distinct for "0001" and "001"); otherwise undefined. */
  private static numericKey(s: string): number | undefined {
    const n = s.length;
    if (n === 0 || n > 9) return undefined;
    let value = 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      value = value * 10 + c;
    }
    return n * 1e9 + value;
  }

  private static slot(key: number, mask: number): number {
    return (Math.imul(key % 1e9, 0x9e3779b1) ^ Math.floor(key / 1e9)) & mask;
  }

  private addNumeric(key: number): boolean {
    const N = RecentControlNumbers;
    const state = (this.numeric ??= {
      table: new Float64Array(N.INITIAL),
      ring: new Float64Array(N.INITIAL),
      next: 0,
      size: 0,
      deleted: 0,
    });
    const { table } = state;
    const mask = table.length - 1;
    const free = probe(table, key, N.slot(key, mask), mask, N.EMPTY, N.DELETED);
    if (free < 0) return false;
    if (table[free] === N.DELETED) state.deleted--;
    table[free] = key;
    if (state.size < N.WINDOW) {
      if (state.size === state.ring.length) {
        const ring = new Float64Array(Math.min(N.WINDOW, state.ring.length * 2));
        ring.set(state.ring);
        state.ring = ring;
      }
      state.size++;
    } else this.removeNumeric(state.ring[state.next] as number);
    state.ring[state.next] = key;
    state.next = (state.next + 1) % N.WINDOW;
    const grow = table.length < N.CAPACITY && (state.size + state.deleted) * 2 > table.length;
    if (grow || state.deleted > table.length / 4) this.rebuild(grow ? table.length * 2 : table.length);
    return true;
  }

  private removeNumeric(key: number): void {
    const N = RecentControlNumbers;
    const state = this.numeric as NonNullable<RecentControlNumbers['numeric']>;
    const mask = state.table.length - 1;
    const at = probe(state.table, key, N.slot(key, mask), mask, N.EMPTY, N.DELETED);
    if (at >= 0) return;
    state.table[~at] = N.DELETED;
    state.deleted++;
  }

  /** Clears tombstones (and grows the table to `capacity`) by re-inserting the ring. */
  private rebuild(capacity: number): void {
    const N = RecentControlNumbers;
    const state = this.numeric as NonNullable<RecentControlNumbers['numeric']>;
    const table = capacity === state.table.length ? state.table.fill(N.EMPTY) : new Float64Array(capacity);
    state.table = table;
    state.deleted = 0;
    const mask = capacity - 1;
    const { ring } = state;
    for (let r = 0; r < state.size; r++) {
      const key = ring[r] as number;
      table[probe(table, key, N.slot(key, mask), mask, N.EMPTY, N.DELETED)] = key;
    }
  }

  /** FNV-1a of the key's characters. */
  private static textSlot(key: string, mask: number): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return (h ^ (h >>> 15)) & mask;
  }

  private addText(key: string): boolean {
    const N = RecentControlNumbers;
    const state = (this.text ??= {
      table: new Array<string | null | undefined>(N.INITIAL).fill(undefined),
      ring: [],
      next: 0,
      size: 0,
      deleted: 0,
    });
    const { table } = state;
    const mask = table.length - 1;
    const free = probe<string | null | undefined>(table, key, N.textSlot(key, mask), mask, undefined, null);
    if (free < 0) return false;
    if (table[free] === null) state.deleted--;
    table[free] = key;
    if (state.size < N.WINDOW) {
      state.ring.push(key);
      state.size++;
    } else {
      this.removeText(state.ring[state.next] as string);
      state.ring[state.next] = key;
    }
    state.next = (state.next + 1) % N.WINDOW;
    const grow = table.length < N.CAPACITY && (state.size + state.deleted) * 2 > table.length;
    if (grow || state.deleted > table.length / 4) this.rebuildText(grow ? table.length * 2 : table.length);
    return true;
  }

  private removeText(key: string): void {
    const state = this.text as NonNullable<RecentControlNumbers['text']>;
    const mask = state.table.length - 1;
    const at = probe<string | null | undefined>(state.table, key, RecentControlNumbers.textSlot(key, mask), mask, undefined, null);
    if (at >= 0) return;
    state.table[~at] = null;
    state.deleted++;
  }

  /** Clears tombstones (and grows the table to `capacity`) by re-inserting the ring. */
  private rebuildText(capacity: number): void {
    const state = this.text as NonNullable<RecentControlNumbers['text']>;
    const table =
      capacity === state.table.length ? state.table.fill(undefined) : new Array<string | null | undefined>(capacity).fill(undefined);
    state.table = table;
    state.deleted = 0;
    const mask = capacity - 1;
    for (const key of state.ring)
      table[probe<string | null | undefined>(table, key, RecentControlNumbers.textSlot(key, mask), mask, undefined, null)] = key;
  }
}
