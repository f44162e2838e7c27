/** Slot markers of both tables: keys and fingerprints are positive. */
const EMPTY = 0;
const DELETED = -1;

/**
 * One open-addressing probe for both tables (numeric keys, and the fingerprints of text keys, each in
 * a Float64Array: one element kind, so the probe stays monomorphic): from `start`, the slot holding
 * `key` as `~slot` (negative), or else the slot to put it in, the first deleted slot on its path or
 * the empty slot that ends it (zero or more). Adding, removing and re-inserting all walk a key's path
 * with it.
 */
function probe(table: Float64Array, key: number, start: number, mask: number): number {
  let free = -1;
  for (let i = start; ; i = (i + 1) & mask) {
    const v = table[i] as number;
    if (v === key) return ~i;
    if (v === EMPTY) return free < 0 ? i : free;
    if (v === DELETED && free < 0) free = i;
  }
}

/**
 * Remembers the most recent control numbers of a group, so that duplicate ST02s are found without
 * memory growing with the file (a 500 MB remittance can hold half a million transaction sets).
 * Numeric control numbers (the usual case) are kept as numbers in typed arrays: an ST costs no
 * allocation, so nothing long-lived churns through the old generation while a big file streams.
 * Other control numbers are kept in a window of their own: their fingerprints in a typed table, the
 * strings in a plain array beside it, rather than a Set: a long-lived Set whose entries come and go
 * is rehashed into tables V8 allocates in the old generation once the Set is old (see
 * TransactionSink in envelope.ts).
 */
export class RecentControlNumbers {
  static readonly WINDOW = 10_000;
  /** Largest open-addressing table of numeric keys (power of two, well above the window for short probes). */
  private static readonly CAPACITY = 32_768;
  /**
   * First table size: most groups hold one or a few transaction sets, and a file of daily
   * interchanges has thousands of groups, so the table starts small and doubles as it fills.
   */
  private static readonly INITIAL = 16;
  private numeric: { table: Float64Array; ring: Float64Array; next: number; size: number; deleted: number } | undefined;
  private text: TextWindow | undefined;

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
    const free = probe(table, key, N.slot(key, mask), mask);
    if (free < 0) return false;
    if (table[free] === DELETED) state.deleted--;
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
    const at = probe(state.table, key, N.slot(key, mask), mask);
    if (at >= 0) return;
    state.table[~at] = DELETED;
    state.deleted++;
  }

  /** Clears tombstones (and grows the table to `capacity`) by re-inserting the ring. */
  private rebuild(capacity: number): void {
    const N = RecentControlNumbers;
    const state = this.numeric as NonNullable<RecentControlNumbers['numeric']>;
    const table = capacity === state.table.length ? state.table.fill(EMPTY) : new Float64Array(capacity);
    state.table = table;
    state.deleted = 0;
    const mask = capacity - 1;
    const { ring } = state;
    for (let r = 0; r < state.size; r++) {
      const key = ring[r] as number;
      table[probe(table, key, N.slot(key, mask), mask)] = key;
    }
  }

  /** FNV-1a of the key's characters, mixed, plus one: a positive fingerprint that is not a slot marker. */
  private static fingerprint(key: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return ((h ^ (h >>> 15)) >>> 0) + 1;
  }

  /**
   * `probe` for a text key: `~slot` where the key is, or a free slot on its path. A slot whose
   * fingerprint matches but holds another string (two keys, one fingerprint) is walked past; any
   * free slot before the path's end is a valid place to add.
   */
  private static findText(state: TextWindow, key: string, fingerprint: number): number {
    const mask = state.table.length - 1;
    let at = probe(state.table, fingerprint, (fingerprint - 1) & mask, mask);
    while (at < 0 && state.keys[~at] !== key) at = probe(state.table, fingerprint, (~at + 1) & mask, mask);
    return at;
  }

  private addText(key: string): boolean {
    const N = RecentControlNumbers;
    const state = (this.text ??= {
      table: new Float64Array(N.INITIAL),
      keys: new Array<string | undefined>(N.INITIAL).fill(undefined),
      ring: [],
      next: 0,
      size: 0,
      deleted: 0,
    });
    const fingerprint = N.fingerprint(key);
    const free = N.findText(state, key, fingerprint);
    if (free < 0) return false;
    const { table } = state;
    if (table[free] === DELETED) state.deleted--;
    table[free] = fingerprint;
    state.keys[free] = key;
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
    const state = this.text as TextWindow;
    const at = RecentControlNumbers.findText(state, key, RecentControlNumbers.fingerprint(key));
    if (at >= 0) return;
    state.table[~at] = DELETED;
    state.keys[~at] = undefined;
    state.deleted++;
  }

  /** Clears tombstones (and grows the table to `capacity`) by re-inserting the ring. */
  private rebuildText(capacity: number): void {
    const state = this.text as TextWindow;
    const same = capacity === state.table.length;
    state.table = same ? state.table.fill(EMPTY) : new Float64Array(capacity);
    state.keys = same ? state.keys.fill(undefined) : new Array<string | undefined>(capacity).fill(undefined);
    state.deleted = 0;
    for (const key of state.ring) {
      const fingerprint = RecentControlNumbers.fingerprint(key);
      const at = RecentControlNumbers.findText(state, key, fingerprint);
      state.table[at] = fingerprint;
      state.keys[at] = key;
    }
  }
}

/** The window of text control numbers: fingerprints in `table`, the strings at the same slots in `keys`. */
interface TextWindow {
  table: Float64Array;
  keys: (string | undefined)[];
  ring: string[];
  next: number;
  size: number;
  deleted: number;
}
