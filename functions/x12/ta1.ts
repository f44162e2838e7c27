/**
 * TA1 interchange acknowledgment: the answer to an interchange's envelope (ISA/IEA), sent in an
 * interchange of its own where it sits between ISA and IEA, outside any GS/GE group.
 *   TA1*<ISA13>*<ISA09>*<ISA10>*<A|E|R>*<note code 000-031>~
 */
import { X12Error } from './errors.ts';
import { digits, interchangeHeader } from './interchange-writer.ts';
import type { ControlNumberSource, InterchangeParties } from './interchange-writer.ts';
import type { Delimiters, Segment } from './tokenizer.ts';
import { DEFAULT_DELIMITERS, serializeSegments } from './writer.ts';

/** TA104: A accepted, E accepted with errors noted, R rejected. */
export type Ta1AcknowledgmentCode = 'A' | 'E' | 'R';

/** TA105 interchange note codes of the X12 interchange control standard (ISA/IEA), 000-031. */
export const TA1_NOTE_CODES = {
  '000': 'No error',
  '001': 'The interchange control number in the header and trailer do not match; the value from the header is used in the acknowledgment',
  '002': 'This standard as noted in the control standards identifier is not supported',
  '003': 'This version of the controls is not supported',
  '004': 'The segment terminator is invalid',
  '005': 'Invalid interchange ID qualifier for sender',
  '006': 'Invalid interchange sender ID',
  '007': 'Invalid interchange ID qualifier for receiver',
  '008': 'Invalid interchange receiver ID',
  '009': 'Unknown interchange receiver ID',
  '010': 'Invalid authorization information qualifier value',
  '011': 'Invalid authorization information value',
  '012': 'Invalid security information qualifier value',
  '013': 'Invalid security information value',
  '014': 'Invalid interchange date value',
  '015': 'Invalid interchange time value',
  '016': 'Invalid interchange standards identifier value',
  '017': 'Invalid interchange version ID value',
  '018': 'Invalid interchange control number value',
  '019': 'Invalid acknowledgment requested value',
  '020': 'Invalid test indicator value',
  '021': 'Invalid number of included groups value',
  '022': 'Invalid control structure',
  '023': 'Improper (premature) end-of-file (transmission)',
  '024': 'Invalid interchange content (e.g., invalid GS segment)',
  '025': 'Duplicate interchange control number',
  '026': 'Invalid data element separator',
  '027': 'Invalid component element separator',
  '028': 'Invalid delivery date in deferred delivery request',
  '029': 'Invalid delivery time in deferred delivery request',
  '030': 'Invalid delivery time code in deferred delivery request',
  '031': 'Invalid grade of service code',
} as const;

export type Ta1NoteCode = keyof typeof TA1_NOTE_CODES;

export function isTa1NoteCode(code: string): code is Ta1NoteCode {
  return Object.hasOwn(TA1_NOTE_CODES, code);
}

/** The TA1 segment's content. */
export interface InterchangeAcknowledgment {
  /** TA101: ISA13 of the interchange acknowledged (9 digits). */
  controlNumber: string;
  /** TA102: its ISA09 date, YYMMDD. */
  date: string;
  /** TA103: its ISA10 time, HHMM. */
  time: string;
  /** TA104. */
  acknowledgmentCode: Ta1AcknowledgmentCode;
  /** TA105. */
  noteCode: Ta1NoteCode;
}

/** What is wrong with a TA1 segment that was read: element and expectation, never the value. */
export interface Ta1ElementProblem {
  elementPosition: number;
  expected: string;
}

/** Reads a TA1 segment; problems name the element and what was expected. */
export function readTa1(segment: Pick<Segment, 'elements'>): { acknowledgment: InterchangeAcknowledgment; problems: Ta1ElementProblem[] } {
  const e = segment.elements;
  const problems: Ta1ElementProblem[] = [];
  const value = (i: number, test: (v: string) => boolean, expected: string): string => {
    const v = e[i] ?? '';
    if (!test(v)) problems.push({ elementPosition: i, expected });
    return v;
  };
  const acknowledgment: InterchangeAcknowledgment = {
    controlNumber: value(1, (v) => /^\d{9}$/.test(v), 'TA101 as the 9-digit interchange control number'),
    date: value(2, (v) => /^\d{6}$/.test(v), 'TA102 as a date YYMMDD'),
    time: value(3, (v) => /^\d{4}$/.test(v), 'TA103 as a time HHMM'),
    acknowledgmentCode: value(4, (v) => v === 'A' || v === 'E' || v === 'R', 'TA104 to be A, E or R') as Ta1AcknowledgmentCode,
    noteCode: value(5, isTa1NoteCode, 'TA105 to be an interchange note code 000-031') as Ta1NoteCode,
  };
  if (e.length > 6) problems.push({ elementPosition: 6, expected: 'at most 5 elements in TA1' });
  return { acknowledgment, problems };
}

/** The TA1 segment's elements, checked. Throws {@link X12Error} rather than write an invalid TA1. */
export function ta1Elements(a: InterchangeAcknowledgment): string[] {
  const { acknowledgment, problems } = readTa1({ elements: ['TA1', a.controlNumber, a.date, a.time, a.acknowledgmentCode, a.noteCode] });
  const first = problems[0];
  if (first) throw new X12Error('WRITE_MODEL', first.expected, { segmentId: 'TA1', elementPosition: first.elementPosition });
  return [
    'TA1',
    acknowledgment.controlNumber,
    acknowledgment.date,
    acknowledgment.time,
    acknowledgment.acknowledgmentCode,
    acknowledgment.noteCode,
  ];
}

/**
 * Writes an interchange holding only TA1 acknowledgments: ISA, one TA1 per acknowledged interchange,
 * IEA with IEA01 = 0 (a TA1 is not a functional group). ISA14 is 0: an acknowledgment is never
 * itself acknowledged. Throws {@link X12Error} before writing anything invalid.
 */
export function writeTa1Interchange(
  parties: InterchangeParties,
  acknowledgments: readonly InterchangeAcknowledgment[],
  controls: ControlNumberSource,
  delimiters: Delimiters = DEFAULT_DELIMITERS,
  lineBreaks = true,
): string {
  if (acknowledgments.length === 0) throw new X12Error('WRITE_MODEL', 'at least one TA1 acknowledgment', { segmentId: 'TA1' });
  const ta1s = acknowledgments.map(ta1Elements);
  const isa13 = digits(controls.next('interchange'), 9, 'ISA13');
  const segments = [interchangeHeader({ ...parties, acknowledgmentRequested: '0' }, isa13, delimiters), ...ta1s, ['IEA', '0', isa13]];
  return serializeSegments(segments, delimiters, lineBreaks);
}
