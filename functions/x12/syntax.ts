/**
 * The one checker of relational syntax notes (P, R, C, L, E) that segment definitions carry as data
 * (`SegmentDef.syntax`, written as the guides print them, e.g. 'P0809').
 */
import type { SegmentDef } from './schema.ts';
import type { NotesCheck } from './segment-reader.ts';

export interface ParsedNote {
  readonly kind: 'P' | 'R' | 'C' | 'L' | 'E';
  readonly positions: readonly number[];
  readonly code: string;
  readonly text: string;
  /** The positions as bits (bit n = element n), or 0 when one is past bit 30: see {@link noteHoldsBits}. */
  readonly mask: number;
}

const CODES = {
  P: 'SYNTAX_PAIRED',
  R: 'SYNTAX_REQUIRED',
  C: 'SYNTAX_CONDITIONAL',
  L: 'SYNTAX_LIST_CONDITIONAL',
  E: 'SYNTAX_EXCLUSION',
} as const;

/** Parses one note; throws on a malformed one (a definition error, found by the tests that load every definition). */
export function parseNote(segmentId: string, note: string): ParsedNote {
  const kind = note[0];
  const digits = note.slice(1);
  if (!(kind === 'P' || kind === 'R' || kind === 'C' || kind === 'L' || kind === 'E') || !/^(\d\d){2,}$/.test(digits))
    throw new Error(`malformed syntax note on ${segmentId}: ${note}`);
  const positions = (digits.match(/\d\d/g) as string[]).map(Number);
  const names = positions.map((p) => `${segmentId}${String(p).padStart(2, '0')}`);
  const [first, ...rest] = names;
  const text = {
    P: `${names.join(', ')} all present or all absent`,
    R: `at least one of ${names.join(', ')}`,
    C: `${rest.join(', ')} when ${first} is present`,
    L: `at least one of ${rest.join(', ')} when ${first} is present`,
    E: `at most one of ${names.join(', ')}`,
  }[kind];
  const mask = positions.every((p) => p < 31) ? positions.reduce((m, p) => m | (1 << p), 0) : 0;
  return { kind, positions, code: CODES[kind], text, mask };
}

const cache = new WeakMap<SegmentDef, readonly ParsedNote[]>();

/** The parsed notes of a definition, parsed once. */
export function notesOf(def: SegmentDef): readonly ParsedNote[] {
  let notes = cache.get(def);
  if (notes === undefined) {
    notes = (def.syntax ?? []).map((n) => parseNote(def.id, n));
    cache.set(def, notes);
  }
  return notes;
}

/** What a note looks at: whether element n of a segment is present (not absent, not empty). */
export interface Presence {
  has(position: number): boolean;
}

/** True when the note holds for a segment (a scanned segment answers `has` from its offsets). */
export function noteHolds(note: ParsedNote, segment: Presence): boolean {
  let present = 0;
  const positions = note.positions;
  for (let i = 0; i < positions.length; i++) if (segment.has(positions[i] as number)) present++;
  const n = positions.length;
  const firstPresent = segment.has(positions[0] as number);
  switch (note.kind) {
    case 'P':
      return present === 0 || present === n;
    case 'R':
      return present > 0;
    case 'C':
      return !firstPresent || present === n;
    case 'L':
      return !firstPresent || present > 1;
    case 'E':
      return present <= 1;
  }
}

/** Set bits in a 31-bit number. */
function bitCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * {@link noteHolds} from the segment's present elements as bits (bit n = element n present), for a
 * note whose `mask` is not 0: one bit count per note instead of a look at each position.
 */
export function noteHoldsBits(note: ParsedNote, present: number): boolean {
  const count = bitCount(present & note.mask);
  const n = note.positions.length;
  const firstPresent = (present & (1 << (note.positions[0] as number))) !== 0;
  switch (note.kind) {
    case 'P':
      return count === 0 || count === n;
    case 'R':
      return count > 0;
    case 'C':
      return !firstPresent || count === n;
    case 'L':
      return !firstPresent || count > 1;
    case 'E':
      return count <= 1;
  }
}

/**
 * The check of `notes` generated as straight-line code: each position a note names is looked up once
 * on the segment's element offsets, and each note is its count compared with constants; a broken note
 * is reported as {@link noteHolds} would find it, in the notes' order (message and position alike).
 * Positions, codes and texts come from the definitions.
 */
export function compileNotesCheck(notes: readonly ParsedNote[]): NotesCheck {
  const positions = [...new Set(notes.flatMap((note) => note.positions))];
  let body =
    'return function checkNotes(segment, reporter) {\nconst n = segment.count;\nconst B = segment.bounds;\nconst at = segment.at;\nlet c;\n';
  for (const p of positions) body += `const h${p} = ${p} < n && B[at + ${p}] !== B[at + ${p} + 1] - 1;\n`;
  for (const note of notes) {
    const n = note.positions.length;
    const first = note.positions[0] as number;
    const holds = { P: `c === 0 || c === ${n}`, R: 'c > 0', C: `!h${first} || c === ${n}`, L: `!h${first} || c > 1`, E: 'c <= 1' }[
      note.kind
    ];
    body += `c = ${note.positions.map((p) => `(h${p} ? 1 : 0)`).join(' + ')};\n`;
    body += `if (!(${holds})) reporter.report('error', ${JSON.stringify(note.code)}, ${JSON.stringify(note.text)}, segment, ${first});\n`;
  }
  body += '};';
  return new Function(body)() as NotesCheck;
}
