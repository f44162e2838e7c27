/**
 * Turns one claim of an 835 into ledger postings, one per service line (plus one for
 * claim-level adjustments): the payer's payment, contractual adjustments, and the
 * patient-responsibility amounts moved from the insurer to the next party.
 *
 * Denials are not write-offs: a CO/OA/PI amount whose reason is a denial (CO-50, CO-197...)
 * stays on the insurer's balance and is returned as "held" for the denial work queue, which
 * later appeals, corrects or writes it off.
 */
import type { Adjustment } from '#schemas/adjustment.ts';
import type { Responsibility } from '#schemas/common.ts';
import type { LedgerEntry, LedgerEntryKind, Posting } from '#schemas/ledger-entry.ts';
import type { RemittanceClaim } from '#schemas/remittance.ts';
import { carcCatalog } from '#functions/denials/carc-catalog.ts';
import { entryIdFor, remittancePostingKey } from '#functions/accounts/posting-key.ts';

export interface RemittancePostingInput {
  readonly accountId: string;
  readonly claimId: string;
  readonly payerId: string;
  readonly traceNumber: string;
  readonly claim: RemittanceClaim;
  /** Which insurer's share this payer's remittance settles. */
  readonly payerResponsibility: Exclude<Responsibility, 'patient'>;
  /** Who takes PR amounts: the patient, or the next payer when secondary coverage exists. */
  readonly patientResponsibilityTo: Responsibility;
  readonly postedAt: string;
  /** Which non-PR adjustments post now; default: those whose CARC is contractual in the catalog. */
  readonly isPostable?: (adjustment: Adjustment) => boolean;
  /**
   * The claim bills what an earlier payer left (a secondary or tertiary claim made by settlement): its
   * ledger holds only that share, so CARC 23 (the earlier payer's payment and adjustments, already on
   * the earlier claim's ledger) is not posted again.
   */
  readonly afterPriorPayer?: boolean;
}

/** CARC 23: the impact of the prior payer's adjudication, which a claim after it does not carry. */
const PRIOR_PAYER_IMPACT = '23';

/** An adjustment left on the insurer's balance for a person to work. */
export interface HeldAdjustment {
  readonly line: number | 'claim';
  readonly adjustment: Adjustment;
}

export interface RemittancePostingPlan {
  readonly postings: readonly Posting[];
  readonly held: readonly HeldAdjustment[];
}

/** Posts routine reductions (CO-45, CO-253, OA-23...) at once; holds denials for the work queue. */
export function isContractualAdjustment(adjustment: Adjustment): boolean {
  const entry = carcCatalog.get(adjustment.reasonCode);
  return entry !== undefined && (entry.byGroup?.[adjustment.group] ?? entry.category) === 'contractual';
}

/** Thrown for remittances that cannot be posted as new money (e.g. CLP02 22 reversals). */
export class UnpostableRemittanceError extends Error {
  override readonly name = 'UnpostableRemittanceError';
}

interface DraftEntry {
  readonly kind: LedgerEntryKind;
  readonly splits: LedgerEntry['splits'];
  readonly reasonCode?: string;
}

function adjustmentEntry(adj: Adjustment, input: RemittancePostingInput): DraftEntry | null {
  if (adj.amountCents === 0) return null;
  const reasonCode = `${adj.group}-${adj.reasonCode}`;
  const payer = input.payerResponsibility;
  if (adj.group === 'PR') {
    return {
      kind: 'transfer',
      reasonCode,
      splits: [
        { responsibility: payer, amountCents: -adj.amountCents },
        { responsibility: input.patientResponsibilityTo, amountCents: adj.amountCents },
      ],
    };
  }
  const kind: LedgerEntryKind = adj.group === 'CO' || adj.group === 'PI' ? 'contractual-adjustment' : 'other-adjustment';
  return { kind, reasonCode, splits: [{ responsibility: payer, amountCents: -adj.amountCents }] };
}

function toPosting(input: RemittancePostingInput, line: number | 'claim', drafts: readonly DraftEntry[]): Posting | null {
  if (drafts.length === 0) return null;
  const source = {
    payerId: input.payerId,
    traceNumber: input.traceNumber,
    patientControlNumber: input.claim.patientControlNumber,
    payerClaimControlNumber: input.claim.payerClaimControlNumber,
    line,
  };
  const postingKey = remittancePostingKey(source);
  return {
    postingKey,
    accountId: input.accountId,
    remittance: source,
    entries: drafts.map((d, index) => ({
      entryId: entryIdFor(postingKey, index),
      accountId: input.accountId,
      kind: d.kind,
      postingKey,
      postedAt: input.postedAt,
      splits: d.splits,
      claimId: input.claimId,
      ...(d.reasonCode ? { reasonCode: d.reasonCode } : {}),
    })),
  };
}

/** Postings for one remittance claim (an all-zero line yields none) and the adjustments held back. */
export function postingsForRemittanceClaim(input: RemittancePostingInput): RemittancePostingPlan {
  if (input.claim.statusCode === '22') {
    throw new UnpostableRemittanceError(
      `claim ${input.claimId}: CLP02 22 is a reversal of an earlier payment; reverse the original posting instead`,
    );
  }
  if (input.payerResponsibility === input.patientResponsibilityTo) {
    throw new UnpostableRemittanceError(`claim ${input.claimId}: patient responsibility cannot move to the paying insurer itself`);
  }
  const postable = input.isPostable ?? isContractualAdjustment;
  const held: HeldAdjustment[] = [];
  const payment = (cents: number): DraftEntry[] =>
    cents === 0 ? [] : [{ kind: 'insurance-payment', splits: [{ responsibility: input.payerResponsibility, amountCents: -cents }] }];
  const adjustments = (line: number | 'claim', list: readonly Adjustment[]): DraftEntry[] =>
    list.flatMap((a) => {
      if (a.amountCents === 0) return [];
      if (input.afterPriorPayer && a.reasonCode === PRIOR_PAYER_IMPACT && a.group !== 'PR') return [];
      if (a.group !== 'PR' && !postable(a)) {
        held.push({ line, adjustment: a });
        return [];
      }
      const entry = adjustmentEntry(a, input);
      return entry ? [entry] : [];
    });

  const postings: (Posting | null)[] = [];
  if (input.claim.lines.length === 0) {
    postings.push(toPosting(input, 'claim', [...payment(input.claim.paidCents), ...adjustments('claim', input.claim.adjustments)]));
  } else {
    for (const line of input.claim.lines) {
      postings.push(toPosting(input, line.lineNumber, [...payment(line.paidCents), ...adjustments(line.lineNumber, line.adjustments)]));
    }
    postings.push(toPosting(input, 'claim', adjustments('claim', input.claim.adjustments)));
  }
  return { postings: postings.filter((p): p is Posting => p !== null), held };
}
