/** What the records use-cases get besides the store: the call they serve and the workflow ports their handlers inject. */
import type { PhiAccess } from '#schemas/api.ts';

/** The part of an API call a use-case needs (functions/api/api-handler.ts `ApiCall` is one). */
export interface RecordsCall {
  /** The time the call acts at. */
  readonly at: Date;
  /** Reports one access to a patient's record for the audit trail (field names only). */
  recordAccess(access: PhiAccess): void;
}

/** Starts (or finds already started) the claim's ClaimLifecycle execution `life-<claimId>`; answers its ARN. */
export type StartClaimLifecycle = (claimId: string) => Promise<{ readonly executionArn: string }>;

/** A Step Functions execution as the timeline shows it. */
export interface ExecutionDescription {
  readonly executionArn: string;
  readonly name: string;
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
  readonly startedAt?: string;
  readonly stoppedAt?: string;
  readonly error?: string;
}

/** Reads workflow executions (Step Functions in the handler; a fake in unit tests). */
export interface ExecutionReader {
  /** The ARN the claim's ClaimLifecycle execution has (or would have). */
  lifecycleArn(claimId: string): string;
  /** The execution, or null when Step Functions does not know it. */
  describe(executionArn: string): Promise<ExecutionDescription | null>;
}
