/**
 * Whether an 835 file is whole: the engine's envelope findings and errors that mean it is cut short or
 * its structure is broken (no posting at all), told apart from guide errors (the file is posted all
 * the same). Pure; problems carry positions and codes, never element values.
 */
import { X12Error } from '#functions/x12/index.ts';
import type { Finding } from '#functions/x12/index.ts';
import type { RemittanceFileProblem } from './remittance-file.ts';

/** Envelope findings that mean the file is cut short or its structure is broken. */
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
]);

/** The first structural problem among the findings, or none. */
export function structuralProblem(findings: readonly Finding[]): RemittanceFileProblem | undefined {
  // A wrong SE01 count is only a warning to the engine, but it means segments were lost or added: no posting.
  const f = findings.find((x) => STRUCTURAL.has(x.code) && (x.severity === 'error' || x.code === 'SE_COUNT'));
  if (!f) return undefined;
  return { reason: `${f.code}: ${f.message}`, byteOffset: f.byteOffset ?? 0, ...(f.segmentId ? { segment: f.segmentId } : {}) };
}

/** Guide errors among the findings: errors that are not structural (the file is posted all the same). */
export function guideErrorCount(findings: readonly Finding[]): number {
  return findings.filter((f) => f.severity === 'error' && !STRUCTURAL.has(f.code)).length;
}

/** The problem an engine error names (the reader gave up on the file), or none for any other error. */
export function problemOfError(error: unknown): RemittanceFileProblem | undefined {
  if (!(error instanceof X12Error)) return undefined;
  // X12Error messages name positions and expectations, never element values.
  return { reason: error.message, byteOffset: error.byteOffset ?? 0, ...(error.segmentId ? { segment: error.segmentId } : {}) };
}
