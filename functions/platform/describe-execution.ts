/** Reading one Step Functions execution (DescribeExecution) as a PHI-free description: no input, no output, no cause. */
import { DescribeExecutionCommand, ExecutionDoesNotExist, type SFNClient } from '@aws-sdk/client-sfn';

export interface DescribedExecution {
  readonly executionArn: string;
  readonly name: string;
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
  readonly startedAt?: string;
  readonly stoppedAt?: string;
  readonly error?: string;
}

/** Describes executions with this client; an execution Step Functions does not know is null. */
export function describeExecutionWith(sfn: Pick<SFNClient, 'send'>): (executionArn: string) => Promise<DescribedExecution | null> {
  return async (executionArn) => {
    try {
      // Metadata only: the execution's input and output (PHI, encrypted with the data key) are never fetched, so no kms:Decrypt is needed.
      const out = await sfn.send(new DescribeExecutionCommand({ executionArn, includedData: 'METADATA_ONLY' }));
      return {
        executionArn,
        name: out.name ?? executionArn.split(':').at(-1)!,
        status: out.status ?? 'RUNNING',
        ...(out.startDate ? { startedAt: new Date(out.startDate).toISOString() } : {}),
        ...(out.stopDate ? { stoppedAt: new Date(out.stopDate).toISOString() } : {}),
        // The error name only: the cause may quote execution data.
        ...(out.error ? { error: out.error.slice(0, 256) } : {}),
      };
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist || (error as { name?: string }).name === 'ExecutionDoesNotExist') return null;
      throw error;
    }
  };
}
