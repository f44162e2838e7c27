import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';

/**
 * An error a Task reports to the engine, named the way Step Functions names it (`Error`) with the
 * text Step Functions puts in `Cause`. The engine matches `Retry`/`Catch` on `name` and copies
 * `message` into the catcher's `Cause`.
 */
export class StatesTaskError extends Error {
  readonly isRetryable = true;
  readonly isCatchable = true;
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

let timeoutPrototype: object | null | undefined;

/**
 * The engine treats `States.TaskFailed` as matching everything except its own timeout class,
 * which it does not export. We obtain that class's prototype once, from a 1 ms engine timeout,
 * so that timeouts measured on our clock carry the same identity and the same semantics.
 */
export async function loadTimeoutPrototype(): Promise<void> {
  if (timeoutPrototype !== undefined) return;
  const probe = new StateMachine(
    {
      StartAt: 'Probe',
      States: {
        Probe: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:probe', TimeoutSeconds: 0.001, End: true },
      },
    } as never,
    { validationOptions: { noValidate: true } },
  );
  const run = probe.run({}, { overrides: { taskResourceLocalHandlers: { Probe: () => new Promise(() => undefined) } } });
  try {
    await run.result;
    timeoutPrototype = null;
  } catch (error) {
    const cause = error instanceof ExecutionError ? (error.cause as Error | undefined) : undefined;
    timeoutPrototype = cause?.name === 'States.Timeout' ? Object.getPrototypeOf(cause) : null;
  }
}

/** A `States.Timeout` error that the engine recognises as its own. */
export function statesTimeoutError(): Error {
  if (timeoutPrototype) {
    const error = Object.create(timeoutPrototype) as Error & { retryable: boolean; catchable: boolean };
    Object.assign(error, { name: 'States.Timeout', message: 'States.Timeout', retryable: true, catchable: true });
    return error;
  }
  return new StatesTaskError('States.Timeout', 'States.Timeout');
}

/** Step Functions' `Cause` for a Lambda function error: the function's error as JSON. */
export function lambdaErrorCause(errorType: string, errorMessage: string, trace: readonly string[] = []): string {
  return JSON.stringify({ errorMessage, errorType, trace });
}

/** An API error answered in the AWS JSON protocol's error shape. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status = 400) {
    super(message);
    this.code = code;
    this.status = status;
    this.name = code;
  }
}
