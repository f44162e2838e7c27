/** Starting a claim's ClaimLifecycle execution from a function (the SFN client in Lambda and on the local stack). */
import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { lifecycleExecutionName } from '#functions/settlement/next-claim.ts';

/** The variable the deployment sets for a function allowed to start ClaimLifecycle executions. */
export const CLAIM_LIFECYCLE_ARN_VARIABLE = 'CLAIM_LIFECYCLE_STATE_MACHINE_ARN';

/**
 * Starts `life-<claimId>` with `{ claimId, payerId }`. The name is the claim's, so a retried start finds the
 * execution already there (ExecutionAlreadyExists), which is what was wanted, not an error. The payer id
 * (not PHI) rides along only so the ops console can count claims per payer; the workflow ignores it.
 */
export function startLifecycleWith(
  sfn: Pick<SFNClient, 'send'>,
  stateMachineArn: string,
): (claimId: string, payerId?: string) => Promise<'started' | 'already-started'> {
  return async (claimId, payerId) => {
    try {
      await sfn.send(
        new StartExecutionCommand({ stateMachineArn, name: lifecycleExecutionName(claimId), input: lifecycleInput(claimId, payerId) }),
      );
      return 'started';
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists || (error as { name?: string }).name === 'ExecutionAlreadyExists')
        return 'already-started';
      throw error;
    }
  };
}

/** A ClaimLifecycle execution's input: the claim, and its payer when known. */
export function lifecycleInput(claimId: string, payerId?: string): string {
  return JSON.stringify(payerId ? { claimId, payerId } : { claimId });
}

/** The ARN of the claim's ClaimLifecycle execution (`life-<claimId>`), started or not: Step Functions derives it from the name. */
export function lifecycleExecutionArn(stateMachineArn: string, claimId: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${lifecycleExecutionName(claimId)}`;
}
