/**
 * The data shape of a transaction-set definition: loops, segments, elements, usage, repeats and code
 * lists, in the spirit of pyx12's XML maps. One engine (reader.ts / writer.ts) walks these.
 */

/** R = required, S = situational, N = not used. */
export type Usage = 'R' | 'S' | 'N';

/**
 * Value types. AN/ID/DT/TM are kept as strings, N0 as a number, R as an exact decimal string, and
 * `$` (an R element holding money) as integer cents.
 */
export type ValueType = 'AN' | 'ID' | 'DT' | 'TM' | 'N0' | 'R' | '$';

/** Values the engine derives instead of the model: they are written automatically and not read back into the model. */
export type Computed = 'hl-id' | 'hl-parent' | 'hl-child' | 'segment-count' | 'control-number' | 'version' | 'line-number';

export interface ElementDef {
  readonly kind: 'element';
  /** Model property; absent for computed/fixed or unused elements. */
  readonly key?: string;
  readonly type: ValueType;
  readonly usage: Usage;
  readonly min: number;
  readonly max: number;
  readonly codes?: readonly string[];
  /** A constant written by the writer and checked by the reader, never in the model (e.g. NM101 'QC' in a qualified NM1). */
  readonly fixed?: string;
  readonly computed?: Computed;
  /** Maximum repetitions; more than 1 makes the value an array split on the repetition separator. */
  readonly repeat?: number;
  /** Components of a composite element; the value becomes an object. */
  readonly components?: readonly ElementDef[];
  /**
   * The element holds a date or time in the format named by the element at this position (DTP03
   * by DTP02, DMG02 by DMG01: D8, RD8, DT, TM), and is checked as one.
   */
  readonly formatFrom?: number;
}

/** A run of element groups that repeats (CAS triplets, PLB pairs, HI codes): read as an array of objects. */
export interface GroupDef {
  readonly kind: 'group';
  readonly key: string;
  readonly count: number;
  readonly elements: readonly ElementDef[];
  /** How many leading groups are required. */
  readonly required: number;
}

export type ElementSpec = ElementDef | GroupDef;

export interface SegmentDef {
  readonly kind: 'segment';
  readonly id: string;
  /** Model property holding this segment (an array when maxUse > 1); a loop's trigger is flattened into the loop. */
  readonly key: string;
  readonly usage: Usage;
  readonly maxUse: number;
  readonly elements: readonly ElementSpec[];
  /** Distinguishes same-id segments at one position, e.g. NM1 with NM101 = QC. */
  readonly match?: { readonly element: number; readonly codes: readonly string[] };
  /** The model holds an array even when maxUse is 1 (REF, DTP, AMT... are always lists). */
  readonly list?: boolean;
  /**
   * Relational syntax notes as the guides print them: a letter and two-digit element positions.
   * P paired (all or none), R required (at least one), C conditional (if the first, then all the
   * others), L list conditional (if the first, then at least one of the others), E exclusion (at
   * most one). E.g. NM1 `['P0809', 'C1110', 'C1203']`.
   */
  readonly syntax?: readonly string[];
}

/** True when the model holds this child as an array. */
export function isList(def: SegmentDef | LoopDef): boolean {
  return def.maxUse > 1 || def.list === true;
}

/**
 * A situational rule of the guide that spans several elements of one loop (e.g. "REF*F8 is required
 * when CLM05-3 is 7 or 8"). The reader reports a broken rule as an error finding; the writer refuses
 * to write it. `holds` sees the loop's model object.
 */
export interface LoopRule {
  readonly code: string;
  /** What was expected, phrased without values. */
  readonly expected: string;
  readonly holds: (loop: Record<string, unknown>) => boolean;
}

export interface LoopDef {
  readonly kind: 'loop';
  /** Guide loop id, e.g. "2100". */
  readonly id: string;
  readonly key: string;
  readonly usage: Usage;
  readonly maxUse: number;
  /** The first child is the trigger segment; its fields are flattened into the loop's object. */
  readonly children: readonly [SegmentDef, ...(SegmentDef | LoopDef)[]];
  readonly rules?: readonly LoopRule[];
  /** The model holds an array even when maxUse is 1 (so that guides sharing a model shape read alike). */
  readonly list?: boolean;
  /**
   * The reader opens this loop itself (with a MISSING_LOOP error) when the trigger of one of its
   * nested loops arrives without this loop's trigger, so that the data is read, not dropped: a CLP
   * whose LX (835 header number) is missing.
   */
  readonly impliable?: boolean;
}

export interface TransactionSetDef {
  /** ST01, e.g. "835". */
  readonly id: string;
  /** Implementation guide (ST03 / GS08), e.g. "005010X221A1". */
  readonly version: string;
  /** GS01 functional identifier code, e.g. "HP". */
  readonly functionalId: string;
  readonly name: string;
  /** The transaction as a loop triggered by ST and closed by SE. */
  readonly root: LoopDef;
}

export const UNBOUNDED = Number.MAX_SAFE_INTEGER;

interface ElementOptions {
  codes?: readonly string[];
  formatFrom?: number;
  fixed?: string;
  computed?: Computed;
  repeat?: number;
}

/** Declares a simple element. `key` undefined leaves the element out of the model. */
export function el(
  key: string | undefined,
  type: ValueType,
  usage: Usage,
  min: number,
  max: number,
  options: ElementOptions = {},
): ElementDef {
  const def: { -readonly [K in keyof ElementDef]: ElementDef[K] } = { kind: 'element', type, usage, min, max };
  if (key !== undefined) def.key = key;
  if (options.codes) def.codes = options.codes;
  if (options.fixed !== undefined) def.fixed = options.fixed;
  if (options.computed) def.computed = options.computed;
  if (options.repeat !== undefined) def.repeat = options.repeat;
  if (options.formatFrom !== undefined) def.formatFrom = options.formatFrom;
  return def;
}

/** An element whose value is a constant code (qualifier) written by the writer and omitted from the model. */
export function fixed(code: string, type: ValueType = 'ID'): ElementDef {
  return { kind: 'element', type, usage: 'R', min: 1, max: Math.max(code.length, 1), fixed: code };
}

/** An element the engine computes (HL numbers, counts, control numbers). */
export function computed(what: Computed, type: ValueType = 'AN', max = 12): ElementDef {
  return { kind: 'element', type, usage: 'R', min: 1, max, computed: what };
}

/** A placeholder for an element position the guide marks "not used". */
export const unused: ElementDef = { kind: 'element', type: 'AN', usage: 'N', min: 0, max: 0 };

/** `count` positions in a row the guide marks "not used" (spread into a segment's elements). */
export function unusedElements(count: number): ElementDef[] {
  return Array.from({ length: count }, () => unused);
}

/** Declares a composite element. */
export function composite(key: string, usage: Usage, components: readonly ElementDef[], repeat?: number): ElementDef {
  const def: { -readonly [K in keyof ElementDef]: ElementDef[K] } = { kind: 'element', key, type: 'AN', usage, min: 0, max: 0, components };
  if (repeat !== undefined) def.repeat = repeat;
  return def;
}

/** Declares a repeating run of elements (e.g. the six CAS triplets). */
export function group(key: string, count: number, required: number, elements: readonly ElementDef[]): GroupDef {
  return { kind: 'group', key, count, required, elements };
}

/** Declares a segment. */
export function seg(
  id: string,
  key: string,
  usage: Usage,
  maxUse: number,
  elements: readonly ElementSpec[],
  match?: { element: number; codes: readonly string[] },
): SegmentDef {
  return match ? { kind: 'segment', id, key, usage, maxUse, elements, match } : { kind: 'segment', id, key, usage, maxUse, elements };
}

/** Attaches the segment's relational syntax notes (see {@link SegmentDef.syntax}). */
export function withSyntax(def: SegmentDef, notes: readonly string[]): SegmentDef {
  return { ...def, syntax: notes };
}

/** Marks a segment or loop as held in an array whatever its maxUse. */
export function asList<T extends SegmentDef | LoopDef>(def: T): T {
  return { ...def, list: true };
}

/** Declares a loop; the first child is its trigger segment. */
export function loop(
  id: string,
  key: string,
  usage: Usage,
  maxUse: number,
  children: readonly [SegmentDef, ...(SegmentDef | LoopDef)[]],
  rules?: readonly LoopRule[],
): LoopDef {
  return rules ? { kind: 'loop', id, key, usage, maxUse, children, rules } : { kind: 'loop', id, key, usage, maxUse, children };
}

/** Position of an element spec list in X12 numbering: groups occupy count × elements positions. */
export function specWidth(spec: ElementSpec): number {
  return spec.kind === 'group' ? spec.count * spec.elements.length : 1;
}
