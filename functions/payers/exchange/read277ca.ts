/**
 * A 277CA claim acknowledgment (005010X214) → per claim, accepted into adjudication or rejected at the
 * front door, with the STC codes; plus the batch-level statuses (2200B receiver, 2200C provider).
 * No names or member ids.
 */
import type { ClaimStatus27x, StatusTracking } from '#functions/x12/index.ts';
import { ACKNOWLEDGING_CATEGORIES, acknowledgementSource, REJECTING_CATEGORIES, statusSummaries, transactionsOf } from './common.ts';
import type { AcknowledgementSource, FindingSummary, StatusSummary } from './common.ts';
import { claimTrackings } from './read277.ts';

/** One claim's acknowledgment. */
export interface ClaimAcknowledgment {
  /** TRN02 of the claim: CLM01 as we sent it. */
  patientControlNumber: string;
  /** True when some status acknowledges the claim (A1/A2...) and none rejects it (A3/A6/A7/A8...). */
  accepted: boolean;
  /** REF*1K when the payer assigned its claim number already. */
  payerClaimControlNumber?: string;
  statuses: StatusSummary[];
  /** STC04: the charge acknowledged, integer cents. */
  chargeCents?: number;
  /** The interchange it came in: an acknowledgement's identity, whatever file carried it. */
  source?: AcknowledgementSource;
}

/** A status above claim level: the whole batch (receiver) or one billing provider's claims. */
export interface BatchAcknowledgment {
  level: 'source' | 'receiver' | 'provider';
  /** TRN02 (for the receiver level, usually our batch id echoed back). */
  traceNumber: string;
  /** True when no status at this level rejects. */
  accepted: boolean;
  statuses: StatusSummary[];
}

/** The 277CA in brief. */
export interface ClaimAcknowledgmentResult {
  claims: ClaimAcknowledgment[];
  batches: BatchAcknowledgment[];
  /** Engine findings (codes and positions only). */
  findings: FindingSummary[];
}

/** Accepted: some acknowledging category and no rejecting one. */
export function isAccepted(statuses: readonly StatusSummary[]): boolean {
  return (
    statuses.some((s) => ACKNOWLEDGING_CATEGORIES.includes(s.category)) &&
    !statuses.some((s) => REJECTING_CATEGORIES.includes(s.category) || /^E\d$/.test(s.category))
  );
}

function batch(level: BatchAcknowledgment['level'], t: StatusTracking): BatchAcknowledgment {
  const statuses = statusSummaries(t.statuses);
  return { level, traceNumber: t.traceNumber, accepted: !statuses.some((s) => REJECTING_CATEGORIES.includes(s.category)), statuses };
}

/**
 * The first part of a 277CA's model that {@link read277ca} reads and the file lacks (2000A, 2000B, or
 * a claim's TRN or STC), or undefined; see missing999Part.
 */
export function missing277caPart(model: ClaimStatus27x): string | undefined {
  if (!model.sources?.length) return 'loop 2000A (the information source)';
  if (model.sources.some((s) => !s.receivers?.length)) return 'loop 2000B (the information receiver)';
  const patients = model.sources.flatMap((s) => s.receivers.flatMap((r) => (r.providers ?? []).flatMap((p) => p.subscribers ?? [])));
  // A patient's claim is read from its TRN: without one the engine opens no claim loop, and the claim would go unseen.
  if (patients.some((p) => !p.claims?.length && !p.dependents?.length)) return "a claim's TRN (loop 2200D)";
  if (claimTrackings(model).some((c) => !c.traceNumber || !c.statuses?.length)) return "a claim's TRN or STC (loop 2200D)";
  return undefined;
}

/**
 * Summarizes a 277CA file, claims in file order. Throws the engine's `X12Error` when the file is not
 * X12 at all.
 */
export function read277ca(input: string | Uint8Array): ClaimAcknowledgmentResult {
  const { transactions, findings } = transactionsOf(input, '277', '005010X214');
  const out: ClaimAcknowledgmentResult = { claims: [], batches: [], findings };
  const sources = new Map<string, AcknowledgementSource>();
  for (const t of transactions) {
    if (!t.model) continue;
    const doc = t.model as unknown as ClaimStatus27x;
    // One source an interchange, dated by its first group (as the file's first group dated it before).
    const own = acknowledgementSource(t);
    const source = own && (sources.get(own.tag) ?? sources.set(own.tag, own).get(own.tag));
    for (const s of doc.sources) {
      // In X214 the source's 2200A carries the payer's trace and dates, no STC: only a status is a batch status.
      for (const x of s.claims ?? []) if (x.statuses?.length) out.batches.push(batch('source', x));
      for (const r of s.receivers) {
        for (const x of r.claims ?? []) out.batches.push(batch('receiver', x));
        for (const p of r.providers ?? []) for (const x of p.claims ?? []) out.batches.push(batch('provider', x));
      }
    }
    for (const c of claimTrackings(doc)) {
      const statuses = statusSummaries(c.statuses);
      const ack: ClaimAcknowledgment = { patientControlNumber: c.traceNumber, accepted: isAccepted(statuses), statuses };
      const icn = c.references?.find((r) => r.qualifier === '1K')?.value;
      if (icn) ack.payerClaimControlNumber = icn;
      const charge = c.statuses?.find((s) => s.chargeCents !== undefined)?.chargeCents;
      if (charge !== undefined) ack.chargeCents = charge;
      if (source) ack.source = source;
      out.claims.push(ack);
    }
  }
  return out;
}
