/** The sandbox payer's options, the files it sends back, and its memory as saved between runs. */
import type { SubmissionReceipt } from '#functions/payers/gateway.ts';
import type { SandboxState } from './state.ts';
import type { ClaimAdjudication, SandboxClaim, SandboxMember, SandboxPlan } from './types.ts';

/** A file the sandbox sends back; `x12` carries PHI and is written, never logged. */
export interface InboxFile {
  kind: 'TA1' | '999' | '277CA' | '835';
  payerId: string;
  /** A file name: letters, digits, `.`, `_`, `-`. */
  name: string;
  /** The simulated time the payer sent it (ISO 8601). */
  sentAt: string;
  x12: string;
}

export type InboxWriter = (file: InboxFile) => Promise<void>;

export interface SandboxPayerOptions {
  /** The simulated clock. */
  clock: () => Date;
  inbox: InboxWriter;
  plans?: readonly SandboxPlan[];
  /** Members known up front (others come from the member-id prefix templates). */
  members?: readonly SandboxMember[];
  /** Plan used for 837s, 270s and 276s addressed to a payer id the sandbox does not know (default: the first plan). */
  defaultPayerId?: string;
  /** `reviewDays`: how long a `PEND` member's 278 stays pended (default 2). */
  schedule?: { acknowledgeAfterMinutes?: number; adjudicateAfterDays?: number; reviewDays?: number };
  /** ISA sender id of the files the sandbox sends (default SANDBOXPAYER); the receiver is the 837's sender. */
  interchangeId?: string;
  usageIndicator?: 'P' | 'T';
  /** Continue from a snapshot taken with `exportState()`. */
  restore?: SandboxPayerSnapshot;
}

import type { SandboxReviews } from './reviews278.ts';

export interface PendingAck {
  dueAt: number;
  batchId: string;
  payerId: string;
  name: string;
  x12: string;
  receivedDate: string;
}
/** An appeal's reprocessed adjudication (an overturn's reversal or new payment), sent on its payment-cycle date. */
export interface PendingDecision {
  dueDate: string;
  adjudication: ClaimAdjudication;
}
export interface PendingClaim {
  dueDate: string;
  claim: SandboxClaim;
  receivedDate: string;
  submitterId: string;
}

/** A saved SandboxPayer (see `exportState`). */
export interface SandboxPayerSnapshot {
  version: 1;
  state: SandboxState;
  acks: PendingAck[];
  claims: PendingClaim[];
  /** Plain adjudications in snapshots taken before decisions had a date: those are due at once. */
  decided: (PendingDecision | ClaimAdjudication)[];
  undelivered: InboxFile[];
  receipts: { fingerprint: string; receipt: SubmissionReceipt }[];
  carried: [string, number][];
  submitters: [string, string][];
  counters: { controls: { interchange: number; group: number; transaction: number }; file: number; trace: number };
  /** Real-time requests that already had their one transient fault (absent in snapshots taken before it was kept). */
  faulted?: string[];
  /** Pended 278 reviews and the authorization number sequence (absent in snapshots taken before 278s). */
  reviews?: SandboxReviews;
}
