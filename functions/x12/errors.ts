/** Machine-readable reasons an X12 input or output is rejected. */
export type X12ErrorCode =
  | 'EMPTY_INPUT'
  | 'NO_ISA'
  | 'BAD_ISA'
  | 'WRONG_DELIMITERS'
  | 'BINARY_INPUT'
  | 'UTF16_INPUT'
  | 'SEGMENT_TOO_LONG'
  | 'TRUNCATED'
  | 'BAD_SEGMENT_ID'
  | 'ENVELOPE'
  | 'UNEXPECTED_SEGMENT'
  | 'INVALID_VALUE'
  | 'DELIMITER_IN_VALUE'
  | 'WRITE_MODEL';

/** Where in the input a problem was found. Every field is optional because not every problem has all of them. */
export interface X12Location {
  /** Byte offset of the segment (or the offending byte) from the start of the input. */
  byteOffset?: number;
  /** 1-based position of the segment in the input. */
  segmentPosition?: number;
  segmentId?: string;
  /** 1-based element position in the segment (X12 numbering, e.g. CLP04 = 4). */
  elementPosition?: number;
  /** 1-based component position inside a composite element. */
  componentPosition?: number;
}

/**
 * A typed X12 failure. Messages name locations and expectations only; they never echo element
 * values, which may be PHI.
 */
export class X12Error extends Error implements X12Location {
  readonly code: X12ErrorCode;
  readonly byteOffset?: number;
  readonly segmentPosition?: number;
  readonly segmentId?: string;
  readonly elementPosition?: number;
  readonly componentPosition?: number;
  readonly expected: string;

  constructor(code: X12ErrorCode, expected: string, where: X12Location = {}) {
    super(`${code}: expected ${expected}${describeLocation(where)}`);
    this.name = 'X12Error';
    this.code = code;
    this.expected = expected;
    if (where.byteOffset !== undefined) this.byteOffset = where.byteOffset;
    if (where.segmentPosition !== undefined) this.segmentPosition = where.segmentPosition;
    if (where.segmentId !== undefined) this.segmentId = where.segmentId;
    if (where.elementPosition !== undefined) this.elementPosition = where.elementPosition;
    if (where.componentPosition !== undefined) this.componentPosition = where.componentPosition;
  }
}

/** Severity of a finding: errors make a file invalid, warnings do not. */
export type Severity = 'error' | 'warning';

/** A non-fatal observation (envelope mismatch, guide violation, imbalance) recorded while reading. */
export interface Finding extends X12Location {
  severity: Severity;
  code: string;
  message: string;
}

/** Formats a location for messages, e.g. " at byte 120, segment 7 (CLP), element 4". */
export function describeLocation(where: X12Location): string {
  const parts: string[] = [];
  if (where.byteOffset !== undefined) parts.push(`byte ${where.byteOffset}`);
  if (where.segmentPosition !== undefined) {
    parts.push(`segment ${where.segmentPosition}${where.segmentId ? ` (${where.segmentId})` : ''}`);
  } else if (where.segmentId) parts.push(`segment ${where.segmentId}`);
  if (where.elementPosition !== undefined) {
    parts.push(
      `element ${String(where.elementPosition).padStart(2, '0')}${where.componentPosition !== undefined ? `-${where.componentPosition}` : ''}`,
    );
  }
  return parts.length ? ` at ${parts.join(', ')}` : '';
}
