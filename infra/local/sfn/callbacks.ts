import type { Clock } from '#infra/local/clock.ts';
import { StatesTaskError, statesTimeoutError } from './errors.ts';
import type { Activity } from './execution.ts';
import { never } from './timing.ts';
import type { TaskTokens, TaskTokenWaiter } from './tokens.ts';

/** What a `.waitForTaskToken` wait needs from the service around it. */
export interface CallbackContext {
  readonly clock: Clock;
  readonly activity: Activity;
  readonly tokens: TaskTokens;
}

/** A pending callback: its result (SendTaskSuccess/Failure) and a promise that rejects when heartbeats stop. */
export interface PendingCallback {
  readonly result: Promise<unknown>;
  readonly heartbeatTimeout: Promise<never>;
}

/**
 * Claims a task token for a waiting Task state. Call it before the submit call, so even an
 * immediate callback lands. With `heartbeatSeconds`, the wait fails with `States.Timeout`
 * (`States.HeartbeatTimeout`) once that long passes on the clock without SendTaskHeartbeat.
 */
export function awaitCallback(
  ctx: CallbackContext,
  where: { executionArn: string; stateName: string },
  token: string,
  heartbeatSeconds: number | undefined,
  signal: AbortSignal,
): PendingCallback {
  let succeed!: (value: unknown) => void;
  let fail!: (error: Error) => void;
  const result = new Promise<unknown>((resolve, reject) => {
    succeed = resolve;
    fail = reject;
  });
  result.catch(() => undefined);
  let lastBeat = ctx.clock.now();
  const waiter: TaskTokenWaiter = {
    executionArn: where.executionArn,
    stateName: where.stateName,
    succeed: (output) => {
      ctx.activity.progress++;
      succeed(output);
    },
    fail: (error, cause) => {
      ctx.activity.progress++;
      fail(new StatesTaskError(error, cause));
    },
    heartbeat: () => {
      lastBeat = ctx.clock.now();
    },
  };
  ctx.tokens.claim(token, waiter);
  const heartbeatTimeout = (async (): Promise<never> => {
    if (heartbeatSeconds === undefined) return never<never>();
    const limit = heartbeatSeconds * 1000;
    for (;;) {
      try {
        await ctx.clock.sleep(Math.max(0, lastBeat + limit - ctx.clock.now()), signal);
      } catch {
        return never<never>();
      }
      if (ctx.clock.now() - lastBeat >= limit) {
        const error = statesTimeoutError();
        error.message = 'States.HeartbeatTimeout';
        throw error;
      }
    }
  })();
  return { result, heartbeatTimeout };
}
