/**
 * The one way the rest of the system talks to payers. Real-time inquiries (270/271, 276/277) answer
 * inline; claim submission only hands the batch over, and the 999 and 277CA arrive later as files in
 * the S3 inbox, as they do from a real clearinghouse.
 *
 * Failures are the typed errors re-exported below. The gateway's own retries are bounded and short;
 * longer waits belong to the workflow's Retry fields, which match on the error `name`.
 */
import type { AppealOutcome, AppealPacket } from '#schemas/appeal-packet.ts';

export type { AppealOutcome, AppealPacket } from '#schemas/appeal-packet.ts';
export {
  BatchConflictError,
  PayerGatewayError,
  PayerRateLimitedError,
  PayerRejectedError,
  PayerRequestInvalidError,
  PayerTimeoutError,
  PayerUnavailableError,
} from './errors.ts';

/** Identifies one real-time request; all fields are safe to log. */
export interface RequestContext {
  /** The payer (or clearinghouse route) the inquiry is for. */
  payerId: string;
  /** Workflow execution or claim id, for log correlation. */
  correlationId?: string;
  /** CORE PayloadID to use (a UUID); the adapter mints one when absent. Retries reuse it. */
  payloadId?: string;
  /** Cancels the request, e.g. when the Lambda is about to time out. */
  signal?: AbortSignal;
}

/** One 837 interchange of a batch. `x12` carries PHI: it is written, never logged. */
export interface BatchFile {
  /** File name inside the batch: letters, digits, `.`, `_`, `-`. Not PHI: it appears in keys, logs and the manifest. */
  name: string;
  x12: string;
}

/** A batch of 837 interchanges for one payer, identified by a caller-chosen id (idempotency key). */
export interface ClaimBatch {
  batchId: string;
  payerId: string;
  files: BatchFile[];
}

/** Where and what was queued; the same batch submitted again returns an identical receipt. */
export interface SubmissionReceipt {
  batchId: string;
  payerId: string;
  /** `queued`: in the outbox, awaiting transfer; acknowledgements (999, 277CA) come later. */
  status: 'queued';
  /** ISO 8601 UTC time of the first submission. */
  submittedAt: string;
  bucket: string;
  /** Object key of the manifest, written after every file. */
  manifestKey: string;
  fileCount: number;
  files: { name: string; key: string; size: number; sha256: string }[];
  /** SHA-256 over the sorted (name, sha256) pairs: the batch's content fingerprint. */
  batchSha256: string;
}

/** Real-time 270/271 and 276/277 inquiries. */
export interface RealTimeChannel {
  /** Sends a 270 (005010X279A1) and returns the payer's 271. */
  checkEligibility(x12_270: string, ctx: RequestContext): Promise<string>;
  /** Sends a 276 (005010X212) and returns the payer's 277. */
  claimStatus(x12_276: string, ctx: RequestContext): Promise<string>;
}

/** Batch 837 submission. */
export interface SubmissionChannel {
  /** Queues a batch of 837s; idempotent by `batchId`. */
  submitClaims(batch: ClaimBatch): Promise<SubmissionReceipt>;
}

/** The payer's answer to an appeal; `pending` when it answers later (a mailed or portal appeal: by 835 or letter). */
export interface AppealReceipt {
  outcome: AppealOutcome;
  /** ISO 8601 UTC time the payer (or the outbox) received the appeal. */
  receivedAt: string;
}

/** Appeals a person approved. The packet carries PHI: adapters send or store it, never log it. */
export interface AppealChannel {
  /** Files the appeal; sending the same packet again must not file a second appeal where the adapter can tell. */
  submitAppeal(packet: AppealPacket, ctx: RequestContext): Promise<AppealReceipt>;
}

/**
 * The payer gateway: what the workflows' payer tasks call. Every adapter in functions/payers files
 * appeals; the channel is optional in the type only so that a gateway assembled elsewhere (the local
 * stack's embedded one) keeps compiling until it adds it. A caller without it fails with ConfigurationError.
 */
export interface AuthorizationChannel {
  /** Sends a 278 prior authorization request (005010X217) and returns the payer's 278 response. */
  requestAuthorization(x12_278: string, ctx: RequestContext): Promise<string>;
}

/** The gateway; appeals and 278 authorizations are optional channels (an adapter without them cannot file those). */
export interface PayerGateway extends RealTimeChannel, SubmissionChannel, Partial<AppealChannel>, Partial<AuthorizationChannel> {}

/** Joins a real-time channel, a submission channel and (optionally) an appeal channel into one gateway. */
export function composeGateway(
  realTime: RealTimeChannel,
  submission: SubmissionChannel,
  appeals?: AppealChannel,
  authorizations?: AuthorizationChannel,
): PayerGateway {
  return {
    checkEligibility: (x12, ctx) => realTime.checkEligibility(x12, ctx),
    claimStatus: (x12, ctx) => realTime.claimStatus(x12, ctx),
    submitClaims: (batch) => submission.submitClaims(batch),
    ...(appeals ? { submitAppeal: (packet: AppealPacket, ctx: RequestContext) => appeals.submitAppeal(packet, ctx) } : {}),
    ...(authorizations
      ? { requestAuthorization: (x12: string, ctx: RequestContext) => authorizations.requestAuthorization(x12, ctx) }
      : {}),
  };
}
