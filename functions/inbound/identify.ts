/**
 * Says what an inbound payer file is from its first bytes: an X12 interchange's delimiters (from
 * the ISA header), its functional group and its transaction set. The ISA is read by the X12
 * engine's one ISA reader and the segments after it by the engine's tokenizer; this module only
 * decides what the head means. Problems name the byte offset, segment and element, never values.
 */
import { X12Error } from '#functions/x12/errors.ts';
import { scanIsa, skipLeadingSpace, startsWithIsa } from '#functions/x12/isa.ts';
import { SegmentScanner } from '#functions/x12/tokenizer.ts';
import type { Segment } from '#functions/x12/tokenizer.ts';

export type InboundKind = '835' | '277CA' | '277' | '999' | '271' | '837' | 'other-x12';

export interface InboundProblem {
  readonly reason: string;
  readonly byteOffset: number;
  readonly segment?: string;
  readonly element?: number;
}

export type Identification =
  | {
      readonly ok: true;
      readonly kind: InboundKind;
      readonly functionalGroup: string;
      readonly transactionSet: string;
      readonly version: string;
    }
  | { readonly ok: false; readonly problem: InboundProblem };

function kindOf(functionalGroup: string, version: string, transactionSet: string): InboundKind {
  switch (functionalGroup) {
    case 'HP':
      return '835';
    case 'FA':
      return '999';
    case 'HB':
      return '271';
    case 'HC':
      return '837';
    case 'HN':
      return version.includes('X214') ? '277CA' : '277';
    default:
      return transactionSet === '835' ? '835' : 'other-x12';
  }
}

const problem = (p: InboundProblem): Identification => ({ ok: false, problem: p });
const isaElement = (n: number): string => `ISA${String(n).padStart(2, '0')}`;

/** Why the ISA header cannot be read, in the words (and at the positions) of this module's reports. */
function isaProblem(head: Uint8Array, start: number): InboundProblem | undefined {
  const scan = scanIsa(head, start, true);
  if (scan.status !== 'bad') return undefined;
  switch (scan.problem) {
    case 'ELEMENT_SEPARATOR':
      return { reason: 'the ISA element separator is a letter, digit or space', byteOffset: start + 3, segment: 'ISA', element: 1 };
    case 'TRUNCATED':
      if (scan.separators < 16)
        return {
          reason: `the ISA segment ends before element ${isaElement(scan.separators + 1)}`,
          byteOffset: head.length,
          segment: 'ISA',
          element: scan.separators + 1,
        };
      return { reason: 'the file ends inside the ISA segment', byteOffset: head.length, segment: 'ISA', element: 16 };
    case 'TOO_LONG':
      return {
        reason: `the ISA segment has no element ${isaElement(scan.separators + 1)} within its first 512 bytes`,
        byteOffset: start,
        segment: 'ISA',
        element: scan.separators + 1,
      };
    default:
      return {
        reason: 'the ISA component separator (ISA16) or segment terminator is a letter, a digit or another delimiter',
        byteOffset: scan.at,
        segment: 'ISA',
        element: 16,
      };
  }
}

/** The complete segments of the head (the head may end inside a segment), up to the first malformed one. */
function segmentsOf(head: Uint8Array): { segments: Segment[]; error?: X12Error } {
  const segments: Segment[] = [];
  try {
    new SegmentScanner().push(head, segments);
    return { segments };
  } catch (e) {
    if (!(e instanceof X12Error)) throw e;
    return { segments, error: e };
  }
}

/** Offset of the first content byte after `segment` (past its terminator and any whitespace). */
function after(head: Uint8Array, segment: Segment): number {
  const end = head.indexOf(segment.delimiters.segment.charCodeAt(0), segment.byteOffset);
  return end < 0 ? head.length : skipLeadingSpace(head, end + 1);
}

/** Identifies a file from its head (the first few kilobytes are enough). */
export function identifyInbound(head: Uint8Array): Identification {
  const start = skipLeadingSpace(head);
  if (start >= head.length) return problem({ reason: 'the file is empty', byteOffset: 0 });
  if (!startsWithIsa(head, start))
    return problem({ reason: 'not an X12 interchange: expected the ISA segment', byteOffset: start, segment: '(start)' });
  const bad = isaProblem(head, start);
  if (bad) return problem(bad);
  const { segments, error } = segmentsOf(head);
  const [isa, gs, st] = segments;
  // A segment the tokenizer could not read, where GS or ST should be.
  const unreadable = (position: number): InboundProblem | undefined =>
    error && error.segmentPosition === position
      ? { reason: '', byteOffset: error.byteOffset ?? head.length, segment: '(unreadable)' }
      : undefined;
  if (!gs || gs.id !== 'GS') {
    const where = unreadable(2) ?? { byteOffset: gs?.byteOffset ?? (isa ? after(head, isa) : head.length), segment: gs?.id || '(missing)' };
    return problem({ ...where, reason: 'expected a GS segment after ISA' });
  }
  if (!st || st.id !== 'ST') {
    const where = unreadable(3) ?? { byteOffset: st?.byteOffset ?? after(head, gs), segment: st?.id || '(missing)' };
    return problem({ ...where, reason: 'expected an ST segment after GS' });
  }
  const functionalGroup = gs.elements[1] ?? '';
  const version = gs.elements[8] ?? '';
  const transactionSet = st.elements[1] ?? '';
  if (!/^\d{3}$/.test(transactionSet)) {
    return problem({ reason: 'ST01 is not a transaction set identifier', byteOffset: st.byteOffset, segment: 'ST', element: 1 });
  }
  return { ok: true, kind: kindOf(functionalGroup, version, transactionSet), functionalGroup, transactionSet, version };
}
