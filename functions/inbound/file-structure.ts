/**
 * Whether an inbound X12 file is whole: the engine's envelope findings and errors that mean it is cut
 * short, its structure is broken or its bytes damaged (nothing in it is used), told apart from guide errors (the file is
 * used all the same). One rule for every payer file we apply: 835 remittances and 999/277CA
 * acknowledgements. Pure; problems carry positions and codes, never element values.
 */
import { X12Error } from '#functions/x12/index.ts';
import type { Finding, ParsedTransaction } from '#functions/x12/index.ts';

/** Where and why a file cannot be used (positions and codes, never content). Shaped like the quarantine report's problem. */
export interface FileProblem {
  readonly reason: string;
  readonly byteOffset: number;
  readonly segment?: string;
  /** 1-based position of the segment in the interchange, when the problem is inside one. */
  readonly segmentPosition?: number;
  /** 1-based position of the element in that segment, when the problem is inside one. */
  readonly element?: number;
}

/** Findings that mean the file is cut short, its structure is broken, or its bytes are damaged. */
const STRUCTURAL = new Set([
  'MISSING_SE',
  'MISSING_GE',
  'MISSING_IEA',
  'SE_COUNT',
  'SE_WITHOUT_ST',
  'GE_WITHOUT_GS',
  'IEA_WITHOUT_ISA',
  'ST_OUTSIDE_GROUP',
  'GS_OUTSIDE_INTERCHANGE',
  'SEGMENT_OUTSIDE_TRANSACTION',
  'BAD_ISA',
  // NUL or another control character inside an element: the bytes were damaged in transit (or the file
  // is not text), so no value of the file can be trusted, not only the one the character sits in.
  'CONTROL_CHARACTER',
]);

/** The first structural problem among the findings, or none. */
export function structuralProblem(findings: readonly Finding[]): FileProblem | undefined {
  // A wrong SE01 count is only a warning to the engine, but it means segments were lost or added: the file is not used.
  const f = findings.find((x) => STRUCTURAL.has(x.code) && (x.severity === 'error' || x.code === 'SE_COUNT'));
  if (!f) return undefined;
  return {
    reason: `${f.code}: ${f.message}`,
    byteOffset: f.byteOffset ?? 0,
    ...(f.segmentId ? { segment: f.segmentId } : {}),
    // A problem inside an element (a control character) also names which segment of the file and which element.
    ...(f.elementPosition !== undefined
      ? { ...(f.segmentPosition !== undefined ? { segmentPosition: f.segmentPosition } : {}), element: f.elementPosition }
      : {}),
  };
}

/** Guide errors among the findings: errors that are not structural (the file is used all the same). */
export function guideErrorCount(findings: readonly Finding[]): number {
  return findings.filter((f) => f.severity === 'error' && !STRUCTURAL.has(f.code)).length;
}

/** The problem an engine error names (the reader gave up on the file), or none for any other error. */
export function problemOfError(error: unknown): FileProblem | undefined {
  if (!(error instanceof X12Error)) return undefined;
  // X12Error messages name positions and expectations, never element values.
  return { reason: error.message, byteOffset: error.byteOffset ?? 0, ...(error.segmentId ? { segment: error.segmentId } : {}) };
}

/**
 * A transaction set that the file's reader does not use: an 835 of another version (a 4010 835) or
 * another set among the payments, a 997 or any other set where 999s or 277CAs are applied. The file
 * is a problem, never a silent skip: skipping it would lose a payment or an acknowledgement while the
 * run reports success. `expected` says what the file is read for ("835 005010X221A1").
 */
export function unreadTransactionProblem(
  transaction: Pick<ParsedTransaction, 'setId' | 'implementationReference' | 'group' | 'byteOffset'>,
  expected: string,
): FileProblem {
  // Named only when they look like what they are (a set id, a version): the file's bytes never reach a report.
  const setId = /^\d{3}$/.test(transaction.setId) ? transaction.setId : '(unreadable id)';
  const version = [transaction.implementationReference, transaction.group?.version].find(
    (v) => v !== undefined && /^[0-9A-Z]{1,12}$/.test(v),
  );
  return {
    reason: `UNREAD_TRANSACTION_SET: transaction set ${setId}${version ? ` ${version}` : ''} in a file read for ${expected}`,
    byteOffset: transaction.byteOffset,
    segment: 'ST',
  };
}
