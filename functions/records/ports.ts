/** What the records use-cases get besides the store: the call they serve and the workflow ports their handlers inject. */
import type { DescribedExecution } from '#functions/platform/describe-execution.ts';
import type { PhiAccess } from '#schemas/api.ts';

/** The part of an API call a use-case needs (functions/api/api-handler.ts `ApiCall` is one). */
export interface RecordsCall {
  /** The time the call acts at. */
  readonly at: Date;
  /** Reports one access to a patient's record for the audit trail (field names only). */
  recordAccess(access: PhiAccess): void;
}

/** Starts (or finds already started) the claim's ClaimLifecycle execution `life-<claimId>`; answers its ARN. */
export type StartClaimLifecycle = (claimId: string, payerId?: string) => Promise<{ readonly executionArn: string }>;

/** A Step Functions execution as the timeline shows it (metadata only: no input, output or cause). */
export type ExecutionDescription = DescribedExecution;

/** Reads workflow executions (Step Functions in the handler; a fake in unit tests). */
export interface ExecutionReader {
  /** The ARN the claim's ClaimLifecycle execution has (or would have). */
  lifecycleArn(claimId: string): string;
  /** The execution, or null when Step Functions does not know it. */
  describe(executionArn: string): Promise<ExecutionDescription | null>;
}
