/** Starting a claim's ClaimLifecycle execution from a function (the SFN client in Lambda and on the local stack). */
import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { lifecycleExecutionName } from '#functions/settlement/next-claim.ts';

/** The variable the deployment sets for a function allowed to start ClaimLifecycle executions. */
export const CLAIM_LIFECYCLE_ARN_VARIABLE = 'CLAIM_LIFECYCLE_STATE_MACHINE_ARN';

/**
 * Starts executions of one state machine by name. A retried start finds the execution already there
 * (ExecutionAlreadyExists), which is what was wanted, not an error: `already-started`.
 */
export function startNamedWith(
  sfn: Pick<SFNClient, 'send'>,
  stateMachineArn: string,
): (name: string, input: string) => Promise<'started' | 'already-started'> {
  return async (name, input) => {
    try {
      await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input }));
      return 'started';
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists || (error as { name?: string }).name === 'ExecutionAlreadyExists')
        return 'already-started';
      throw error;
    }
  };
}

/**
 * Starts `life-<claimId>` with `{ claimId, payerId }`, once (see {@link startNamedWith}). The payer id
 * (not PHI) rides along only so the ops console can count claims per payer; the workflow ignores it.
 */
export function startLifecycleWith(
  sfn: Pick<SFNClient, 'send'>,
  stateMachineArn: string,
): (claimId: string, payerId?: string) => Promise<'started' | 'already-started'> {
  const start = startNamedWith(sfn, stateMachineArn);
  return (claimId, payerId) => start(lifecycleExecutionName(claimId), lifecycleInput(claimId, payerId));
}

/** A ClaimLifecycle execution's input: the claim, and its payer when known. */
function lifecycleInput(claimId: string, payerId?: string): string {
  return JSON.stringify(payerId ? { claimId, payerId } : { claimId });
}

/** The ARN of the execution `name` of a state machine, started or not: Step Functions derives it from the name. */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

/** The ARN of the claim's ClaimLifecycle execution (`life-<claimId>`), started or not. */
export function lifecycleExecutionArn(stateMachineArn: string, claimId: string): string {
  return executionArnOf(stateMachineArn, lifecycleExecutionName(claimId));
}
