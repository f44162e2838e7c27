/** One entry of a Task state's `Retry` field. */
export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

/** Whether an `ErrorEquals` list matches an error name, with Step Functions' rules for the `States.*` wildcards. */
export function errorMatches(errorEquals: readonly string[], name: string, isTask: boolean): boolean {
  return errorEquals.some((candidate) => {
    if (candidate === name) return true;
    if (candidate === 'States.ALL') return name !== 'States.Runtime';
    if (candidate === 'States.TaskFailed') return isTask && name !== 'States.Timeout' && name !== 'States.Runtime';
    return false;
  });
}

/**
 * The retry policy of a Task state, one per run of the state: which retrier an error falls to and
 * how long to wait before the next attempt, or null once the error is not retried (any more).
 */
export class RetryPolicy {
  private readonly attempts: number[];

  private readonly retriers: readonly Retrier[];
  constructor(retriers: readonly Retrier[]) {
    this.retriers = retriers;
    this.attempts = retriers.map(() => 0);
  }

  /** Delay in ms before retrying after `errorName`, counting the attempt; null when the error is not retried. */
  nextDelayMs(errorName: string): number | null {
    const index = this.retriers.findIndex((r) => errorMatches(r.ErrorEquals, errorName, true));
    const retrier = this.retriers[index];
    if (!retrier || this.attempts[index]! >= (retrier.MaxAttempts ?? 3)) return null;
    let delaySeconds = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** this.attempts[index]!;
    if (retrier.MaxDelaySeconds !== undefined) delaySeconds = Math.min(delaySeconds, retrier.MaxDelaySeconds);
    if (retrier.JitterStrategy === 'FULL') delaySeconds = Math.random() * delaySeconds;
    this.attempts[index]!++;
    return Math.round(delaySeconds * 1000);
  }
}
