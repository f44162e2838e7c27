/**
 * What the application is made of, declared once and read by both the CDK app (infra/aws) and the
 * embedded local stack (infra/local): the Lambda functions and their handler files, the state
 * machines and their ASL files, the buckets, and which S3 objects start which workflow.
 */
import { patientAccountsTable, type TableDefinition } from '#functions/store/table-definition.ts';

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
}

export interface StateMachineSpec {
  /** Logical name; also the placeholder `${<name>StateMachineArn}`. */
  readonly name: string;
  /** ASL file (JSONPath), relative to the repository root. */
  readonly file: string;
  readonly description: string;
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

export interface AppModel {
  readonly table: TableDefinition;
  readonly buckets: readonly BucketSpec[];
  readonly functions: readonly FunctionSpec[];
  readonly stateMachines: readonly StateMachineSpec[];
  readonly triggers: readonly ObjectCreatedTrigger[];
}

export const appModel: AppModel = {
  table: patientAccountsTable,
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
    },
    {
      name: 'QuarantineInboundFile',
      entry: 'functions/handlers/quarantine-inbound-file.ts',
      description: 'Moves an unusable inbound file to quarantine/ with a report saying what and where',
      timeoutSeconds: 60,
      memoryMb: 512,
    },
    {
      name: 'ApplyAcknowledgement',
      entry: 'functions/handlers/apply-acknowledgement.ts',
      description: 'Records what a 999 or 277CA from the inbox says about each of our claims',
      timeoutSeconds: 120,
      memoryMb: 512,
    },
    {
      name: 'PostRemittance',
      entry: 'functions/handlers/post-remittance.ts',
      description: 'Posts an 835 from the inbox to our claims and account ledgers, claim by claim, idempotently',
      timeoutSeconds: 900,
      memoryMb: 1024,
    },
    {
      name: 'AwaitClaimUpdate',
      entry: 'functions/handlers/await-claim-update.ts',
      description: "Parks a claim workflow's task token until the claim is acknowledged or adjudicated",
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'CheckEligibility',
      entry: 'functions/handlers/check-eligibility.ts',
      description: "Asks the payer (270/271) whether a patient's coverage is active and what it pays; returns no PHI",
      timeoutSeconds: 200,
      memoryMb: 512,
    },
    {
      name: 'SubmitClaims',
      entry: 'functions/handlers/submit-claims.ts',
      description: 'Writes a batch of stored claims as 837s, hands it to the payer gateway and marks the claims submitted',
      timeoutSeconds: 300,
      memoryMb: 1024,
    },
    {
      name: 'CheckClaimStatus',
      entry: 'functions/handlers/check-claim-status.ts',
      description: 'Asks the payer (276/277) where a submitted claim stands',
      timeoutSeconds: 200,
      memoryMb: 512,
    },
    {
      name: 'ListWorkItems',
      entry: 'functions/handlers/list-work-items.ts',
      description: 'Lists a work queue (denials, appeals, holds, rejections, unmatched remittances...) by deadline and amount',
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'GetWorkItem',
      entry: 'functions/handlers/get-work-item.ts',
      description: 'Reads one work item with its details and decision',
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'ResolveWorkItem',
      entry: 'functions/handlers/resolve-work-item.ts',
      description: "Records a person's decision on a work item and resumes the workflow waiting on it",
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'AwaitWorkItem',
      entry: 'functions/handlers/await-work-item.ts',
      description: "Parks a claim workflow's task token on the claim's open work item until a person decides",
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'WriteOffDenial',
      entry: 'functions/handlers/write-off-denial.ts',
      description: "Posts the write-off a person decided on a claim's denial and closes the claim",
      timeoutSeconds: 30,
      memoryMb: 256,
    },
  ],
  stateMachines: [
    {
      name: 'PayerFileIntake',
      file: 'workflows/payer-file-intake.asl.json',
      description: 'A payer file landed in the inbox: identify it, record it, quarantine what cannot be used',
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
  ],
  triggers: [{ bucket: 'Inbox', prefix: 'inbound/', stateMachine: 'PayerFileIntake' }],
};

/** Resolves the physical names and ARNs that workflow placeholders stand for. */
export interface SubstitutionResolver {
  functionArn(name: string): string;
  stateMachineArn(name: string): string;
  bucketName(name: string): string;
  tableName(): string;
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

/**
 * Environment every function receives: the table, each bucket and each state machine, under
 * names derived from the model (e.g. `INBOX_BUCKET_NAME`, `PAYER_FILE_INTAKE_STATE_MACHINE_ARN`).
 */
export function functionEnvironment(model: AppModel, resolver: SubstitutionResolver): Record<string, string> {
  const env: Record<string, string> = { TABLE_NAME: resolver.tableName() };
  for (const bucket of model.buckets) env[`${constantCase(bucket.name)}_BUCKET_NAME`] = resolver.bucketName(bucket.name);
  for (const sm of model.stateMachines) env[`${constantCase(sm.name)}_STATE_MACHINE_ARN`] = resolver.stateMachineArn(sm.name);
  return env;
}
