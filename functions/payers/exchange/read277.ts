/**
 * A payer's 277 claim status response (005010X212) → per claim, what a follow-up workflow needs:
 * our patient control number, the payer's claim number, the STC codes, the phase they put the claim in,
 * and the amounts and dates of the payer's decision. No names, member ids or service dates.
 */
import type { ClaimStatus27x, StatusTracking } from '#functions/x12/index.ts';
import { isoDate, phaseOf, statusSummaries, transactionsOf } from './common.ts';
import type { ClaimStatusPhase, FindingSummary, StatusSummary } from './common.ts';

/** One claim's status as the payer reports it. */
export interface ClaimStatusResult {
  /** REF*EJ, else TRN02 (which our 276 sets to the patient control number unless told otherwise). */
  patientControlNumber: string;
  /** TRN02 as echoed. */
  traceNumber: string;
  /** REF*1K. */
  payerClaimControlNumber?: string;
  /** Every STC code of the claim, in order. */
  statuses: StatusSummary[];
  /** The phase of the first status's category (`finalized`, `pending`, `rejected`...). */
  phase: ClaimStatusPhase;
  /** STC04 total charge, integer cents. */
  chargeCents?: number;
  /** STC05 payment, integer cents. */
  paidCents?: number;
  /** STC02: the date the status took effect (ISO). */
  effectiveDate?: string;
  /** STC06: adjudication date (ISO). */
  adjudicatedDate?: string;
}

/** The 277 in brief. */
export interface ClaimStatusResponse {
  claims: ClaimStatusResult[];
  /** Engine findings (codes and positions only). */
  findings: FindingSummary[];
}

/** The claim trackings of a 277 or 277CA model, wherever the hierarchy puts them. */
export function claimTrackings(doc: ClaimStatus27x): StatusTracking[] {
  const out: StatusTracking[] = [];
  for (const s of doc.sources)
    for (const r of s.receivers)
      for (const p of r.providers ?? []) {
        for (const sub of p.subscribers ?? []) {
          out.push(...(sub.claims ?? []));
          for (const d of sub.dependents ?? []) out.push(...(d.claims ?? []));
        }
      }
  return out;
}

function result(t: StatusTracking): ClaimStatusResult {
  const statuses = statusSummaries(t.statuses);
  const out: ClaimStatusResult = {
    patientControlNumber: t.references?.find((r) => r.qualifier === 'EJ')?.value ?? t.traceNumber,
    traceNumber: t.traceNumber,
    statuses,
    phase: phaseOf(statuses[0]?.category),
  };
  const icn = t.references?.find((r) => r.qualifier === '1K')?.value;
  if (icn) out.payerClaimControlNumber = icn;
  const first = t.statuses?.[0];
  if (first?.chargeCents !== undefined) out.chargeCents = first.chargeCents;
  const paid = t.statuses?.find((s) => s.paymentCents !== undefined)?.paymentCents;
  if (paid !== undefined) out.paidCents = paid;
  const effective = isoDate(first?.statusDate);
  if (effective) out.effectiveDate = effective;
  const adjudicated = isoDate(t.statuses?.find((s) => s.adjudicationDate)?.adjudicationDate);
  if (adjudicated) out.adjudicatedDate = adjudicated;
  return out;
}

/**
 * Summarizes a 277 reply, one entry per claim tracking (2200D/2200E) in file order. Throws the
 * engine's `X12Error` when the reply is not X12 at all.
 */
export function read277(input: string | Uint8Array): ClaimStatusResponse {
  const { transactions, findings } = transactionsOf(input, '277', '005010X212');
  const claims = transactions.flatMap((t) => (t.model ? claimTrackings(t.model as unknown as ClaimStatus27x).map(result) : []));
  return { claims, findings };
}
