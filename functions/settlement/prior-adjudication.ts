/**
 * What the earlier payer decided on a claim, read back from what its 835 posted: the postings of one
 * payment (payer and TRN02) for the claim's payer claim number, one per service line plus one for
 * claim-level adjustments. Adjustments held for denial work were not posted; a line they touch does
 * not add up, and is named so the caller can refuse to bill on it.
 */
import type { Adjustment } from '#schemas/adjustment.ts';
import { adjustmentGroupCode } from '#schemas/adjustment.ts';
import type { ClaimEvent } from '#schemas/claim-event.ts';
import type { Claim } from '#schemas/claim.ts';
import type { LedgerEntry, Posting } from '#schemas/ledger-entry.ts';
import type { RemittanceClaim } from '#schemas/remittance.ts';

/** The earlier payer's claim as the 837's 2320/2430 loops need it. */
export type PriorRemittance = Pick<RemittanceClaim, 'paidCents' | 'adjustments' | 'lines'>;

export interface PriorRemittanceRead {
  readonly remittance: PriorRemittance;
  /** Lines whose charge is not their payment plus adjustments (an adjustment was held, not posted). */
  readonly unbalancedLines: readonly number[];
}

const reasonPattern = /^([A-Z]{2})-([0-9A-Z]{1,5})$/;

/** The 835 adjustment an entry posted (CAS group, CARC, amount), or undefined for a payment or any other entry. */
function adjustmentOf(entry: LedgerEntry): Adjustment | undefined {
  const match = reasonPattern.exec(entry.reasonCode ?? '');
  const group = adjustmentGroupCode.safeParse(match?.[1]);
  if (!match || !group.success) return undefined;
  // A PR transfer is [payer -amount, next party +amount]; the other kinds lower the payer's share by it.
  const amountCents = entry.kind === 'transfer' ? (entry.splits[1]?.amountCents ?? 0) : -(entry.splits[0]?.amountCents ?? 0);
  if (!['transfer', 'contractual-adjustment', 'other-adjustment'].includes(entry.kind)) return undefined;
  return { group: group.data, reasonCode: match[2]!, amountCents };
}

const paymentOf = (entries: readonly LedgerEntry[]): number =>
  entries.filter((e) => e.kind === 'insurance-payment').reduce((sum, e) => sum - (e.splits[0]?.amountCents ?? 0), 0);

/**
 * Rebuilds the earlier payer's 835 claim for `claim` from the postings of one payment: line figures
 * from each line's posting (a line that posted nothing paid nothing), claim-level adjustments from the
 * `claim` posting. Procedure codes, modifiers, units and charges are the claim's own.
 */
export function priorRemittanceFromPostings(claim: Pick<Claim, 'claimId' | 'lines'>, postings: readonly Posting[]): PriorRemittanceRead {
  const byLine = new Map<number | 'claim', LedgerEntry[]>();
  for (const posting of postings) {
    if (!posting.remittance) continue;
    const entries = posting.entries.filter((e) => e.claimId === claim.claimId);
    byLine.set(posting.remittance.line, [...(byLine.get(posting.remittance.line) ?? []), ...entries]);
  }
  const adjustments = (entries: readonly LedgerEntry[]): Adjustment[] =>
    entries.flatMap((e) => adjustmentOf(e) ?? []).filter((a) => a.amountCents !== 0);
  const unbalancedLines: number[] = [];
  const lines = claim.lines.map((l) => {
    const entries = byLine.get(l.lineNumber) ?? [];
    const line = {
      lineNumber: l.lineNumber,
      ...(l.procedureCode ? { procedureCode: l.procedureCode } : {}),
      modifiers: l.modifiers,
      chargeCents: l.chargeCents,
      paidCents: paymentOf(entries),
      units: l.units,
      adjustments: adjustments(entries),
      remarks: [],
    };
    if (line.paidCents + line.adjustments.reduce((s, a) => s + a.amountCents, 0) !== l.chargeCents) unbalancedLines.push(l.lineNumber);
    return line;
  });
  const claimEntries = byLine.get('claim') ?? [];
  if (![...byLine.keys()].some((line) => line !== 'claim')) {
    // An 835 claim without service lines (SVC) posts at claim level only: it goes to 2320 alone.
    const paidCents = paymentOf(claimEntries);
    const claimAdjustments = adjustments(claimEntries);
    const charge = claim.lines.reduce((s, l) => s + l.chargeCents, 0);
    const balanced = paidCents + claimAdjustments.reduce((s, a) => s + a.amountCents, 0) === charge;
    return {
      remittance: { paidCents, adjustments: claimAdjustments, lines: [] },
      unbalancedLines: balanced ? [] : claim.lines.map((l) => l.lineNumber),
    };
  }
  return {
    remittance: {
      paidCents: lines.reduce((s, l) => s + l.paidCents, 0) + paymentOf(claimEntries),
      adjustments: adjustments(claimEntries),
      lines,
    },
    unbalancedLines,
  };
}

/** The claim's standing adjudication by its payer (one a later CLP02 22 has not taken back), or undefined. */
export function latestAdjudication(timeline: readonly ClaimEvent[]): Extract<ClaimEvent, { type: 'adjudicated' }> | undefined {
  const adjudications = timeline.flatMap((e) => (e.type === 'adjudicated' ? [e] : []));
  const reversals = adjudications.filter((e) => e.claimStatusCode === '22');
  // A reversal (CLP02 22) takes back an adjudication of an earlier payment under the same number; the new
  // adjudication often comes in the reversal's own payment, recorded at the same instant, so timeline
  // order alone cannot say which of the two stands.
  const standing = adjudications.filter(
    (e) =>
      e.claimStatusCode !== '22' &&
      !reversals.some((r) => r.payerClaimControlNumber === e.payerClaimControlNumber && r.remittanceId !== e.remittanceId && r.at >= e.at),
  );
  return standing.at(-1);
}
