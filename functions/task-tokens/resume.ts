/** Resuming a workflow execution that waits on a task token (`.waitForTaskToken`). */
import { SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';

/** What resumes a waiting execution with an output; the SFN client in Lambda, a fake in unit tests. */
export type ResumeTask<T extends object> = (taskToken: string, output: T) => Promise<void>;

/** Sends the task success; an execution that timed out or was stopped meanwhile is nothing to resume. */
export function sendTaskSuccessWith<T extends object>(sfn: Pick<SFNClient, 'send'>): ResumeTask<T> {
  return async (taskToken, output) => {
    try {
      await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TaskTimedOut' || name === 'TaskDoesNotExist' || name === 'InvalidToken') return;
      throw error;
    }
  };
}
