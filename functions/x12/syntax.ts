/**
 * The one checker of relational syntax notes (P, R, C, L, E) that segment definitions carry as data
 * (`SegmentDef.syntax`, written as the guides print them, e.g. 'P0809').
 */
import type { SegmentDef } from './schema.ts';

export interface ParsedNote {
  readonly kind: 'P' | 'R' | 'C' | 'L' | 'E';
  readonly positions: readonly number[];
  readonly code: string;
  readonly text: string;
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
  return { kind, positions, code: CODES[kind], text };
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
