/**
 * Payer exchange: our stored records → X12 requests (837P/837I, 270, 276) and payer replies (999,
 * 277CA, 271, 277) → small results without PHI that a workflow can carry. Pure: no AWS, no clock.
 */

/** Typed input error (field paths, never values), envelope ids, and the shared result shapes. */
export { acknowledgementSource, ExchangeInputError } from './common.ts';
/** Shapes shared by the builders and readers: instants, interchange ids, finding and STC summaries, claim phases. */
export type { AcknowledgementSource, ClaimStatusPhase, FindingSummary, Instant, InterchangeIds, StatusSummary } from './common.ts';

/** 837P/837I from claims, patients, coverages, providers and payer profiles; batches as one interchange. */
export { claimDocument837, claimDocuments837, write837Batch } from './claim837.ts';
/** Inputs (our records, submitter, receiver, prior payer) and outputs (models, written batch with control numbers) of the 837 builders. */
export type {
  Batch837Parties,
  Claim837Input,
  Document837,
  Header837,
  PrimaryAdjudication,
  Receiver837,
  Submitter837,
  Written837Batch,
} from './claim837-types.ts';

/** 270 eligibility inquiries. */
export { eligibility270, write270 } from './eligibility270.ts';
/** What a 270 is built from. */
export type { Eligibility270Input } from './eligibility270.ts';

/** 271 replies summarized without PHI. */
export { basisPoints, read271 } from './read271.ts';
/** The PHI-free eligibility summary and its parts. */
export type { BenefitKind, BenefitSummary, EligibilityRejection, EligibilityResult, Read271Options } from './read271.ts';

/** 276 claim status requests. */
export { claimStatus276, write276 } from './status276.ts';
/** What a 276 is built from: claims with their records, and the request header. */
export type { ClaimStatusInput, Header276 } from './status276.ts';

/** 277 claim status responses, per claim. */
export { read277 } from './read277.ts';
/** The per-claim status summary of a 277. */
export type { ClaimStatusResponse, ClaimStatusResult } from './read277.ts';

/** 999 implementation acknowledgments, per group and transaction set, and per claim of a written batch. */
export { claimsAcknowledged999, missing999Part, read999 } from './read999.ts';
/** The 999 summary: groups, transaction sets, located syntax errors, per-claim outcome. */
export type {
  Acknowledgment999Result,
  ClaimSyntaxAcknowledgment,
  GroupAcknowledgment,
  SyntaxError999,
  TransactionSetAcknowledgment,
} from './read999.ts';

/** 277CA claim acknowledgments, per claim and per batch level. */
export { isAccepted, missing277caPart, read277ca } from './read277ca.ts';
/** The 277CA summary: per claim and per batch level. */
export type { BatchAcknowledgment, ClaimAcknowledgment, ClaimAcknowledgmentResult } from './read277ca.ts';

/** 835 claims (CLP loops read by the engine's per-claim reader) as our remittance claim records. */
export { remittanceClaimOf, RemittanceClaimError } from './read835.ts';

/** 278 prior authorization requests. */
export { review278, write278 } from './review278.ts';
/** What a 278 request is built from. */
export type { Review278Input, ReviewService } from './review278.ts';

/** 278 responses summarized without PHI. */
export { read278 } from './read278.ts';
/** The PHI-free review decision and its parts. */
export type { ReviewOutcome, ReviewRejection, ReviewResult, ServiceDecision } from './read278.ts';
