import type { StateMachine } from 'aws-local-stepfunctions';
import type { PreparedDefinition } from './definition.ts';
import type { ExecutionHistory } from './history.ts';
import type { TaskTokens } from './tokens.ts';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface RegisteredMachine {
  readonly name: string;
  readonly arn: string;
  readonly file: string;
  readonly definitionText: string;
  readonly prepared: PreparedDefinition;
  readonly engine: StateMachine;
  readonly creationDate: number;
  readonly roleArn: string;
}

/** One execution of a state machine: what the API describes and what its running parts share. */
export interface Execution {
  readonly arn: string;
  readonly name: string;
  readonly machine: RegisteredMachine;
  readonly inputText: string;
  readonly startDate: number;
  readonly history: ExecutionHistory;
  readonly controller: AbortController;
  readonly done: Promise<void>;
  markDone(): void;
  status: ExecutionStatus;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  timedOut: boolean;
  stopRequest?: { error?: string; cause?: string };
  abortEngine?: () => void;
}

/** Where a running engine's Task states report to: the root execution, or a distributed Map child. */
export interface RunScope {
  readonly execution: Execution;
  readonly prepared: PreparedDefinition;
  /** The execution's history for the root run; null for a distributed Map child (AWS keeps those apart). */
  readonly history: ExecutionHistory | null;
  /** How often each state was entered, as the engine reported it. */
  readonly entered: Map<string, number>;
  /** How often each Task state's handler was called. */
  readonly started: Map<string, number>;
  /** Woken each time a state is entered. */
  readonly enteredWaiters: Set<() => void>;
}

/** A fresh scope for one engine run. */
export function newScope(execution: Execution, prepared: PreparedDefinition, history: ExecutionHistory | null): RunScope {
  return { execution, prepared, history, entered: new Map(), started: new Map(), enteredWaiters: new Set() };
}

/** The engine options every run of an execution's states gets: how Task states run and the `$$` context. */
export interface EngineHooks {
  /** Engine overrides that hand the scope's Task states to the task runner. */
  overrides(scope: RunScope): object;
  /** The `$$` context object (`Execution`, `StateMachine`, `Task.Token`) plus `extra` fields. */
  context(execution: Execution, extra?: Record<string, unknown>): Record<string, unknown>;
}

/** The `$$` context object of an execution; reading `$$.Task.Token` mints a task token. */
export function executionContext(execution: Execution, tokens: TaskTokens, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Execution: {
      Id: execution.arn,
      Name: execution.name,
      RoleArn: execution.machine.roleArn,
      StartTime: new Date(execution.startDate).toISOString(),
    },
    StateMachine: { Id: execution.machine.arn, Name: execution.machine.name },
    Task: {
      get Token() {
        return tokens.mint(execution.arn);
      },
    },
    ...extra,
  };
}

/** Counts work in flight and progress made, so a caller can wait until the stack is idle. */
export class Activity {
  inFlight = 0;
  progress = 0;

  async track<T>(work: Promise<T>): Promise<T> {
    this.inFlight++;
    this.progress++;
    try {
      return await work;
    } finally {
      this.inFlight--;
      this.progress++;
    }
  }

  /**
   * Resolves once nothing is in flight and nothing has moved for a few turns of the event loop. Fails
   * only when work in flight makes no progress for `stallMs`: a slow machine is not a hang.
   */
  async settle(stallMs: number): Promise<void> {
    let movedAt = Date.now();
    let quietTurns = 0;
    let lastProgress = -1;
    while (quietTurns < 3) {
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (this.inFlight === 0 && this.progress === lastProgress) quietTurns++;
      else quietTurns = 0;
      if (this.progress !== lastProgress) movedAt = Date.now();
      lastProgress = this.progress;
      if (Date.now() - movedAt > stallMs)
        throw new Error(`The local stack did not settle: work in flight made no progress for ${stallMs / 1000} s`);
    }
  }
}
