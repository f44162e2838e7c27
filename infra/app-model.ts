/**
 * What the application is made of, declared once and read by both the CDK app (infra/aws) and the
 * embedded local stack (infra/local): the Lambda functions and their handler files, the state
 * machines and their ASL files, the buckets, and which S3 objects start which workflow.
 */
import { auditTrailTable, patientAccountsTable, type TableDefinition } from '#functions/store/table-definition.ts';
import type { PurposeOfUse } from '#schemas/api.ts';
import { CLEARINGHOUSE_SFTP } from '#functions/clearinghouse/layout.ts';

/** What a function may do with objects under one prefix of one bucket. */
/** `list` lets a read of a missing key answer 404 rather than 403 (bucket-wide: S3 cannot narrow it for reads). */
export type ObjectAccess = 'read' | 'write' | 'delete' | 'list';

export interface ObjectGrant {
  /** A bucket of the model, by name. */
  readonly bucket: string;
  /** Key prefix, ending in `/`. */
  readonly prefix: string;
  readonly access: readonly ObjectAccess[];
}

/**
 * Everything a function touches. The CDK app turns it into IAM statements, and both stacks derive the
 * function's environment from it (a function is told only the names of what it may use).
 */
export interface FunctionAccess {
  /** The table (and its indexes). */
  readonly table?: 'read' | 'readWrite';
  readonly objects?: readonly ObjectGrant[];
  /** Resumes workflows parked on a task token (`states:SendTaskSuccess`/`SendTaskFailure`). */
  readonly taskTokens?: boolean;
  /** Talks to payers through the configured gateway: the clearinghouse secret and the X12 identities. */
  readonly payerGateway?: boolean;
  /** State machines, by name, the function starts executions of. */
  readonly startExecutions?: readonly string[];
  /** State machines, by name, whose executions the function describes (status and dates; never their data). */
  readonly readExecutions?: readonly string[];
  /**
   * Reads and saves the deployed sandbox payer's memory (its pointer table and its objects, see
   * `AppModel.sandboxPayer`). Payer functions get this too where the connection is `sandbox-remote`.
   */
  readonly sandboxPayerMemory?: boolean;
  /**
   * Starts listings and transfers on the stage's clearinghouse SFTP connector (Transfer Family), where
   * the payer connection has one (`PayerConnection` `real` with `sftp`).
   */
  readonly sftpConnector?: boolean;
  /**
   * The PHI access audit trail (its own table): `append` adds entries (PutItem only: no one in the
   * application updates or deletes one); `read` also queries a patient's trail (the access report).
   */
  readonly audit?: 'append' | 'read';
}

/** A business count a function reports from its result: a numeric field, or 1 per successful call. */
export interface BusinessMetric {
  /** Metric name in the application's namespace. */
  readonly name: string;
  /** Numeric field of the handler's result; omitted: counts successful invocations. */
  readonly field?: string;
  readonly unit: 'Count' | 'Cents';
}

export interface FunctionSpec {
  /** Logical name; also the placeholder `${<name>FunctionArn}` in workflow files. */
  readonly name: string;
  /** Handler module, relative to the repository root. */
  readonly entry: string;
  /** Exported handler function name. */
  readonly handler?: string;
  readonly description: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** What the function touches; omitted, nothing (no table, bucket, secret or workflow). */
  readonly access?: FunctionAccess;
  /** Concurrency reserved (and capped) for the function, where a payer limits how fast we may call. */
  readonly reservedConcurrency?: number;
  /**
   * Invocations the local stack runs at once, as AWS runs that many containers (default 1: one warm
   * container, for handlers that keep state of their own between awaits). Only for a handler whose
   * module keeps nothing of one invocation (the platform's logger is per invocation) and that a
   * Distributed Map calls this many at a time.
   */
  readonly localConcurrency?: number;
  /** PHI-free counts and cents the function reports (CloudWatch metrics on AWS). */
  readonly metrics?: readonly BusinessMetric[];
  /**
   * Data files the handler reads at run time, copied into its bundle: `from` relative to the repository
   * root, `to` relative to the bundle (where the module's `import.meta.url` resolves it).
   */
  readonly bundledFiles?: readonly { readonly from: string; readonly to: string }[];
  /**
   * Settings the function reads from its environment beyond what its access derives (e.g.
   * `ELIGIBILITY_REUSE_HOURS`), the same in AWS and in the local stack. Upper-case names; refused (see
   * {@link declaredEnvironment}): the names the access derives, the platform's (`AWS_*`, `LAMBDA_*`, `_*`)
   * and those every function gets. Never a secret: the values sit in clear in the function's configuration.
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** Deployed only where the payer connection is this one (omitted: everywhere). */
  readonly onlyWithPayerGateway?: PayerConnection['gateway'];
  /** Deployed only where the payer connection reaches the clearinghouse over SFTP (`real` with `sftp`). */
  readonly onlyWithClearinghouseSftp?: boolean;
}

export interface StateMachineSpec {
  /** Logical name; also the placeholder `${<name>StateMachineArn}`. */
  readonly name: string;
  /** ASL file (JSONPath), relative to the repository root. */
  readonly file: string;
  readonly description: string;
  /**
   * The workflow runs Distributed Maps: its role may start, describe and stop its own child executions
   * and describe its Map Runs, and read (ItemReader) or write (ResultWriter) the objects under these prefixes.
   */
  readonly distributedMap?: { readonly objects: readonly ObjectGrant[] };
}

export interface BucketSpec {
  /** Logical name; also the placeholder `${<name>BucketName}`. */
  readonly name: string;
  readonly description: string;
}

/** An S3 object created under a prefix starts a state machine (S3 → EventBridge → Step Functions). */
export interface ObjectCreatedTrigger {
  readonly bucket: string;
  readonly prefix: string;
  readonly stateMachine: string;
}

/** A function invoked on a fixed rate (EventBridge); deployed where its function is. */
export interface ScheduleSpec {
  readonly function: string;
  readonly everyMinutes: number;
  readonly description: string;
}

/**
 * A state machine started once a day (EventBridge Scheduler on AWS). The local stack does not run
 * schedules: start the machine on demand there (e.g. `rcm report` builds the same files directly).
 */
export interface StateMachineScheduleSpec {
  readonly stateMachine: string;
  /** Time of day in UTC, `HH:MM`. */
  readonly dailyAtUtc: string;
  /** The execution input (JSON object). */
  readonly input: Readonly<Record<string, unknown>>;
  readonly description: string;
}

/** Where the deployed sandbox payer (payer connection `sandbox-remote`) keeps its memory. */
export interface SandboxPayerSpec {
  /** The snapshots: encrypted objects under this prefix of this bucket of the model. */
  readonly memory: { readonly bucket: string; readonly prefix: string };
}

/**
 * A hospital service that calls Lambda APIs: in AWS it invokes each of its APIs through an alias named
 * after it, whose resource policy admits only its IAM principal (per stage, `consumers` in CDK
 * context); the function knows the caller from the alias and checks the purpose of use against these.
 */
export interface ApiConsumerSpec {
  /** The alias name (letters, digits, `-`); also the caller's principal in the audit trail. */
  readonly name: string;
  readonly description: string;
  /** The API functions it may invoke, by name. */
  readonly apis: readonly string[];
  /** The purposes of use it may give. */
  readonly purposes: readonly PurposeOfUse[];
}

export interface AppModel {
  readonly table: TableDefinition;
  /** The PHI access audit trail's table (see `FunctionAccess.audit`); required where a function uses it. */
  readonly auditTable?: TableDefinition;
  readonly buckets: readonly BucketSpec[];
  readonly functions: readonly FunctionSpec[];
  readonly stateMachines: readonly StateMachineSpec[];
  readonly triggers: readonly ObjectCreatedTrigger[];
  /** Omitted: none. */
  readonly schedules?: readonly ScheduleSpec[];
  /** State machines started daily; omitted: none. */
  readonly stateMachineSchedules?: readonly StateMachineScheduleSpec[];
  /** Required where a function uses the sandbox payer's memory (connection `sandbox-remote`). */
  readonly sandboxPayer?: SandboxPayerSpec;
  /** The services that call the Lambda APIs; omitted: none. */
  readonly apiConsumers?: readonly ApiConsumerSpec[];
}

export const appModel: AppModel = {
  table: patientAccountsTable,
  auditTable: auditTrailTable,
  buckets: [
    { name: 'Inbox', description: 'Files from payers and the clearinghouse: 835, 277CA, 999, 271, 277' },
    { name: 'Outbox', description: 'Files to payers: 837 batches with manifests, picked up by the SFTP connector' },
    { name: 'Reports', description: 'Financial reports and quarantine reports for ops' },
  ],
  functions: [
    {
      name: 'InspectInboundFile',
      entry: 'functions/handlers/inspect-inbound-file.ts',
      description: 'Reads the envelope of a file that landed in the inbox and says what it is',
      timeoutSeconds: 60,
      memoryMb: 512,
      access: { objects: [{ bucket: 'Inbox', prefix: 'inbound/', access: ['read'] }] },
    },
    {
      name: 'QuarantineInboundFile',
      entry: 'functions/handlers/quarantine-inbound-file.ts',
      description: 'Moves an unusable inbound file to quarantine/ with a report saying what and where',
      timeoutSeconds: 60,
      memoryMb: 512,
      access: {
        table: 'readWrite',
        objects: [
          // list: a copy from a file already moved answers 404 (not 403), which a retried quarantine goes on from.
          { bucket: 'Inbox', prefix: 'inbound/', access: ['read', 'delete', 'list'] },
          // read: the retry makes sure the copy it goes on from is there.
          { bucket: 'Inbox', prefix: 'quarantine/', access: ['read', 'write'] },
        ],
      },
      metrics: [{ name: 'FilesQuarantined', unit: 'Count' }],
    },
    {
      name: 'ApplyAcknowledgement',
      entry: 'functions/handlers/apply-acknowledgement.ts',
      description: 'Records what a 999 or 277CA from the inbox says about each of our claims',
      timeoutSeconds: 120,
      memoryMb: 512,
      access: { table: 'readWrite', objects: [{ bucket: 'Inbox', prefix: 'inbound/', access: ['read'] }], taskTokens: true },
      metrics: [
        { name: 'ClaimsAcknowledged', field: 'accepted', unit: 'Count' },
        { name: 'ClaimsRejected', field: 'rejected', unit: 'Count' },
        { name: 'AcknowledgementsUnmatched', field: 'unmatched', unit: 'Count' },
      ],
    },
    {
      name: 'PostRemittance',
      entry: 'functions/handlers/post-remittance.ts',
      description:
        'Posts a whole 835 from the inbox in one invocation, claim by claim, idempotently (by hand; PayerFileIntake posts with a Distributed Map)',
      timeoutSeconds: 900,
      memoryMb: 1024,
      access: {
        table: 'readWrite',
        objects: [
          { bucket: 'Inbox', prefix: 'inbound/', access: ['read'] },
          { bucket: 'Reports', prefix: 'reconciliation/', access: ['write'] },
        ],
        taskTokens: true,
      },
    },
    {
      name: 'SplitRemittance',
      entry: 'functions/handlers/split-remittance.ts',
      description: "Checks an 835 from the inbox whole and writes its claims as JSON Lines for PayerFileIntake's Distributed Maps",
      timeoutSeconds: 900,
      memoryMb: 1024,
      access: {
        objects: [
          { bucket: 'Inbox', prefix: 'inbound/', access: ['read'] },
          { bucket: 'Inbox', prefix: 'posting/claims/', access: ['write'] },
        ],
      },
      metrics: [{ name: 'RemittanceClaimsSplit', field: 'claims', unit: 'Count' }],
    },
    {
      name: 'PostRemittanceBatch',
      entry: 'functions/handlers/post-remittance-batch.ts',
      description: "Posts one batch of an 835's claims (a Distributed Map child) to claims and ledgers, idempotently",
      timeoutSeconds: 300,
      memoryMb: 512,
      // PayerFileIntake's PostClaims Map runs 16 batches at once (MaxConcurrency in workflows/payer-file-intake.asl.json).
      localConcurrency: 16,
      access: { table: 'readWrite', taskTokens: true },
    },
    {
      name: 'FinishRemittancePosting',
      entry: 'functions/handlers/finish-remittance-posting.ts',
      description: "Sums an 835's posted batches, posts its PLB, saves its payments, reconciles them against BPR02 and writes the report",
      timeoutSeconds: 900,
      memoryMb: 1024,
      access: {
        table: 'readWrite',
        objects: [
          { bucket: 'Inbox', prefix: 'inbound/', access: ['read'] },
          { bucket: 'Inbox', prefix: 'posting/results/', access: ['read'] },
          { bucket: 'Reports', prefix: 'reconciliation/', access: ['write'] },
        ],
      },
      metrics: [
        { name: 'RemittancesPosted', field: 'remittancesSaved', unit: 'Count' },
        { name: 'DenialCentsHeld', field: 'heldCents', unit: 'Cents' },
        { name: 'ClaimsPosted', field: 'posted', unit: 'Count' },
        { name: 'CentsPosted', field: 'paidCents', unit: 'Cents' },
        { name: 'RemittanceClaimsUnmatched', field: 'unmatched', unit: 'Count' },
        { name: 'RemittanceClaimsNeedingAttention', field: 'attentionTotal', unit: 'Count' },
      ],
    },
    {
      name: 'RecordFailedPosting',
      entry: 'functions/handlers/record-failed-posting.ts',
      description: 'Puts an 835 posting that stopped past its retries in the failed-postings queue, with what is posted and what is not',
      timeoutSeconds: 900,
      memoryMb: 512,
      access: { table: 'readWrite', objects: [{ bucket: 'Inbox', prefix: 'inbound/', access: ['read'] }] },
      metrics: [
        { name: 'RemittancePostingsStopped', unit: 'Count' },
        { name: 'RemittanceCentsNotPosted', field: 'notPostedPaidCents', unit: 'Cents' },
      ],
    },
    {
      name: 'AwaitClaimUpdate',
      entry: 'functions/handlers/await-claim-update.ts',
      description: "Parks a claim workflow's task token until the claim is acknowledged or adjudicated",
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'readWrite', taskTokens: true },
    },
    {
      name: 'CheckEligibility',
      entry: 'functions/handlers/check-eligibility.ts',
      description: "Asks the payer (270/271) whether a patient's coverage is active and what it pays; returns no PHI",
      timeoutSeconds: 200,
      memoryMb: 512,
      access: { table: 'readWrite', payerGateway: true },
      reservedConcurrency: 5,
      metrics: [{ name: 'EligibilityChecks', unit: 'Count' }],
    },
    {
      name: 'ListUpcomingVerifications',
      entry: 'functions/handlers/list-upcoming-verifications.ts',
      description:
        'Lists the coverages of claims not yet sent whose date of service falls in the next days, for the nightly re-verification',
      timeoutSeconds: 120,
      memoryMb: 512,
      access: { table: 'read' },
      metrics: [{ name: 'CoveragesDueForReverification', field: 'checkCount', unit: 'Count' }],
    },
    {
      name: 'ReverifyCoverage',
      entry: 'functions/handlers/reverify-coverage.ts',
      description: 'Verifies one coverage again (270/271) before the visit and puts its claims on hold when coverage ended or changed',
      timeoutSeconds: 200,
      memoryMb: 512,
      access: { table: 'readWrite', payerGateway: true },
      // Shares the payers' rate limits with CheckEligibility.
      reservedConcurrency: 4,
      metrics: [
        { name: 'CoveragesReverified', unit: 'Count' },
        { name: 'CoverageHoldsRaised', field: 'holdsRaised', unit: 'Count' },
      ],
    },
    {
      name: 'SendAuthorizationRequest',
      entry: 'functions/handlers/send-authorization-request.ts',
      description: 'Asks the payer to authorize services (278) and records its decision; raises work for a denial or partial approval',
      timeoutSeconds: 200,
      memoryMb: 512,
      access: { table: 'readWrite', payerGateway: true },
      reservedConcurrency: 5,
      metrics: [{ name: 'AuthorizationRequests', unit: 'Count' }],
    },
    {
      name: 'SweepAuthorizations',
      entry: 'functions/handlers/sweep-authorizations.ts',
      description: 'Daily: expires authorizations past their end; queues those ending soon or running out of units',
      timeoutSeconds: 300,
      memoryMb: 512,
      access: { table: 'readWrite' },
      metrics: [{ name: 'AuthorizationsNeedingRenewal', field: 'raised', unit: 'Count' }],
    },
    {
      name: 'SubmitClaims',
      entry: 'functions/handlers/submit-claims.ts',
      description: 'Writes a batch of stored claims as 837s, hands it to the payer gateway and marks the claims submitted',
      timeoutSeconds: 300,
      memoryMb: 1024,
      access: {
        table: 'readWrite',
        payerGateway: true,
        objects: [
          { bucket: 'Outbox', prefix: 'outbox/', access: ['read', 'write', 'list'] },
          { bucket: 'Outbox', prefix: 'outbox-state/', access: ['read', 'write', 'list'] },
        ],
      },
      reservedConcurrency: 2,
      metrics: [
        { name: 'ClaimsSubmitted', field: 'claimCount', unit: 'Count' },
        { name: 'ChargeCentsSubmitted', field: 'totalChargeCents', unit: 'Cents' },
      ],
    },
    {
      name: 'CheckClaimStatus',
      entry: 'functions/handlers/check-claim-status.ts',
      description: 'Asks the payer (276/277) where a submitted claim stands',
      timeoutSeconds: 200,
      memoryMb: 512,
      access: { table: 'readWrite', payerGateway: true },
      reservedConcurrency: 5,
      metrics: [{ name: 'ClaimStatusInquiries', unit: 'Count' }],
    },
    {
      name: 'ListWorkItems',
      entry: 'functions/handlers/list-work-items.ts',
      description: 'Lists a work queue (denials, appeals, holds, rejections, unmatched remittances...) by deadline and amount',
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'read' },
    },
    {
      name: 'GetWorkItem',
      entry: 'functions/handlers/get-work-item.ts',
      description: 'Reads one work item with its details and decision',
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'read' },
    },
    {
      name: 'ResolveWorkItem',
      entry: 'functions/handlers/resolve-work-item.ts',
      description: "Records a person's decision on a work item and resumes the workflow waiting on it",
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'readWrite', taskTokens: true },
      metrics: [{ name: 'WorkItemsDecided', unit: 'Count' }],
    },
    {
      name: 'AwaitWorkItem',
      entry: 'functions/handlers/await-work-item.ts',
      description: "Parks a claim workflow's task token on the claim's open work item until a person decides",
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'readWrite', taskTokens: true },
    },
    {
      name: 'ScrubClaim',
      entry: 'functions/handlers/scrub-claim.ts',
      description: "Runs the scrubber's edits on a stored claim; a claim with errors is held in the holds queue, not sent",
      timeoutSeconds: 30,
      memoryMb: 512,
      access: { table: 'readWrite' },
      bundledFiles: [{ from: 'functions/claims/data/icd10cm-order-sample.txt', to: 'data/icd10cm-order-sample.txt' }],
      metrics: [
        { name: 'ClaimsScrubbed', unit: 'Count' },
        { name: 'ScrubErrors', field: 'errorCount', unit: 'Count' },
      ],
    },
    {
      name: 'WriteOffDenial',
      entry: 'functions/handlers/write-off-denial.ts',
      description: "Posts the write-off a person decided on a claim's denial and closes the claim",
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'readWrite' },
      metrics: [{ name: 'CentsWrittenOff', field: 'writtenOffCents', unit: 'Cents' }],
    },
    {
      name: 'AmendClaim',
      entry: 'functions/handlers/amend-claim.ts',
      description: "Applies a person's fix to a claim the payer does not have; the ledger's charge follows its total",
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'readWrite' },
      metrics: [{ name: 'ClaimsAmended', unit: 'Count' }],
    },
    {
      name: 'PrepareResubmission',
      entry: 'functions/handlers/prepare-resubmission.ts',
      description: "Makes a fixed claim a replacement (frequency 7) or a resubmission (frequency 1) on a person's decision",
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'readWrite' },
      metrics: [{ name: 'ClaimsSentBack', unit: 'Count' }],
    },
    {
      name: 'DraftAppeal',
      entry: 'functions/handlers/draft-appeal.ts',
      description: 'Drafts the appeal packet and letter of a denial a person chose to appeal and opens its approval item',
      timeoutSeconds: 60,
      memoryMb: 512,
      access: { table: 'readWrite', objects: [{ bucket: 'Reports', prefix: 'appeals/', access: ['write'] }] },
      metrics: [{ name: 'AppealsDrafted', unit: 'Count' }],
    },
    {
      name: 'EscalateAppeal',
      entry: 'functions/handlers/escalate-appeal.ts',
      description: "Marks an appeal packet's approval item escalated when no one decided it a week before its deadline",
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'readWrite' },
      metrics: [{ name: 'AppealsEscalated', unit: 'Count' }],
    },
    {
      name: 'SubmitAppeal',
      entry: 'functions/handlers/submit-appeal.ts',
      description: 'Files an approved appeal packet with the payer through the gateway and records what the payer answered',
      timeoutSeconds: 120,
      memoryMb: 512,
      access: {
        table: 'readWrite',
        payerGateway: true,
        objects: [
          { bucket: 'Reports', prefix: 'appeals/', access: ['read', 'write', 'list'] },
          // The real gateway files appeals by mail or portal from here.
          { bucket: 'Outbox', prefix: 'appeals/', access: ['write'] },
        ],
      },
      reservedConcurrency: 2,
      metrics: [{ name: 'AppealsSubmitted', unit: 'Count' }],
    },
    {
      name: 'SettleClaim',
      entry: 'functions/handlers/settle-claim.ts',
      description:
        'After the payer paid: bills the next coverage (a new claim and its lifecycle), requests a statement, or closes the claim',
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'readWrite', startExecutions: ['ClaimLifecycle'] },
      metrics: [
        { name: 'SecondaryClaimsCreated', field: 'secondaryClaimsCreated', unit: 'Count' },
        { name: 'StatementsRequested', field: 'statementsRequested', unit: 'Count' },
      ],
    },
    {
      name: 'ProduceStatement',
      entry: 'functions/handlers/produce-statement.ts',
      description: "Renders a settled claim's patient statement (PDF) into the Reports bucket and marks its request sent, once",
      timeoutSeconds: 60,
      memoryMb: 512,
      access: { table: 'readWrite', objects: [{ bucket: 'Reports', prefix: 'statements/', access: ['write'] }] },
      metrics: [
        { name: 'StatementsProduced', field: 'statementsProduced', unit: 'Count' },
        { name: 'CentsBilledToPatients', field: 'patientBilledCents', unit: 'Cents' },
      ],
    },
    {
      name: 'SendStatements',
      entry: 'functions/handlers/send-statements.ts',
      description: 'Hourly sweep: produces the patient statements still waiting to be sent (a failed one waits for the next run)',
      timeoutSeconds: 300,
      memoryMb: 512,
      access: { table: 'readWrite', objects: [{ bucket: 'Reports', prefix: 'statements/', access: ['write'] }] },
      // One sweep at a time: two would race for the same requests (harmless, but twice the work).
      reservedConcurrency: 1,
      metrics: [
        { name: 'StatementsProduced', field: 'produced', unit: 'Count' },
        { name: 'CentsBilledToPatients', field: 'patientBilledCents', unit: 'Cents' },
        { name: 'StatementsFailed', field: 'failed', unit: 'Count' },
      ],
    },
    {
      name: 'RegisterPatient',
      entry: 'functions/handlers/register-patient.ts',
      description: 'Lambda API: creates or updates a patient and their coverages (idempotent; reports the fields that changed)',
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'readWrite', audit: 'append' },
    },
    {
      name: 'CaptureEncounter',
      entry: 'functions/handlers/capture-encounter.ts',
      description: "Lambda API: posts an encounter's charges, stores its claim and starts the claim's lifecycle, once per encounter",
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'readWrite', startExecutions: ['ClaimLifecycle'], audit: 'append' },
    },
    {
      name: 'RequestAuthorization',
      entry: 'functions/handlers/request-authorization.ts',
      description: 'Lambda API: starts the AuthorizationRequest workflow (a 278 to the payer) for one request, once per authorizationId',
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'read', startExecutions: ['AuthorizationRequest'], audit: 'append' },
    },
    {
      name: 'RecordPatientPayment',
      entry: 'functions/handlers/record-patient-payment.ts',
      description: "Lambda API: records a patient's payment or a refund to the patient, once per paymentId",
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'readWrite', audit: 'append' },
    },
    {
      name: 'ListClaims',
      entry: 'functions/handlers/list-claims.ts',
      description: 'Lambda API: lists claims by status, payer and age, a page at a time',
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'read', audit: 'append' },
    },
    {
      name: 'GetClaimTimeline',
      entry: 'functions/handlers/get-claim-timeline.ts',
      description: "Lambda API: a claim's events in order with the workflow executions that recorded them",
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'read', readExecutions: ['ClaimLifecycle'], audit: 'append' },
    },
    {
      name: 'SandboxPayerTick',
      entry: 'functions/handlers/sandbox-payer-tick.ts',
      description: "The deployed sandbox payer's clock: drops its due 999, 277CA and 835 files into the inbox",
      timeoutSeconds: 120,
      memoryMb: 512,
      access: { sandboxPayerMemory: true, objects: [{ bucket: 'Inbox', prefix: 'inbound/', access: ['write'] }] },
      // One tick at a time: only the tick delivers, so a file never goes out twice.
      reservedConcurrency: 1,
      metrics: [{ name: 'SandboxPayerFilesSent', field: 'delivered', unit: 'Count' }],
      onlyWithPayerGateway: 'sandbox-remote',
    },
    {
      name: 'GenerateReports',
      entry: 'functions/handlers/generate-reports.ts',
      description:
        'Builds the financial reports (A/R aging, denials, collections, reconciliation, appeals, queues) as of a date: xlsx, CSV, JSON',
      timeoutSeconds: 300,
      memoryMb: 1024,
      // Reads the whole table (one Scan) and writes only its own prefix of the Reports bucket.
      access: { table: 'read', objects: [{ bucket: 'Reports', prefix: 'reports/', access: ['write'] }] },
      // One run at a time: a second would scan the table again for the same files.
      reservedConcurrency: 1,
      metrics: [
        { name: 'FinancialReportsGenerated', unit: 'Count' },
        { name: 'OpenAccountsReceivable', field: 'openArCents', unit: 'Cents' },
      ],
    },
    {
      name: 'GetAccount',
      entry: 'functions/handlers/get-account.ts',
      description: "API: an account's balances by responsibility, ledger, claims and statements (each access audited)",
      timeoutSeconds: 30,
      memoryMb: 512,
      access: { table: 'read', audit: 'append' },
      metrics: [{ name: 'AccountsRead', unit: 'Count' }],
    },
    {
      name: 'BalanceInquiry',
      entry: 'functions/handlers/balance-inquiry.ts',
      description: 'API: what a patient owes, what is pending with insurers, the latest payments (each access audited)',
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'read', audit: 'append' },
      metrics: [{ name: 'BalanceInquiries', unit: 'Count' }],
    },
    {
      name: 'GetEligibility',
      entry: 'functions/handlers/get-eligibility.ts',
      description: "API: the payer's latest stored eligibility answer for a coverage (each access audited)",
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'read', audit: 'append' },
    },
    {
      name: 'EstimatePatientCost',
      entry: 'functions/handlers/estimate-patient-cost.ts',
      description:
        "API: what a patient will likely owe for planned services, from the stored benefits and the payer's fee schedule (audited)",
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'read', audit: 'append' },
      metrics: [{ name: 'PatientCostEstimates', unit: 'Count' }],
    },
    {
      name: 'ListRecordAccess',
      entry: 'functions/handlers/list-record-access.ts',
      description: 'API: the PHI access audit trail of one patient, newest first (the accounting of disclosures; itself audited)',
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { audit: 'read' },
    },
    {
      name: 'RecordDisclosure',
      entry: 'functions/handlers/record-disclosure.ts',
      description: "API: records a view of a claim's workflow execution data (input, output) in the patient's audit trail, with its reason",
      timeoutSeconds: 30,
      memoryMb: 256,
      // Reads the claim for its patient; appends to the trail; never reads the execution itself.
      access: { table: 'read', audit: 'append' },
      metrics: [{ name: 'ExecutionDataDisclosures', unit: 'Count' }],
    },
    {
      name: 'ExchangeClearinghouseFiles',
      entry: 'functions/handlers/exchange-clearinghouse-files.ts',
      description:
        "Over the clearinghouse's SFTP connector: sends complete 837 batches from the outbox, retrieves its files into the inbox",
      timeoutSeconds: 120,
      memoryMb: 256,
      access: {
        objects: [
          { ...CLEARINGHOUSE_SFTP.sendFrom, access: ['read', 'list'] },
          { ...CLEARINGHOUSE_SFTP.listings, access: ['read', 'delete'] },
          { ...CLEARINGHOUSE_SFTP.state, access: ['read', 'write'] },
        ],
        sftpConnector: true,
      },
      // One run at a time: two would both find the same batch unsent.
      reservedConcurrency: 1,
      onlyWithClearinghouseSftp: true,
      metrics: [
        { name: 'ClearinghouseFilesSent', field: 'filesSent', unit: 'Count' },
        { name: 'ClearinghouseFilesRetrieved', field: 'filesRetrieved', unit: 'Count' },
      ],
    },
    {
      name: 'RegisterProvider',
      entry: 'functions/handlers/register-provider.ts',
      description: 'API: creates or replaces a provider on file (reference data, not PHI)',
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'readWrite' },
      metrics: [{ name: 'ProvidersRegistered', unit: 'Count' }],
    },
    {
      name: 'RegisterPayerProfile',
      entry: 'functions/handlers/register-payer-profile.ts',
      description: "API: creates or replaces the hospital's profile of a payer (reference data, not PHI)",
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'readWrite' },
      metrics: [{ name: 'PayerProfilesRegistered', unit: 'Count' }],
    },
    {
      name: 'GetProvider',
      entry: 'functions/handlers/get-provider.ts',
      description: 'API: a provider on file (reference data, not PHI)',
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'read' },
    },
    {
      name: 'GetPayerProfile',
      entry: 'functions/handlers/get-payer-profile.ts',
      description: "API: the hospital's profile of a payer (reference data, not PHI)",
      timeoutSeconds: 30,
      memoryMb: 256,
      access: { table: 'read' },
    },
  ],
  stateMachines: [
    {
      name: 'PayerFileIntake',
      file: 'workflows/payer-file-intake.asl.json',
      description: 'A payer file landed in the inbox: identify it, record it, quarantine what cannot be used',
      distributedMap: {
        objects: [
          { bucket: 'Inbox', prefix: 'posting/claims/', access: ['read'] },
          { bucket: 'Inbox', prefix: 'posting/results/', access: ['write'] },
        ],
      },
    },
    {
      name: 'ClaimSubmission',
      file: 'workflows/claim-submission.asl.json',
      description: 'Submits a batch of scrubbed claims to one payer, retrying what is transient',
    },
    {
      name: 'ClaimLifecycle',
      file: 'workflows/claim-lifecycle.asl.json',
      description: "One claim's life with the payer: eligibility, submission, acknowledgement, adjudication, follow-up",
    },
    {
      name: 'EligibilityCheck',
      file: 'workflows/eligibility-check.asl.json',
      description: "Verifies a patient's coverage with the payer, retrying what is transient",
    },
    {
      name: 'CoverageReverification',
      file: 'workflows/coverage-reverification.asl.json',
      description: 'Nightly: verifies again the coverages of the next days’ visits and puts claims on hold when coverage ended or changed',
    },
    {
      name: 'AuthorizationRequest',
      file: 'workflows/authorization-request.asl.json',
      description: 'Asks a payer to authorize services (278), follows up on a pend, records the decision',
    },
    {
      name: 'FinancialReports',
      file: 'workflows/financial-reports.asl.json',
      description: 'Writes the day’s financial reports to the Reports bucket, retrying what is transient',
    },
  ],
  triggers: [{ bucket: 'Inbox', prefix: 'inbound/', stateMachine: 'PayerFileIntake' }],
  schedules: [
    {
      function: 'SendStatements',
      everyMinutes: 60,
      description: 'Patient statements still requested (the lifecycle produces most at once) are produced and sent',
    },
    {
      function: 'SweepAuthorizations',
      everyMinutes: 1440,
      description: 'Authorizations past their end expire; those ending soon or running out of units go to the authorizations queue',
    },
    {
      function: 'ExchangeClearinghouseFiles',
      everyMinutes: 15,
      description: 'Files to and from the clearinghouse over SFTP: our 837 batches out, its 999, 277CA and 835 into the inbox',
    },
    {
      function: 'SandboxPayerTick',
      everyMinutes: 5,
      description: 'The sandbox payer sends the acknowledgements and remittances that are due',
    },
  ],
  stateMachineSchedules: [
    {
      stateMachine: 'FinancialReports',
      dailyAtUtc: '06:00',
      input: {},
      description: 'The financial reports as of the day, every morning before the billing office opens',
    },
    {
      stateMachine: 'CoverageReverification',
      dailyAtUtc: '02:00',
      input: { days: 3 },
      description: 'The coverages of the next three days’ visits verified again overnight, holds raised before the billing office opens',
    },
  ],
  sandboxPayer: { memory: { bucket: 'Outbox', prefix: 'sandbox-payer/' } },
  apiConsumers: [
    {
      name: 'patient-portal',
      description:
        'The patient portal: a patient asks what they owe, what a planned visit will likely cost, sees their account and who looked at their record',
      apis: ['BalanceInquiry', 'GetAccount', 'ListRecordAccess', 'EstimatePatientCost'],
      purposes: ['patient-request'],
    },
    {
      name: 'registration',
      description:
        'Registration and charge capture (ADT): patients, coverages, their verified eligibility and cost estimates, encounters and their charges',
      apis: ['RegisterPatient', 'CaptureEncounter', 'GetEligibility', 'EstimatePatientCost'],
      purposes: ['treatment', 'payment'],
    },
    {
      name: 'billing-office',
      description: "The patient accounts office's own tools: every API",
      apis: [
        'GetAccount',
        'BalanceInquiry',
        'ListRecordAccess',
        'RegisterPatient',
        'CaptureEncounter',
        'RecordPatientPayment',
        'ListClaims',
        'GetClaimTimeline',
        'GetEligibility',
        'EstimatePatientCost',
        'RequestAuthorization',
        'RegisterProvider',
        'RegisterPayerProfile',
        'GetProvider',
        'GetPayerProfile',
        'RecordDisclosure',
      ],
      purposes: ['payment', 'operations'],
    },
  ],
};

/** Resolves the physical names and ARNs that workflow placeholders stand for. */
export interface SubstitutionResolver {
  functionArn(name: string): string;
  stateMachineArn(name: string): string;
  bucketName(name: string): string;
  tableName(): string;
  /** The PHI access audit trail's table, where the model has one. */
  auditTableName?(): string;
  /** The deployed sandbox payer's pointer table, where one is deployed. */
  sandboxPayerTableName?(): string;
  /** The clearinghouse SFTP connector's id, where one is deployed. */
  sftpConnectorId?(): string;
}

/**
 * The `${...}` substitutions every workflow file may use, computed the same way for CDK
 * (`DefinitionBody.fromFile` + `definitionSubstitutions`) and for the local engine.
 */
export function definitionSubstitutions(model: AppModel, resolver: SubstitutionResolver): Record<string, string> {
  const substitutions: Record<string, string> = { TableName: resolver.tableName() };
  for (const fn of model.functions) substitutions[`${fn.name}FunctionArn`] = resolver.functionArn(fn.name);
  for (const sm of model.stateMachines) substitutions[`${sm.name}StateMachineArn`] = resolver.stateMachineArn(sm.name);
  for (const bucket of model.buckets) substitutions[`${bucket.name}BucketName`] = resolver.bucketName(bucket.name);
  return substitutions;
}

/** The `${Name}` placeholders a workflow file uses, each once, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]!))];
}

/** Replaces `${Name}` placeholders; an unknown placeholder is an error naming it. */
export function substitute(text: string, substitutions: Record<string, string>, file: string): string {
  return text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, key: string) => {
    const value = substitutions[key];
    if (value === undefined) throw new Error(`${file}: unknown placeholder \${${key}}`);
    return value;
  });
}

function constantCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The environment variable holding a bucket's name (e.g. `INBOX_BUCKET_NAME`). */
export function bucketNameVariable(bucket: string): string {
  return `${constantCase(bucket)}_BUCKET_NAME`;
}

/** The environment variable holding a state machine's ARN (e.g. `PAYER_FILE_INTAKE_STATE_MACHINE_ARN`). */
export function stateMachineArnVariable(stateMachine: string): string {
  return `${constantCase(stateMachine)}_STATE_MACHINE_ARN`;
}

/** The buckets a function touches, by name, in model order. */
export function bucketsOf(model: AppModel, fn: FunctionSpec): string[] {
  const touched = new Set((fn.access?.objects ?? []).map((grant) => grant.bucket));
  return model.buckets.map((b) => b.name).filter((name) => touched.has(name));
}

/**
 * How the payer gateway is reached, per deployment. `sandbox` is the sandbox payer the local stack
 * runs in-process; `sandbox-remote` is the sandbox payer deployed in AWS (stage `sandbox`: its memory
 * in `AppModel.sandboxPayer`, its files sent by `SandboxPayerTick`); `real` is the clearinghouse (CORE
 * real-time with the secret, the S3 outbox for 837s).
 */
export type PayerConnection =
  | { readonly gateway: 'sandbox' }
  | { readonly gateway: 'sandbox-remote' }
  | { readonly gateway: 'real'; readonly coreSecretId: string; readonly x12: X12Identity; readonly sftp?: ClearinghouseSftp };

/**
 * The clearinghouse's SFTP server, reached through an AWS Transfer Family SFTP connector: our 837
 * batches go to its inbound directory, its 999, 277CA, 835... come from its outbound directory.
 */
export interface ClearinghouseSftp {
  /** `sftp://host[:port]`. */
  readonly url: string;
  /** The server's SSH host keys (`ssh-ed25519 AAAA...`), as the clearinghouse publishes them. */
  readonly trustedHostKeys: readonly string[];
  /** Where we put our files on the server. */
  readonly remoteInboundDirectory: string;
  /** Where the server leaves its files for us. */
  readonly remoteOutboundDirectory: string;
}

/** Who we are in X12 and whom we send to (none of it PHI); read by `functions/payers/settings.ts`. */
export interface X12Identity {
  readonly senderId: string;
  readonly receiverId: string;
  readonly usageIndicator: 'T' | 'P';
  readonly submitterName: string;
  readonly submitterContactName: string;
  readonly submitterContactPhone: string;
  readonly receiverName: string;
}

/** The variables `functions/payers/configured.ts` and `settings.ts` read, for a payer connection. */
export function payerEnvironment(connection: PayerConnection): Record<string, string> {
  if (connection.gateway !== 'real') return { PAYER_GATEWAY: connection.gateway };
  const { x12 } = connection;
  return {
    PAYER_GATEWAY: 'real',
    PAYER_CORE_SECRET_ID: connection.coreSecretId,
    X12_SENDER_ID: x12.senderId,
    X12_RECEIVER_ID: x12.receiverId,
    X12_USAGE_INDICATOR: x12.usageIndicator,
    SUBMITTER_NAME: x12.submitterName,
    SUBMITTER_ID: x12.senderId,
    SUBMITTER_CONTACT_NAME: x12.submitterContactName,
    SUBMITTER_CONTACT_PHONE: x12.submitterContactPhone,
    RECEIVER_NAME: x12.receiverName,
  };
}

/**
 * The environment a function receives, derived from its declared access: the table's name if it uses
 * the table, the names of the buckets it touches, the ARNs of the state machines it starts, and the
 * payer connection if it talks to payers. A payer function always gets the outbox's name, which the
 * real gateway's 837 side needs.
 */
export function functionEnvironment(
  model: AppModel,
  fn: FunctionSpec,
  resolver: SubstitutionResolver,
  payer: PayerConnection,
): Record<string, string> {
  const env: Record<string, string> = {};
  if (fn.access?.table) env.TABLE_NAME = resolver.tableName();
  if (fn.access?.audit && resolver.auditTableName) env.AUDIT_TABLE_NAME = resolver.auditTableName();
  const buckets = new Set(bucketsOf(model, fn));
  if (fn.access?.payerGateway && payer.gateway === 'real') buckets.add('Outbox');
  for (const bucket of model.buckets) if (buckets.has(bucket.name)) env[bucketNameVariable(bucket.name)] = resolver.bucketName(bucket.name);
  for (const sm of [...(fn.access?.startExecutions ?? []), ...(fn.access?.readExecutions ?? [])])
    env[stateMachineArnVariable(sm)] = resolver.stateMachineArn(sm);
  if (fn.access?.payerGateway) Object.assign(env, payerEnvironment(payer));
  if (consumersOf(model, fn.name).length > 0) env[API_CONSUMERS_VARIABLE] = apiConsumersValue(model);
  // Without a pointer table (the local stack's embedded payer keeps its memory in-process) there is nothing to name.
  if (fn.access?.sftpConnector && payer.gateway === 'real' && payer.sftp && resolver.sftpConnectorId) {
    env.SFTP_CONNECTOR_ID = resolver.sftpConnectorId();
    env.SFTP_REMOTE_INBOUND_DIRECTORY = payer.sftp.remoteInboundDirectory;
    env.SFTP_REMOTE_OUTBOUND_DIRECTORY = payer.sftp.remoteOutboundDirectory;
    // Transfer Family names S3 places as `/bucket/prefix`.
    const { retrieveInto, listings } = CLEARINGHOUSE_SFTP;
    env.SFTP_RETRIEVE_INTO = `/${resolver.bucketName(retrieveInto.bucket)}/${retrieveInto.prefix.slice(0, -1)}`;
    env.SFTP_LISTINGS_INTO = `/${resolver.bucketName(listings.bucket)}/${listings.prefix.slice(0, -1)}`;
  }
  if (usesSandboxPayerMemory(fn, payer) && resolver.sandboxPayerTableName && model.sandboxPayer) {
    const { bucket, prefix } = model.sandboxPayer.memory;
    env.SANDBOX_PAYER_TABLE_NAME = resolver.sandboxPayerTableName();
    env.SANDBOX_PAYER_BUCKET_NAME = resolver.bucketName(bucket);
    env.SANDBOX_PAYER_PREFIX = prefix;
  }
  return { ...env, ...declaredEnvironment(fn, env) };
}

/** Variables the CDK function construct sets on every function (infra/aws/application-function.ts). */
const PLATFORM_VARIABLES = new Set([
  'NODE_OPTIONS',
  'LOG_LEVEL',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_METRICS_NAMESPACE',
  'BUSINESS_METRICS',
]);

/**
 * A function's declared `environment`, checked: an upper-case name, not one its access derives (in
 * `derived`), not Lambda's own (`AWS_*`, `LAMBDA_*`, `_*`, which Lambda reserves or sets) and not one every
 * function gets; any of those is a mistake in the model and throws, naming the function and variable.
 */
export function declaredEnvironment(fn: FunctionSpec, derived: Readonly<Record<string, string>> = {}): Record<string, string> {
  const declared = fn.environment ?? {};
  for (const name of Object.keys(declared)) {
    const problem = !/^[A-Z][A-Z0-9_]*$/.test(name)
      ? 'is not an upper-case name'
      : /^(AWS_|LAMBDA_)/.test(name)
        ? 'is reserved by Lambda'
        : PLATFORM_VARIABLES.has(name)
          ? 'is set on every function'
          : name in derived
            ? "is derived from the function's access"
            : undefined;
    if (problem) throw new Error(`function ${fn.name}: environment variable ${name} ${problem}; it cannot be declared`);
  }
  return { ...declared };
}

/** The consumers that may invoke a function (empty: it is not an API). */
export function consumersOf(model: AppModel, functionName: string): ApiConsumerSpec[] {
  return (model.apiConsumers ?? []).filter((consumer) => consumer.apis.includes(functionName));
}

/**
 * The variable an API function reads its consumers from (functions/api/caller.ts): every consumer
 * with its APIs and purposes, the same value for every API function (the local stack runs them in one
 * process), as JSON.
 */
export const API_CONSUMERS_VARIABLE = 'API_CONSUMERS';

/** The value of {@link API_CONSUMERS_VARIABLE}: consumer name to its APIs and purposes. */
export function apiConsumersValue(model: AppModel): string {
  return JSON.stringify(
    Object.fromEntries((model.apiConsumers ?? []).map((c) => [c.name, { apis: [...c.apis], purposes: [...c.purposes] }])),
  );
}

/** Whether a function reads and saves the deployed sandbox payer's memory under this payer connection. */
export function usesSandboxPayerMemory(fn: FunctionSpec, payer: PayerConnection): boolean {
  return Boolean(fn.access?.sandboxPayerMemory || (fn.access?.payerGateway && payer.gateway === 'sandbox-remote'));
}

/** Whether a function is deployed under this payer connection. */
export function isDeployed(fn: FunctionSpec, payer: PayerConnection): boolean {
  if (fn.onlyWithClearinghouseSftp && !(payer.gateway === 'real' && payer.sftp)) return false;
  return fn.onlyWithPayerGateway === undefined || fn.onlyWithPayerGateway === payer.gateway;
}

/** The model as deployed under a payer connection: only its functions, and the schedules of those functions. */
export function deployedModel(model: AppModel, payer: PayerConnection): AppModel {
  const functions = model.functions.filter((fn) => isDeployed(fn, payer));
  const names = new Set(functions.map((fn) => fn.name));
  return { ...model, functions, schedules: (model.schedules ?? []).filter((schedule) => names.has(schedule.function)) };
}

/** Checks that every name a function's access declares exists in the model (a typo fails fast, in both stacks). */
export function checkModel(model: AppModel): void {
  const buckets = new Set(model.buckets.map((b) => b.name));
  const machines = new Set(model.stateMachines.map((sm) => sm.name));
  for (const fn of model.functions) {
    for (const grant of fn.access?.objects ?? []) {
      if (!buckets.has(grant.bucket)) throw new Error(`${fn.name}: unknown bucket ${grant.bucket}`);
      if (!grant.prefix.endsWith('/')) throw new Error(`${fn.name}: prefix ${grant.prefix} must end with "/"`);
    }
    for (const sm of [...(fn.access?.startExecutions ?? []), ...(fn.access?.readExecutions ?? [])])
      if (!machines.has(sm)) throw new Error(`${fn.name}: unknown state machine ${sm}`);
  }
  for (const trigger of model.triggers) {
    if (!buckets.has(trigger.bucket)) throw new Error(`trigger: unknown bucket ${trigger.bucket}`);
    if (!machines.has(trigger.stateMachine)) throw new Error(`trigger: unknown state machine ${trigger.stateMachine}`);
  }
  const functions = new Set(model.functions.map((fn) => fn.name));
  for (const schedule of model.schedules ?? []) {
    if (!functions.has(schedule.function)) throw new Error(`schedule: unknown function ${schedule.function}`);
    if (!Number.isInteger(schedule.everyMinutes) || schedule.everyMinutes < 1)
      throw new Error(`schedule of ${schedule.function}: everyMinutes must be a whole number of minutes`);
  }
  for (const schedule of model.stateMachineSchedules ?? []) {
    if (!machines.has(schedule.stateMachine)) throw new Error(`schedule: unknown state machine ${schedule.stateMachine}`);
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(schedule.dailyAtUtc))
      throw new Error(`schedule of ${schedule.stateMachine}: dailyAtUtc must be HH:MM`);
  }
  if (!model.auditTable && model.functions.some((fn) => fn.access?.audit))
    throw new Error('auditTable: a function uses the audit trail, none is declared');
  const consumers = new Set<string>();
  for (const consumer of model.apiConsumers ?? []) {
    if (!/^[A-Za-z][A-Za-z0-9-]{0,63}$/.test(consumer.name)) throw new Error(`apiConsumers: ${consumer.name} is not an alias name`);
    if (consumers.has(consumer.name)) throw new Error(`apiConsumers: ${consumer.name} is declared twice`);
    consumers.add(consumer.name);
    for (const api of consumer.apis) if (!functions.has(api)) throw new Error(`apiConsumers: ${consumer.name}: unknown function ${api}`);
  }
  const memory = model.sandboxPayer?.memory;
  if (memory && !buckets.has(memory.bucket)) throw new Error(`sandboxPayer: unknown bucket ${memory.bucket}`);
  if (memory && !memory.prefix.endsWith('/')) throw new Error(`sandboxPayer: prefix ${memory.prefix} must end with "/"`);
  if (!memory && model.functions.some((fn) => fn.access?.sandboxPayerMemory))
    throw new Error('sandboxPayer: a function uses its memory, none is declared');
}
