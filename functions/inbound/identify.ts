/**
 * Says what an inbound payer file is from its first bytes: an X12 interchange's delimiters (from
 * the ISA header), its functional group and its transaction set. It reads only the envelope; the
 * X12 engine reads the rest. Problems name the byte offset, segment and element, never values.
 */
export type InboundKind = '835' | '277CA' | '277' | '999' | '271' | '837' | 'other-x12';

export interface InboundProblem {
  readonly reason: string;
  readonly byteOffset: number;
  readonly segment?: string;
  readonly element?: number;
}

export type Identification =
  | { readonly ok: true; readonly kind: InboundKind; readonly functionalGroup: string; readonly transactionSet: string; readonly version: string }
  | { readonly ok: false; readonly problem: InboundProblem };

const ISA_ELEMENTS = 16;

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

/** Identifies a file from its head (the first few kilobytes are enough). */
export function identifyInbound(head: Uint8Array): Identification {
  const text = new TextDecoder('latin1').decode(head);
  let start = 0;
  if (text.charCodeAt(0) === 0xef && text.charCodeAt(1) === 0xbb && text.charCodeAt(2) === 0xbf) start = 3;
  while (start < text.length && /\s/.test(text[start]!)) start++;
  if (start >= text.length) return { ok: false, problem: { reason: 'the file is empty', byteOffset: 0 } };
  if (text.slice(start, start + 3) !== 'ISA') {
    return { ok: false, problem: { reason: 'not an X12 interchange: expected the ISA segment', byteOffset: start, segment: '(start)' } };
  }
  const elementSeparator = text[start + 3]!;
  if (/[A-Za-z0-9\s]/.test(elementSeparator)) {
    return { ok: false, problem: { reason: 'the ISA element separator is a letter, digit or space', byteOffset: start + 3, segment: 'ISA', element: 1 } };
  }
  // Walk the 16 ISA elements by separator, which also accepts payers whose ISA is not fixed-width.
  let position = start + 3;
  for (let element = 1; element < ISA_ELEMENTS; element++) {
    position = text.indexOf(elementSeparator, position + 1);
    if (position < 0) return { ok: false, problem: { reason: `the ISA segment ends before element ISA${String(element + 1).padStart(2, '0')}`, byteOffset: text.length, segment: 'ISA', element: element + 1 } };
  }
  const componentSeparatorAt = position + 1;
  const terminatorAt = componentSeparatorAt + 1;
  if (terminatorAt >= text.length) return { ok: false, problem: { reason: 'the file ends inside the ISA segment', byteOffset: text.length, segment: 'ISA', element: 16 } };
  const terminator = text[terminatorAt]!;
  const segments: { id: string; elements: string[]; offset: number }[] = [];
  let cursor = terminatorAt + 1;
  while (segments.length < 2 && cursor < text.length) {
    while (cursor < text.length && (text[cursor] === '\r' || text[cursor] === '\n')) cursor++;
    const end = text.indexOf(terminator, cursor);
    if (end < 0) break;
    const elements = text.slice(cursor, end).split(elementSeparator);
    segments.push({ id: elements[0] ?? '', elements, offset: cursor });
    cursor = end + 1;
  }
  const [gs, st] = segments;
  if (!gs || gs.id !== 'GS') {
    return { ok: false, problem: { reason: 'expected a GS segment after ISA', byteOffset: gs?.offset ?? cursor, segment: gs?.id || '(missing)' } };
  }
  if (!st || st.id !== 'ST') {
    return { ok: false, problem: { reason: 'expected an ST segment after GS', byteOffset: st?.offset ?? cursor, segment: st?.id || '(missing)' } };
  }
  const functionalGroup = gs.elements[1] ?? '';
  const version = gs.elements[8] ?? '';
  const transactionSet = st.elements[1] ?? '';
  if (!/^\d{3}$/.test(transactionSet)) {
    return { ok: false, problem: { reason: 'ST01 is not a transaction set identifier', byteOffset: st.offset, segment: 'ST', element: 1 } };
  }
  return { ok: true, kind: kindOf(functionalGroup, version, transactionSet), functionalGroup, transactionSet, version };
}
