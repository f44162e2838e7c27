import type { Clock } from '#infra/local/clock.ts';
import type { StateDefinition } from './definition.ts';
import { StatesTaskError, statesTimeoutError } from './errors.ts';
import { readReferencePath } from './json-path.ts';

/** A promise that never settles: the arm of a race that cannot win. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

/** How long a Wait state waits, from its `Seconds`, `Timestamp`, `SecondsPath` or `TimestampPath`. */
export function waitDelayMs(state: StateDefinition, input: unknown, now: number): number {
  const untilTimestamp = (value: unknown) => {
    const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(time)) throw new StatesTaskError('States.Runtime', `Wait state timestamp is not an RFC 3339 timestamp`);
    return Math.max(0, time - now);
  };
  if (typeof state.Seconds === 'number') return state.Seconds * 1000;
  if (typeof state.Timestamp === 'string') return untilTimestamp(state.Timestamp);
  if (typeof state.SecondsPath === 'string') {
    const seconds = readReferencePath(input, state.SecondsPath);
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      throw new StatesTaskError('States.Runtime', `SecondsPath ${state.SecondsPath} does not point to a non-negative integer`);
    }
    return seconds * 1000;
  }
  if (typeof state.TimestampPath === 'string') return untilTimestamp(readReferencePath(input, state.TimestampPath));
  return 0;
}

/** A Task's `TimeoutSeconds`/`HeartbeatSeconds`, fixed or read through its `...SecondsPath`; undefined when not set. */
export function secondsField(
  state: StateDefinition,
  field: 'Timeout' | 'Heartbeat',
  input: unknown,
  carried?: Readonly<Record<string, unknown>>,
): number | undefined {
  const fixed = state[`${field}Seconds`];
  if (typeof fixed === 'number') return fixed;
  const path = state[`${field}SecondsPath`];
  if (typeof path === 'string') {
    // Read from the state's raw input: carried through Parameters when the state has them (see prepareDefinition).
    const value = carried && `${field}SecondsPath` in carried ? carried[`${field}SecondsPath`] : readReferencePath(input, path);
    if (typeof value !== 'number' || value < 1)
      throw new StatesTaskError('States.Runtime', `${field}SecondsPath ${path} does not point to a positive integer`);
    return value;
  }
  return undefined;
}

/** One attempt of a Task state: its own abort signal, and a race of its work against its timeout and the execution's end. */
export interface Attempt {
  /** Aborted when the attempt ends, or when the execution does. */
  readonly signal: AbortSignal;
  /** Settles with `work`, or rejects with `States.Timeout`, the abort reason, or one of `extra`. */
  race<T>(work: Promise<T>, extra?: Promise<never>[]): Promise<T>;
  /** Ends the attempt: cancels its timer and stops listening to the execution. */
  close(): void;
}

/** Opens an attempt whose timeout (if any) is measured on `clock` and which ends with `executionSignal`. */
export function openAttempt(clock: Clock, executionSignal: AbortSignal, timeoutSeconds: number | undefined): Attempt {
  const controller = new AbortController();
  const onAbort = () => controller.abort(executionSignal.reason);
  executionSignal.addEventListener('abort', onAbort, { once: true });
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener(
      'abort',
      () => reject(controller.signal.reason ?? new StatesTaskError('States.Aborted', 'aborted')),
      {
        once: true,
      },
    );
  });
  aborted.catch(() => undefined);
  const timeout =
    timeoutSeconds === undefined
      ? never<never>()
      : clock.sleep(timeoutSeconds * 1000, controller.signal).then(
          () => {
            throw statesTimeoutError();
          },
          () => never<never>(),
        );
  return {
    signal: controller.signal,
    race: <T>(work: Promise<T>, extra: Promise<never>[] = []) => Promise.race([work, timeout, aborted, ...extra]),
    close: () => {
      controller.abort();
      executionSignal.removeEventListener('abort', onAbort);
    },
  };
}
