/**
 * Every error that can cross a Lambda boundary or end a workflow, by the `name` Step Functions
 * matches in `Retry` and `Catch`. This is the one place that decides whether an error is worth
 * retrying; the error classes read it, and a test holds every `workflows/*.asl.json` to it (each
 * `ErrorEquals` name is listed here or is a `States.*` name, and no Retry entry retries an error
 * this catalog calls permanent).
 *
 * `raisedBy`: `function` errors are thrown by our Lambda handlers; `api` errors only by the Lambda APIs
 * other services invoke (functions/api), which no workflow runs as a Task; `workflow` errors are the
 * `Error` of a `Fail` state, for a person (or a parent workflow) to act on.
 */
export interface CatalogEntry {
  readonly retryable: boolean;
  readonly raisedBy: 'function' | 'api' | 'workflow';
  /** What happened and what a person does about it; shown to ops, so it is plain and PHI-free. */
  readonly meaning: string;
}

export const errorCatalog = {
  // Our own request or data is at fault: retrying sends the same thing again.
  InputValidationError: {
    retryable: false,
    raisedBy: 'function',
    meaning: 'The input does not match the contract; the message names the fields.',
  },
  RecordNotFoundError: {
    retryable: false,
    raisedBy: 'function',
    meaning: 'A record the request names does not exist (its kind and the field that named it in the message).',
  },
  CallerNotAuthorizedError: {
    retryable: false,
    raisedBy: 'api',
    meaning: 'The caller is not a consumer of this API, or not for the purpose of use it gave (see apiConsumers in the app model).',
  },
  ClaimNotReadyError: { retryable: false, raisedBy: 'function', meaning: 'The claim is not in a status the operation accepts.' },
  ConfigurationError: {
    retryable: false,
    raisedBy: 'function',
    meaning: 'The function is missing configuration (the variable is named); fix the deployment.',
  },
  ExchangeInputError: {
    retryable: false,
    raisedBy: 'function',
    meaning: 'Our records cannot make a valid X12 request; the message names the fields at fault.',
  },
  X12Error: {
    retryable: false,
    raisedBy: 'function',
    meaning: 'An X12 file cannot be read or written; the error gives the segment and byte offset.',
  },
  StoredItemError: { retryable: false, raisedBy: 'function', meaning: 'A stored record fails its contract; it needs repair, not a retry.' },
  ClaimNotFoundError: { retryable: false, raisedBy: 'function', meaning: 'An event names a claim that is not stored.' },
  BatchWriteIncompleteError: {
    retryable: true,
    raisedBy: 'function',
    meaning: 'DynamoDB left items of a bulk load unprocessed past every retry (throughput); run the load again, it writes what is missing.',
  },
  LedgerRuleError: {
    retryable: false,
    raisedBy: 'function',
    meaning: 'A posting breaks a ledger rule (sign, account, duplicate entry id).',
  },
  PostingNotFoundError: {
    retryable: false,
    raisedBy: 'function',
    meaning: 'The posting to reverse does not exist or is itself a reversal.',
  },
  RemittanceClaimError: {
    retryable: false,
    raisedBy: 'function',
    meaning: 'A claim of an 835 breaks the remittance contract; it is listed for a person, not posted.',
  },
  UnpostableRemittanceError: {
    retryable: false,
    raisedBy: 'function',
    meaning: 'A remittance claim cannot be posted as new money (e.g. a reversal).',
  },
  // The records APIs (functions/records): the message names the request field, never its value.

  IdempotencyConflictError: {
    retryable: false,
    raisedBy: 'api',
    meaning: 'An idempotency id (encounterId, paymentId) was used before with a different request; the first one stands.',
  },
  RefundTooLargeError: {
    retryable: false,
    raisedBy: 'api',
    meaning: 'A refund would give the patient back more than the patient paid (on the account or the claim).',
  },
  CoreSecretInvalidError: { retryable: false, raisedBy: 'function', meaning: 'The CORE connection secret is not in the expected shape.' },
  // The payer gateway's contract (functions/payers/errors.ts).
  PayerRejectedError: { retryable: false, raisedBy: 'function', meaning: 'The payer refused the request; sending it again will not help.' },
  PayerRequestInvalidError: { retryable: false, raisedBy: 'function', meaning: 'The request handed to the payer gateway is malformed.' },
  BatchConflictError: {
    retryable: false,
    raisedBy: 'function',
    meaning: 'The batch id was submitted before with other content; the first submission stands.',
  },
  PayerTimeoutError: { retryable: true, raisedBy: 'function', meaning: 'The payer did not answer in time.' },
  PayerRateLimitedError: { retryable: true, raisedBy: 'function', meaning: 'The payer throttled us; wait and retry.' },
  PayerUnavailableError: {
    retryable: true,
    raisedBy: 'function',
    meaning: 'The payer or its gateway is down, busy or answered unreadably.',
  },
  InternalError: {
    retryable: true,
    raisedBy: 'function',
    meaning:
      "An unexpected failure inside a function (a bug or a runtime error); the message gives the request id to find it in the function's logs.",
  },
  TransientDependencyError: {
    retryable: true,
    raisedBy: 'function',
    meaning: 'S3, DynamoDB or another dependency failed in a way worth retrying.',
  },
  PostingResultsIncompleteError: {
    retryable: true,
    raisedBy: 'function',
    meaning:
      "The Map Runs that posted an 835's claims account for fewer claims than were split off; the results are read again, then the file waits in failed-postings (a resume posts only what is missing).",
  },
  // Workflow outcomes a person acts on.
  'Claim.NotSubmitted': {
    retryable: false,
    raisedBy: 'workflow',
    meaning: "The claim fails the scrubber's edits and its hold was dismissed or not worked; nothing was sent to the payer.",
  },
  'Claim.NotEligible': { retryable: false, raisedBy: 'workflow', meaning: "No active coverage on the claim's date of service." },
  'Claim.Rejected': { retryable: false, raisedBy: 'workflow', meaning: 'The payer rejected the claim at the front door (999 or 277CA).' },
  'Claim.Denied': {
    retryable: false,
    raisedBy: 'workflow',
    meaning: 'The payer denied all or part of the claim and a person chose to appeal or correct it; the denial stays in the denials queue.',
  },
  'Claim.TooManyResubmissions': {
    retryable: false,
    raisedBy: 'workflow',
    meaning: 'The claim was corrected or resubmitted three times in one execution and came back again; its last item stays in its queue.',
  },
  'Claim.AppealDeadlinePassed': {
    retryable: false,
    raisedBy: 'workflow',
    meaning: "No one approved or rejected the drafted appeal before the payer's deadline, though it was escalated.",
  },
  'Claim.NoAdjudication': { retryable: false, raisedBy: 'workflow', meaning: 'No remittance after every wait and status inquiry.' },
  'Workflow.InvalidInput': {
    retryable: false,
    raisedBy: 'workflow',
    meaning: 'The execution was started with an input of the wrong shape; the cause says what the workflow takes.',
  },
  'InboundFile.Unrecognized': {
    retryable: false,
    raisedBy: 'workflow',
    meaning: 'A file in the inbox is not an X12 file we take; it was quarantined with a report.',
  },
  'InboundFile.IncompleteRemittance': {
    retryable: false,
    raisedBy: 'workflow',
    meaning: 'An 835 is cut short or its envelope is broken; it was quarantined and nothing was posted.',
  },
  'InboundFile.IncompleteAcknowledgement': {
    retryable: false,
    raisedBy: 'workflow',
    meaning: 'A 999 or 277CA is cut short or its envelope is broken; it was quarantined and no claim was changed.',
  },
  'Reverification.NotListed': {
    retryable: false,
    raisedBy: 'workflow',
    meaning: 'The nightly re-verification could not list the upcoming visits from the table; nothing was verified.',
  },
  'Reports.NotGenerated': {
    retryable: false,
    raisedBy: 'workflow',
    meaning:
      'The financial reports could not be built or written after their retries (the cause names the error); start FinancialReports again once it is fixed, the files are rewritten whole.',
  },
  'RemittancePosting.Dismissed': {
    retryable: false,
    raisedBy: 'workflow',
    meaning:
      'Posting of an 835 stopped past its retries and a person dismissed its failed-postings item: what was posted stays, the item counts what was not.',
  },
  'RemittancePosting.Undecided': {
    retryable: false,
    raisedBy: 'workflow',
    meaning:
      'Posting of an 835 stopped past its retries and no one decided its failed-postings item in 30 days; drop the file again under inbound/ to finish it (nothing is posted twice).',
  },
  'RemittancePosting.Interrupted': {
    retryable: false,
    raisedBy: 'workflow',
    meaning:
      'Posting of an 835 stopped past its retries and could not be put in the failed-postings queue (or was resumed 20 times); drop the file again under inbound/ to finish it (nothing is posted twice).',
  },
} as const satisfies Record<string, CatalogEntry>;

export type ErrorName = keyof typeof errorCatalog;

/** Whether the catalog lists `name`. */
export function isCatalogError(name: string): name is ErrorName {
  return Object.hasOwn(errorCatalog, name);
}

/** Whether an error with this name is worth retrying; unknown names (SDK and runtime errors) count as transient. */
export function isRetryable(name: string): boolean {
  return isCatalogError(name) ? errorCatalog[name].retryable : true;
}
