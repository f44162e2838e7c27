/**
 * What posting an 835 file takes (the file, how to read it, when it arrived) and what it gives back
 * (counts, cents, and the claims a person should look at). Positions and ids only: no PHI.
 */
import type { ClaimStatus } from '#schemas/claim.ts';
import type { FileProblem } from '#functions/inbound/file-structure.ts';

/** Where and why a file cannot be posted (positions, never content). Shaped like the quarantine report's problem. */
export type RemittanceFileProblem = FileProblem;

export type AttentionReason =
  | 'unmatched'
  | 'ambiguous'
  | 'imbalanced'
  | 'invalid-claim'
  | 'no-coverage'
  | 'ledger-rule'
  | 'reversal-without-original'
  | 'claim-number-conflict'
  | 'reversal-pending'
  | 'status-not-moved';

/** A claim a person should look at: its place in the file and, when known, our claim id. */
export interface AttentionItem {
  readonly reason: AttentionReason;
  /** ST02 of the transaction set. */
  readonly transactionSet: string;
  /** 0-based position of the claim in its transaction set. */
  readonly claimIndex: number;
  readonly claimId?: string;
  /** CLP04 of the claim. */
  readonly paidCents: number;
}

export interface RemittanceFileOutcome {
  /** `unreadable`: nothing was posted; `problem` says where the file is broken. */
  status: 'posted' | 'unreadable';
  problem?: RemittanceFileProblem;
  /** 835 transaction sets (one payment each) in the file. */
  transactionSets: number;
  /** Remittance records saved now; `remittancesAlreadySaved` were on file from an earlier delivery. */
  remittancesSaved: number;
  remittancesAlreadySaved: number;
  claims: number;
  /** Claims whose postings or adjudication were written now. */
  posted: number;
  /** Claims whose every posting and event was already on file (a retry or a second delivery). */
  alreadyPosted: number;
  /** CLP02 22 claims whose earlier postings were reversed now. */
  reversed: number;
  /** Denial adjustments left on the insurer's balance for the work queue (claims posted now only). */
  heldAdjustments: number;
  heldCents: number;
  /** CLP01 matches none of our claims (for this payer). */
  unmatched: number;
  unmatchedPaidCents: number;
  /** Claims not posted: imbalanced, ambiguous, no coverage for the payer, data outside the contract or the ledger's rules, a reversal with nothing to reverse. */
  notPosted: number;
  /** Claims posted but whose status the adjudication could not move (e.g. a claim already corrected). */
  statusNotMoved: number;
  /** ΣCLP04 over every claim in the file (reversals negative). */
  paidCents: number;
  /** PLB: count of adjustments and their sum as the file gives it (positive reduces the payment). */
  providerAdjustments: number;
  /** PLB adjustments posted now to the payers' provider-level accounts (a redelivery posts none). */
  providerAdjustmentsPosted: number;
  providerAdjustmentCents: number;
  /** ΣBPR02: what the payer actually paid (ΣCLP04 − ΣPLB when balanced). */
  totalPaymentCents: number;
  /** Every service, claim and transaction balance check came out clean. */
  balanced: boolean;
  /** Imbalances found (service, claim and transaction level). */
  balanceFindings: number;
  /** Guide errors the engine reported (missing required segments...); the file is posted all the same. */
  guideErrors: number;
  /** At most {@link MAX_ATTENTION} claims to look at; `attentionTotal` counts them all. */
  attention: AttentionItem[];
  attentionTotal: number;
  /** One line per payment (transaction set), for reconciliation with the bank deposit; at most {@link MAX_PAYMENTS}. */
  payments: PaymentReconciliation[];
}

/** What one payment brought and what became of it: the reconciliation report's line (no PHI). */
export interface PaymentReconciliation {
  readonly remittanceId: string;
  readonly payerId: string;
  /** TRN02: the check or EFT trace number the bank deposit is reassociated by. */
  readonly traceNumber: string;
  readonly paymentMethod: string;
  readonly paymentDate: string;
  /** BPR02, signed. */
  readonly totalPaymentCents: number;
  readonly claims: number;
  /** ΣCLP04 of its claims. */
  readonly claimPaidCents: number;
  /** ΣPLB as the file gives it (positive withheld from the payment). */
  readonly providerAdjustmentCents: number;
  readonly claimsPosted: number;
  readonly claimsAlreadyPosted: number;
  readonly claimsNotPosted: number;
  readonly unmatchedPaidCents: number;
  /** Denied amounts held on insurers' balances for the denials queue. */
  readonly heldCents: number;
  /** BPR02 = ΣCLP04 − ΣPLB and every claim balanced. */
  readonly balanced: boolean;
}

export const MAX_PAYMENTS = 1_000;

export type RemittanceSource =
  Uint8Array | AsyncIterable<Uint8Array> | (() => AsyncIterable<Uint8Array> | Promise<AsyncIterable<Uint8Array>>);

export interface RemittanceFile {
  readonly source: RemittanceSource;
  /** When the file arrived (ISO instant): the time of its postings, and of its events when the 835's GS date is unreadable. */
  readonly receivedAt: string;
  /** Told each claim status an adjudication moved a claim to (resumes a waiting workflow). */
  readonly onClaimStatus?: (claimId: string, status: ClaimStatus) => Promise<unknown>;
  /**
   * Resumes a waiting workflow whose task token posting took itself (in the claim's one transaction,
   * when its batch read the wait up front); without it, every moved claim goes to `onClaimStatus`.
   */
  readonly resumeTask?: (taskToken: string, claimId: string, status: ClaimStatus) => Promise<unknown>;
  /** The inbox object key, for the work items a person reads (not PHI). */
  readonly fileKey?: string;
  /** Who raises the work items (the function or execution); `PostRemittance` by default. */
  readonly raisedBy?: string;
  /** The time work items are raised at; the system clock by default. */
  readonly now?: () => Date;
}

export const MAX_ATTENTION = 50;

/** The outcome of a file before anything is read: posted, nothing counted, balanced. */
export function emptyOutcome(): RemittanceFileOutcome {
  return {
    status: 'posted',
    transactionSets: 0,
    remittancesSaved: 0,
    remittancesAlreadySaved: 0,
    claims: 0,
    posted: 0,
    alreadyPosted: 0,
    reversed: 0,
    heldAdjustments: 0,
    heldCents: 0,
    unmatched: 0,
    unmatchedPaidCents: 0,
    notPosted: 0,
    statusNotMoved: 0,
    paidCents: 0,
    providerAdjustments: 0,
    providerAdjustmentsPosted: 0,
    payments: [],
    providerAdjustmentCents: 0,
    totalPaymentCents: 0,
    balanced: true,
    balanceFindings: 0,
    guideErrors: 0,
    attention: [],
    attentionTotal: 0,
  };
}
