/**
 * Idempotency keys. A posting key names one posting exactly once across the system, so
 * replaying the same 835 (or the same patient payment) can never post twice.
 */
import { createHash } from 'node:crypto';

/** What identifies one service line (or the claim-level remainder) of one remittance. */
export interface RemittanceLineRef {
  readonly payerId: string;
  /** TRN02 check/EFT trace number. */
  readonly traceNumber: string;
  /** CLP01. */
  readonly patientControlNumber: string;
  /** CLP07. */
  readonly payerClaimControlNumber: string;
  /** Service line number, or "claim" for claim-level adjustments. */
  readonly line: number | 'claim';
}

const part = (value: string | number): string => encodeURIComponent(String(value));

/** Posting key for an 835 service line: payer, trace number, CLP01, CLP07 and the line. */
export function remittancePostingKey(ref: RemittanceLineRef): string {
  return ['835', ref.payerId, ref.traceNumber, ref.patientControlNumber, ref.payerClaimControlNumber, ref.line].map(part).join('|');
}

/** Posting key for the reversal of an earlier posting; one reversal per posting. */
export function reversalPostingKey(originalPostingKey: string): string {
  return `reversal|${part(originalPostingKey)}`;
}

/** Deterministic entry id for the n-th entry of a posting, so a retried posting writes the same ids. */
export function entryIdFor(postingKey: string, index: number): string {
  return `${createHash('sha256').update(postingKey).digest('hex').slice(0, 24)}-${String(index).padStart(3, '0')}`;
}
