import type { Clock } from '#infra/local/clock.ts';
import { StatesTaskError } from './errors.ts';
import { newScope, type Activity, type EngineHooks, type Execution, type ExecutionStatus, type RunScope } from './execution.ts';
import { dataField } from './history.ts';

/** Runs one Task, Wait or distributed Map state of a scope (the task runner's entry point). */
export type RunTask = (scope: RunScope, name: string, input: unknown) => Promise<unknown>;

/** An event of the engine's event log, as far as the history needs it. */
interface EngineEvent {
  type: string;
  state?: { name: string; type: string; input: unknown; output?: unknown };
  parentState?: { name: string };
  index?: number;
  output?: unknown;
  Error?: unknown;
  Cause?: unknown;
}

/** Engine overrides that hand every bridged state of the scope to `runTask`, and zero the engine's own retry delays. */
export function engineOverrides(scope: RunScope, runTask: RunTask): object {
  const handlers: Record<string, (input: unknown) => Promise<never>> = {};
  for (const name of scope.prepared.tasks.keys()) {
    handlers[name] = (input: unknown) => {
      const result = runTask(scope, name, input);
      // When an execution ends, its states still running reject with the abort reason after the engine has
      // stopped listening; marked handled here, so Node (20 exits on it) does not take it for a lost error.
      result.catch(() => undefined);
      return result as Promise<never>;
    };
  }
  const retryIntervalOverrides: Record<string, number> = {};
  for (const name of scope.prepared.engineRetried) retryIntervalOverrides[name] = 0;
  return { taskResourceLocalHandlers: handlers, retryIntervalOverrides };
}

/** What the executor needs from the service around it. */
export interface ExecutorContext {
  readonly clock: Clock;
  readonly activity: Activity;
  readonly hooks: EngineHooks;
}

/**
 * Runs an execution on the engine: starts the engine run, enforces the machine's TimeoutSeconds on
 * the clock, turns the engine's event log into AWS-shaped history, and records how the execution ended.
 */
export class Executor {
  private readonly ctx: ExecutorContext;
  constructor(ctx: ExecutorContext) {
    this.ctx = ctx;
  }

  /** Starts the execution's engine run; it ends by itself (or through `execution.abortEngine`). */
  start(execution: Execution, input: unknown): void {
    const { machine } = execution;
    const scope = newScope(execution, machine.prepared, execution.history);
    const engineRun = machine.engine.run(input as never, {
      overrides: this.ctx.hooks.overrides(scope) as never,
      context: this.ctx.hooks.context(execution) as never,
      noThrowOnAbort: true,
    });
    execution.abortEngine = () => {
      engineRun.abort();
      if (!execution.controller.signal.aborted) execution.controller.abort(new StatesTaskError('States.Aborted', 'Execution stopped'));
    };
    if (machine.prepared.timeoutSeconds !== undefined) {
      this.ctx.clock.sleep(machine.prepared.timeoutSeconds * 1000, execution.controller.signal).then(
        () => {
          if (execution.status !== 'RUNNING') return;
          execution.timedOut = true;
          execution.abortEngine?.();
        },
        () => undefined,
      );
    }
    const consume = async () => {
      for await (const event of engineRun.eventLogs) {
        this.ctx.activity.progress++;
        this.record(scope, event as unknown as EngineEvent);
        if (execution.status !== 'RUNNING') break;
      }
    };
    const settled = engineRun.result.then(
      (output) => ({ ok: true as const, output }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    void consume().then(async () => {
      if (execution.status !== 'RUNNING') return;
      const outcome = await settled;
      if (outcome.ok) this.finish(execution, 'SUCCEEDED', { output: outcome.output });
      else {
        const cause = (outcome.error as { cause?: Error }).cause ?? (outcome.error as Error);
        this.finish(execution, 'FAILED', { error: cause.name, cause: cause.message });
      }
    });
  }

  /** Adds an engine event to the history (state entered/exited, Map iterations) or ends the execution. */
  private record(scope: RunScope, event: EngineEvent): void {
    const { execution, history } = scope;
    if (!history) return;
    const typeOf = (name: string, fallback: string) => scope.prepared.stateTypes.get(name) ?? fallback;
    switch (event.type) {
      case 'StateEntered': {
        const { name, type, input } = event.state!;
        history.add(`${typeOf(name, type)}StateEntered`, { name, ...dataField('input', input) });
        scope.entered.set(name, (scope.entered.get(name) ?? 0) + 1);
        for (const wake of [...scope.enteredWaiters]) wake();
        break;
      }
      case 'StateExited': {
        const { name, type, output } = event.state!;
        history.add(`${typeOf(name, type)}StateExited`, { name, ...dataField('output', output) });
        break;
      }
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        history.add(event.type, { name: event.parentState?.name, index: event.index });
        break;
      case 'ExecutionSucceeded':
        this.finish(execution, 'SUCCEEDED', { output: event.output });
        break;
      case 'ExecutionFailed':
        this.finish(execution, 'FAILED', {
          error: String(event.Error ?? 'States.Runtime'),
          cause: typeof event.Cause === 'string' ? event.Cause : JSON.stringify(event.Cause ?? ''),
        });
        break;
      case 'ExecutionAborted':
      case 'ExecutionTimeout':
        if (execution.timedOut || event.type === 'ExecutionTimeout') {
          this.finish(execution, 'TIMED_OUT', {
            error: 'States.Timeout',
            cause: `The execution ran longer than its TimeoutSeconds (${execution.machine.prepared.timeoutSeconds ?? '?'} s)`,
          });
        } else {
          this.finish(execution, 'ABORTED', { error: execution.stopRequest?.error, cause: execution.stopRequest?.cause });
        }
        break;
      default:
        break;
    }
  }

  /** Records the end of a running execution (once), aborts its outstanding work and wakes its waiters. */
  private finish(
    execution: Execution,
    status: Exclude<ExecutionStatus, 'RUNNING'>,
    details: { output?: unknown; error?: string | undefined; cause?: string | undefined },
  ): void {
    if (execution.status !== 'RUNNING') return;
    execution.status = status;
    execution.stopDate = this.ctx.clock.now();
    const { history } = execution;
    if (status === 'SUCCEEDED') {
      execution.output = JSON.stringify(details.output ?? null);
      history.add('ExecutionSucceeded', dataField('output', details.output));
    } else {
      if (details.error !== undefined) execution.error = details.error;
      if (details.cause !== undefined) execution.cause = details.cause;
      const type = { FAILED: 'ExecutionFailed', TIMED_OUT: 'ExecutionTimedOut', ABORTED: 'ExecutionAborted' }[status];
      history.add(type, {
        ...(details.error !== undefined ? { error: details.error } : {}),
        ...(details.cause !== undefined ? { cause: details.cause } : {}),
      });
    }
    if (!execution.controller.signal.aborted) execution.controller.abort(new StatesTaskError('States.Aborted', 'Execution ended'));
    this.ctx.activity.progress++;
    execution.markDone();
  }
}
