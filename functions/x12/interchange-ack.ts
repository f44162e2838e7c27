/**
 * Builds the TA1 answer to an incoming interchange from its raw bytes: reads the ISA (through the
 * engine's one ISA reader), checks its sixteen elements and the envelope structure up to its IEA,
 * and says accepted (A), accepted with errors (E) or rejected (R) with the TA105 note code of the
 * most serious problem. Pure: the caller passes the date and time and its own identity. Problems
 * name positions and expectations, never the values read.
 */
import { EnvelopeReader } from './envelope.ts';
import type { TransactionSink } from './envelope.ts';
import { X12Error } from './errors.ts';
import type { ControlNumberSource, InterchangeParties } from './interchange-writer.ts';
import { isAlnum, scanIsa, skipLeadingSpace, startsWithIsa } from './isa.ts';
import { writeTa1Interchange } from './ta1.ts';
import type { InterchangeAcknowledgment, Ta1AcknowledgmentCode, Ta1NoteCode } from './ta1.ts';
import { SegmentScanner } from './tokenizer.ts';
import type { Delimiters, Segment } from './tokenizer.ts';
import { DEFAULT_DELIMITERS } from './writer.ts';

/** One problem with the incoming interchange, as a TA1 note. */
export interface Ta1Problem {
  noteCode: Ta1NoteCode;
  /** E: noted, the interchange is still accepted; R: the interchange is rejected. */
  severity: 'E' | 'R';
  /** What was expected, without the value found. */
  expected: string;
  byteOffset?: number;
  segmentPosition?: number;
  segmentId?: string;
  elementPosition?: number;
}

/** The incoming ISA's fields as far as they could be read (trimmed). */
export interface IncomingInterchange {
  senderQualifier?: string;
  senderId?: string;
  receiverQualifier?: string;
  receiverId?: string;
  date?: string;
  time?: string;
  version?: string;
  controlNumber?: string;
  usageIndicator?: string;
}

export interface PartyId {
  qualifier: string;
  id: string;
}

export interface AcknowledgeOptions {
  /** Our interchange id: the answer's sender when the incoming ISA07/ISA08 cannot be used. */
  us: PartyId;
  /** The answer's receiver when the incoming ISA05/ISA06 cannot be used. */
  fallbackPartner: PartyId;
  /** The answer's date (CCYYMMDD) and time (HHMM): the engine reads no clock. */
  date: string;
  time: string;
  /** ISA07/ISA08 values this system answers to; any other is 009 (unknown receiver). Default: any. */
  knownReceivers?: readonly PartyId[];
  /** Whether this sender's ISA13 was received before (025, duplicate interchange control number). */
  isDuplicate?: (incoming: { senderQualifier: string; senderId: string; controlNumber: string }) => boolean;
  /** ISA15 of the answer when the incoming one is unreadable. Default P. */
  usageIndicator?: 'P' | 'T';
}

export interface InterchangeAcknowledgmentResult {
  /** The TA1 to send (TA101-TA103 echo the incoming ISA13, ISA09, ISA10 when they are valid). */
  acknowledgment: InterchangeAcknowledgment;
  /** Every problem found, in input order; the TA105 note is the first with the deciding severity. */
  problems: Ta1Problem[];
  incoming: IncomingInterchange;
  /** Envelope parties of the answer: the incoming receiver answers the incoming sender. */
  parties: InterchangeParties;
}

/** ISA05/ISA07 interchange ID qualifiers of the 5010 interchange control standard. */
export const INTERCHANGE_ID_QUALIFIERS = ['01', '14', '20', '27', '28', '29', '30', '33', 'ZZ'] as const;

const SUPPORTED_VERSION = '00501';
const SLICE = 64 * 1024;

function validDate(yymmdd: string): boolean {
  if (!/^\d{6}$/.test(yymmdd)) return false;
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const year = 2000 + Number(yymmdd.slice(0, 2));
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= last;
}

function validTime(hhmm: string): boolean {
  return /^\d{4}$/.test(hhmm) && Number(hhmm.slice(0, 2)) < 24 && Number(hhmm.slice(2, 4)) < 60;
}

/** Checks ISA01-ISA15 (raw, untrimmed, `e[0]` = "ISA"); reports problems in element order. */
function checkIsaElements(
  e: readonly string[],
  byteOffset: number,
  delimiters: Delimiters | undefined,
  options: AcknowledgeOptions,
  add: (p: Ta1Problem) => void,
): IncomingInterchange {
  const at = (elementPosition: number) => ({ byteOffset, segmentPosition: 1, segmentId: 'ISA', elementPosition });
  const v = (i: number): string => e[i] ?? '';
  const t = (i: number): string => v(i).trim();
  const problem = (noteCode: Ta1NoteCode, severity: 'E' | 'R', expected: string, element: number): void =>
    add({ noteCode, severity, expected, ...at(element) });
  const qualifiers: readonly string[] = INTERCHANGE_ID_QUALIFIERS;

  if (!['00', '03'].includes(v(1))) problem('010', 'R', 'ISA01 to be 00 or 03', 1);
  if (v(2).length !== 10) problem('011', 'E', 'ISA02 of 10 characters', 2);
  if (!['00', '01'].includes(v(3))) problem('012', 'R', 'ISA03 to be 00 or 01', 3);
  if (v(4).length !== 10) problem('013', 'E', 'ISA04 of 10 characters', 4);
  const party = (qualifierAt: number, code: { qualifier: Ta1NoteCode; id: Ta1NoteCode }, who: string): void => {
    if (!qualifiers.includes(v(qualifierAt)))
      problem(
        code.qualifier,
        'R',
        `ISA${String(qualifierAt).padStart(2, '0')} to be an interchange ID qualifier (${qualifiers.join(', ')})`,
        qualifierAt,
      );
    const id = v(qualifierAt + 1);
    if (id.trim() === '') problem(code.id, 'R', `ISA${String(qualifierAt + 1).padStart(2, '0')} to identify the ${who}`, qualifierAt + 1);
    else if (id.length !== 15)
      problem(code.id, 'E', `ISA${String(qualifierAt + 1).padStart(2, '0')} of 15 characters (space-padded)`, qualifierAt + 1);
  };
  party(5, { qualifier: '005', id: '006' }, 'sender');
  party(7, { qualifier: '007', id: '008' }, 'receiver');
  if (options.knownReceivers && t(8) !== '' && !options.knownReceivers.some((r) => r.qualifier === t(7) && r.id === t(8))) {
    problem('009', 'R', 'ISA07/ISA08 to name a receiver this system answers to', 8);
  }
  if (!validDate(v(9))) problem('014', 'R', 'ISA09 as a date YYMMDD', 9);
  if (!validTime(v(10))) problem('015', 'R', 'ISA10 as a time HHMM', 10);
  const version = v(12);
  if (!/^\d{5}$/.test(version)) problem('017', 'R', 'ISA12 as a 5-digit version number', 12);
  else if (version !== SUPPORTED_VERSION)
    problem('003', 'R', `ISA12 to be ${SUPPORTED_VERSION} (only 5010 interchanges are supported)`, 12);
  if (version === SUPPORTED_VERSION) {
    const r = v(11);
    const c = r.length === 1 ? r.charCodeAt(0) : -1;
    const d = delimiters;
    if (c < 0 || isAlnum(c) || c === 32 || (d && (r === d.element || r === d.component || r === d.segment)))
      problem('016', 'R', 'ISA11 to be a repetition separator distinct from the other delimiters', 11);
  }
  if (!/^\d{9}$/.test(v(13))) problem('018', 'R', 'ISA13 as a 9-digit interchange control number', 13);
  if (!['0', '1'].includes(v(14))) problem('019', 'R', 'ISA14 to be 0 or 1', 14);
  if (!['P', 'T'].includes(v(15))) problem('020', 'R', 'ISA15 to be P or T', 15);
  const incoming: IncomingInterchange = {
    senderQualifier: t(5),
    senderId: t(6),
    receiverQualifier: t(7),
    receiverId: t(8),
    date: v(9),
    time: v(10),
    version,
    controlNumber: v(13),
    usageIndicator: v(15),
  };
  if (
    options.isDuplicate &&
    /^\d{9}$/.test(v(13)) &&
    options.isDuplicate({ senderQualifier: t(5), senderId: t(6), controlNumber: v(13) })
  ) {
    problem('025', 'R', 'ISA13 not received before from this sender', 13);
  }
  return incoming;
}

/** TA1 notes for envelope findings of the interchange (group- and set-level ones belong to the 999). */
const ENVELOPE_NOTES: Record<string, { noteCode: Ta1NoteCode; severity: 'E' | 'R' }> = {
  IEA_CONTROL_NUMBER: { noteCode: '001', severity: 'E' },
  IEA_COUNT: { noteCode: '021', severity: 'E' },
  MISSING_IEA: { noteCode: '023', severity: 'R' },
  IEA_WITHOUT_ISA: { noteCode: '022', severity: 'R' },
  TA1_OUTSIDE_INTERCHANGE: { noteCode: '022', severity: 'R' },
  TA1_MISPLACED: { noteCode: '022', severity: 'R' },
  GS_OUTSIDE_INTERCHANGE: { noteCode: '024', severity: 'R' },
  ST_OUTSIDE_GROUP: { noteCode: '024', severity: 'R' },
  SEGMENT_OUTSIDE_TRANSACTION: { noteCode: '024', severity: 'R' },
  SE_WITHOUT_ST: { noteCode: '024', severity: 'R' },
  GE_WITHOUT_GS: { noteCode: '024', severity: 'R' },
  MISSING_GE: { noteCode: '024', severity: 'R' },
  MISSING_SE: { noteCode: '024', severity: 'R' },
};

/** Tokenizer failures after a readable ISA, as TA1 notes. */
function noteForError(e: X12Error): { noteCode: Ta1NoteCode; severity: 'R' } {
  switch (e.code) {
    case 'TRUNCATED':
      return { noteCode: '023', severity: 'R' };
    case 'WRONG_DELIMITERS':
      return { noteCode: e.expected.includes('segment terminator') ? '004' : '026', severity: 'R' };
    default:
      return { noteCode: '024', severity: 'R' };
  }
}

/** Reads the envelope of the first interchange (up to its IEA) and reports its structural problems. */
function checkStructure(bytes: Uint8Array, add: (p: Ta1Problem) => void): void {
  const ignore: TransactionSink = { open: () => () => undefined, close: () => undefined };
  const envelope = new EnvelopeReader(ignore);
  const scanner = new SegmentScanner();
  const batch: Segment[] = [];
  let last: Segment | undefined;
  let done = false;
  const accept = (s: Segment): void => {
    if (done) return;
    if (s.id === 'ISA' && last) {
      // A second interchange: the first one ended without its IEA.
      envelope.finish(last);
      done = true;
      return;
    }
    if (s.id === 'GS') {
      for (let i = 1; i <= 8; i++) {
        if (!s.elements[i])
          add({
            noteCode: '024',
            severity: 'R',
            expected: `GS${String(i).padStart(2, '0')} in the functional group header`,
            byteOffset: s.byteOffset,
            segmentPosition: s.position,
            segmentId: 'GS',
            elementPosition: i,
          });
      }
    }
    envelope.accept(s);
    last = s;
    if (s.id === 'IEA') done = true;
  };
  try {
    for (let start = 0; start < bytes.length && !done; start += SLICE) {
      scanner.push(bytes.subarray(start, Math.min(bytes.length, start + SLICE)), batch);
      for (const s of batch) accept(s);
      batch.length = 0;
    }
    if (!done) {
      scanner.end(batch);
      for (const s of batch) accept(s);
      if (!done) envelope.finish(last);
    }
  } catch (e) {
    if (!(e instanceof X12Error)) throw e;
    const where: Ta1Problem = { ...noteForError(e), expected: e.expected };
    if (e.byteOffset !== undefined) where.byteOffset = e.byteOffset;
    if (e.segmentPosition !== undefined) where.segmentPosition = e.segmentPosition;
    if (e.segmentId !== undefined) where.segmentId = e.segmentId;
    add(where);
  }
  for (const f of envelope.findings) {
    const note = ENVELOPE_NOTES[f.code];
    if (!note) continue;
    const p: Ta1Problem = { ...note, expected: f.message };
    if (f.byteOffset !== undefined) p.byteOffset = f.byteOffset;
    if (f.segmentPosition !== undefined) p.segmentPosition = f.segmentPosition;
    if (f.segmentId !== undefined) p.segmentId = f.segmentId;
    if (f.elementPosition !== undefined) p.elementPosition = f.elementPosition;
    add(p);
  }
}

const usable = (qualifier: string | undefined, id: string | undefined): boolean =>
  !!qualifier && !!id && (INTERCHANGE_ID_QUALIFIERS as readonly string[]).includes(qualifier) && id.length <= 15 && !/[*:^~\r\n]/.test(id);

/**
 * Decides the TA1 for the first interchange of `input` (one TA1 answers one ISA). The answer's
 * TA101-TA103 echo the incoming ISA13, ISA09 and ISA10 when they are valid; otherwise they are
 * 000000000 and the answer's own date and time. Its envelope swaps the incoming sender and
 * receiver when they can be read, and falls back to `options.us` / `options.fallbackPartner`.
 */
export function acknowledgeInterchange(input: Uint8Array | string, options: AcknowledgeOptions): InterchangeAcknowledgmentResult {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  const problems: Ta1Problem[] = [];
  const add = (p: Ta1Problem): void => {
    problems.push(p);
  };
  let incoming: IncomingInterchange = {};
  const start = skipLeadingSpace(bytes);
  if (start >= bytes.length)
    add({ noteCode: '023', severity: 'R', expected: 'an interchange starting with ISA (the input is empty)', byteOffset: start });
  else if (!startsWithIsa(bytes, start))
    add({ noteCode: '022', severity: 'R', expected: 'ISA at the start of the input', byteOffset: start, segmentPosition: 1 });
  else {
    const scan = scanIsa(bytes, start, true);
    const isa = { byteOffset: start, segmentPosition: 1, segmentId: 'ISA' };
    if (scan.status === 'ok') {
      incoming = checkIsaElements(scan.elements, start, scan.delimiters, options, add);
      checkStructure(bytes, add);
    } else if (scan.status === 'bad') {
      const note: Record<typeof scan.problem, Ta1NoteCode> = {
        ELEMENT_SEPARATOR: '026',
        COMPONENT_SEPARATOR: '027',
        SEGMENT_TERMINATOR: '004',
        TRUNCATED: '023',
        TOO_LONG: '022',
      };
      const expected: Record<typeof scan.problem, string> = {
        ELEMENT_SEPARATOR: 'a non-alphanumeric element separator at ISA byte 3',
        COMPONENT_SEPARATOR: 'ISA16 to be a non-alphanumeric component separator distinct from the element separator',
        SEGMENT_TERMINATOR: 'a segment terminator after ISA16 distinct from the other delimiters',
        TRUNCATED: 'a complete ISA segment',
        TOO_LONG: 'an ISA with 16 elements followed by the segment terminator',
      };
      const p: Ta1Problem = { noteCode: note[scan.problem], severity: 'R', expected: expected[scan.problem], ...isa, byteOffset: scan.at };
      if (scan.problem !== 'ELEMENT_SEPARATOR')
        p.elementPosition = scan.problem === 'TRUNCATED' || scan.problem === 'TOO_LONG' ? scan.separators + 1 : 16;
      add(p);
      // The parties can still be read when all sixteen separators were found.
      if (scan.elements) incoming = checkIsaElements(scan.elements, start, undefined, options, () => undefined);
    }
  }
  const rejected = problems.find((p) => p.severity === 'R');
  const noted = rejected ?? problems[0];
  const acknowledgmentCode: Ta1AcknowledgmentCode = rejected ? 'R' : noted ? 'E' : 'A';
  const date = incoming.date && validDate(incoming.date) ? incoming.date : options.date.slice(2);
  const time = incoming.time && validTime(incoming.time) ? incoming.time : options.time;
  const acknowledgment: InterchangeAcknowledgment = {
    controlNumber: incoming.controlNumber && /^\d{9}$/.test(incoming.controlNumber) ? incoming.controlNumber : '000000000',
    date,
    time,
    acknowledgmentCode,
    noteCode: noted?.noteCode ?? '000',
  };
  const sender = usable(incoming.receiverQualifier, incoming.receiverId)
    ? { qualifier: incoming.receiverQualifier as string, id: incoming.receiverId as string }
    : options.us;
  const receiver = usable(incoming.senderQualifier, incoming.senderId)
    ? { qualifier: incoming.senderQualifier as string, id: incoming.senderId as string }
    : options.fallbackPartner;
  const usage =
    incoming.usageIndicator === 'P' || incoming.usageIndicator === 'T' ? incoming.usageIndicator : (options.usageIndicator ?? 'P');
  const parties: InterchangeParties = {
    senderQualifier: sender.qualifier,
    senderId: sender.id,
    receiverQualifier: receiver.qualifier,
    receiverId: receiver.id,
    date: options.date,
    time: options.time,
    usageIndicator: usage,
    acknowledgmentRequested: '0',
  };
  return { acknowledgment, problems, incoming, parties };
}

/** {@link acknowledgeInterchange}, then the TA1 interchange to send back. */
export function answerWithTa1(
  input: Uint8Array | string,
  options: AcknowledgeOptions,
  controls: ControlNumberSource,
  delimiters: Delimiters = DEFAULT_DELIMITERS,
): InterchangeAcknowledgmentResult & { x12: string } {
  const result = acknowledgeInterchange(input, options);
  return { ...result, x12: writeTa1Interchange(result.parties, [result.acknowledgment], controls, delimiters) };
}
