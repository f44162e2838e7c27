import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import { SimulatedClock, type Clock } from '#infra/local/clock.ts';
import { localAccount, localRegion } from '#infra/local/credentials.ts';
import {
  prepareDefinition,
  validateDefinition,
  parseDefinition,
  type MachineDefinition,
  type PreparedDefinition,
  type StateDefinition,
  type TaskPlan,
} from './definition.ts';
import { ApiError, StatesTaskError, loadTimeoutPrototype, statesTimeoutError } from './errors.ts';
import { ExecutionHistory, dataField, type HistoryEvent } from './history.ts';
import { callIntegration, invokeLambda, type IntegrationServices } from './integrations.ts';
import { readItems, writeResults, type ItemReaderDefinition } from './item-reader.ts';
import { readReferencePath } from './json-path.ts';
import { parseResource } from './resources.ts';
import { TaskTokens, findToken, type TaskTokenWaiter } from './tokens.ts';

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

interface Execution {
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
interface RunScope {
  readonly execution: Execution;
  readonly prepared: PreparedDefinition;
  readonly history: ExecutionHistory | null;
  readonly entered: Map<string, number>;
  readonly started: Map<string, number>;
  readonly enteredWaiters: Set<() => void>;
}

interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

/** Parses and validates a workflow file's text; an invalid file throws naming the file, the state and the reason. */
export function checkedDefinition(text: string, file: string): MachineDefinition {
  const definition = parseDefinition(text, file);
  validateDefinition(definition, file);
  return definition;
}

/** ARN of a state machine of the local stack. */
export function localStateMachineArn(name: string): string {
  return `arn:aws:states:${localRegion}:${localAccount}:stateMachine:${name}`;
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
}

const LOCAL_LIMIT_MAP_CONCURRENCY = 16;
const MAX_INPUT_BYTES = 256 * 1024;

function errorMatches(errorEquals: readonly string[], name: string, isTask: boolean): boolean {
  return errorEquals.some((candidate) => {
    if (candidate === name) return true;
    if (candidate === 'States.ALL') return name !== 'States.Runtime';
    if (candidate === 'States.TaskFailed') return isTask && name !== 'States.Timeout' && name !== 'States.Runtime';
    return false;
  });
}

function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  try {
    const { o } = JSON.parse(Buffer.from(token, 'base64url').toString()) as { o: number };
    if (Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through
  }
  throw new ApiError('InvalidToken', 'Invalid pagination token');
}

/**
 * The local Step Functions service: runs the ASL files with aws-local-stepfunctions and bridges
 * what that engine lacks: `.waitForTaskToken`, SDK service integrations, distributed Maps over S3,
 * AWS-shaped execution history, and waits, retries and timeouts measured on the stack's clock.
 */
export class LocalStepFunctions {
  private readonly machines = new Map<string, RegisteredMachine>();
  private readonly executions = new Map<string, Execution>();
  private readonly tokens = new TaskTokens();
  private readonly templateMachines = new WeakMap<object, StateMachine>();
  readonly activity = new Activity();

  constructor(
    readonly clock: Clock,
    private readonly services: IntegrationServices,
  ) {}

  /** Must run once before executions start (it learns the engine's timeout error class). */
  async init(): Promise<void> {
    await loadTimeoutPrototype();
  }

  stateMachineArn(name: string): string {
    return localStateMachineArn(name);
  }

  /** Validates and registers a workflow; an invalid file throws naming the file, the state and the reason. */
  registerStateMachine(
    name: string,
    definitionText: string,
    file: string,
    definition = checkedDefinition(definitionText, file),
  ): RegisteredMachine {
    const prepared = prepareDefinition(definition);
    const engine = new StateMachine(prepared.engineDefinition as never, { validationOptions: { noValidate: true } });
    const machine: RegisteredMachine = {
      name,
      arn: this.stateMachineArn(name),
      file,
      definitionText,
      prepared,
      engine,
      creationDate: this.clock.now(),
      roleArn: `arn:aws:iam::${localAccount}:role/${name}StateMachineRole`,
    };
    this.machines.set(machine.arn, machine);
    return machine;
  }

  private machine(arn: string): RegisteredMachine {
    if (typeof arn !== 'string' || !arn.startsWith('arn:aws:states:')) throw new ApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
    const machine = this.machines.get(arn);
    if (!machine) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  private execution(arn: string): Execution {
    if (typeof arn !== 'string' || !arn.startsWith('arn:aws:states:')) throw new ApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
    const execution = this.executions.get(arn);
    if (!execution) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  }

  // ---------------------------------------------------------------- API operations

  listStateMachines(): { stateMachines: object[] } {
    return {
      stateMachines: [...this.machines.values()].map((m) => ({
        stateMachineArn: m.arn,
        name: m.name,
        type: 'STANDARD',
        creationDate: m.creationDate,
      })),
    };
  }

  describeStateMachine(input: { stateMachineArn: string }): object {
    const m = this.machine(input.stateMachineArn);
    return {
      stateMachineArn: m.arn,
      name: m.name,
      status: 'ACTIVE',
      definition: m.definitionText,
      roleArn: m.roleArn,
      type: 'STANDARD',
      creationDate: m.creationDate,
      loggingConfiguration: { level: 'ALL', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    };
  }

  startExecution(input: { stateMachineArn: string; name?: string; input?: string }): { executionArn: string; startDate: number } {
    const machine = this.machine(input.stateMachineArn);
    const name = input.name ?? randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
    const inputText = input.input ?? '{}';
    if (Buffer.byteLength(inputText) > MAX_INPUT_BYTES) throw new ApiError('InvalidExecutionInput', 'Execution input exceeds 256 KB');
    let parsedInput: unknown;
    try {
      parsedInput = JSON.parse(inputText);
    } catch {
      throw new ApiError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not JSON');
    }
    const arn = `arn:aws:states:${localRegion}:${localAccount}:execution:${machine.name}:${name}`;
    const existing = this.executions.get(arn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.inputText === inputText) return { executionArn: arn, startDate: existing.startDate };
      throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    let markDone!: () => void;
    const done = new Promise<void>((resolve) => (markDone = resolve));
    const execution: Execution = {
      arn,
      name,
      machine,
      inputText,
      startDate: this.clock.now(),
      history: new ExecutionHistory(this.clock),
      controller: new AbortController(),
      done,
      markDone,
      status: 'RUNNING',
      timedOut: false,
    };
    this.executions.set(arn, execution);
    execution.history.add('ExecutionStarted', { ...dataField('input', parsedInput), roleArn: machine.roleArn });
    this.activity.progress++;
    this.run(execution, parsedInput);
    return { executionArn: arn, startDate: execution.startDate };
  }

  describeExecution(input: { executionArn: string }): Record<string, unknown> {
    const e = this.execution(input.executionArn);
    return {
      executionArn: e.arn,
      stateMachineArn: e.machine.arn,
      name: e.name,
      status: e.status,
      startDate: e.startDate,
      ...(e.stopDate !== undefined ? { stopDate: e.stopDate } : {}),
      input: e.inputText,
      inputDetails: { included: true },
      ...(e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
      ...(e.error !== undefined ? { error: e.error } : {}),
      ...(e.cause !== undefined ? { cause: e.cause } : {}),
    };
  }

  listExecutions(input: { stateMachineArn: string; statusFilter?: ExecutionStatus; maxResults?: number; nextToken?: string }): object {
    const machine = this.machine(input.stateMachineArn);
    const all = [...this.executions.values()]
      .filter((e) => e.machine === machine && (!input.statusFilter || e.status === input.statusFilter))
      .sort((a, b) => b.startDate - a.startDate);
    const max = input.maxResults && input.maxResults > 0 ? Math.min(input.maxResults, 1000) : 100;
    const offset = decodePageToken(input.nextToken);
    const page = all.slice(offset, offset + max);
    return {
      executions: page.map((e) => ({
        executionArn: e.arn,
        stateMachineArn: machine.arn,
        name: e.name,
        status: e.status,
        startDate: e.startDate,
        ...(e.stopDate !== undefined ? { stopDate: e.stopDate } : {}),
      })),
      ...(offset + max < all.length ? { nextToken: encodePageToken(offset + max) } : {}),
    };
  }

  getExecutionHistory(input: {
    executionArn: string;
    maxResults?: number;
    nextToken?: string;
    reverseOrder?: boolean;
    includeExecutionData?: boolean;
  }): { events: HistoryEvent[]; nextToken?: string } {
    const e = this.execution(input.executionArn);
    let events = [...e.history.all()];
    if (input.reverseOrder) events.reverse();
    if (input.includeExecutionData === false) events = events.map(withoutData);
    const max = input.maxResults && input.maxResults > 0 ? Math.min(input.maxResults, 1000) : 100;
    const offset = decodePageToken(input.nextToken);
    const page = events.slice(offset, offset + max);
    return { events: page, ...(offset + max < events.length ? { nextToken: encodePageToken(offset + max) } : {}) };
  }

  stopExecution(input: { executionArn: string; error?: string; cause?: string }): { stopDate: number } {
    const e = this.execution(input.executionArn);
    if (e.status === 'RUNNING') {
      e.stopRequest = {
        ...(input.error !== undefined ? { error: input.error } : {}),
        ...(input.cause !== undefined ? { cause: input.cause } : {}),
      };
      e.abortEngine?.();
    }
    return { stopDate: e.stopDate ?? this.clock.now() };
  }

  sendTaskSuccess(input: { taskToken: string; output: string }): object {
    const waiter = this.tokens.waiterFor(input.taskToken);
    let output: unknown;
    try {
      output = JSON.parse(input.output);
    } catch {
      throw new ApiError('InvalidOutput', 'Invalid Output: not JSON');
    }
    waiter.succeed(output);
    return {};
  }

  sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }): object {
    this.tokens.waiterFor(input.taskToken).fail(input.error ?? '', input.cause ?? '');
    return {};
  }

  sendTaskHeartbeat(input: { taskToken: string }): object {
    this.tokens.waiterFor(input.taskToken).heartbeat();
    return {};
  }

  /** Tasks waiting for a callback, for tools that show what is waiting on people. */
  waitingTasks(): ReturnType<TaskTokens['waiting']> {
    return this.tokens.waiting();
  }

  /** Resolves when the execution has stopped, with its description. */
  async waitForExecution(executionArn: string): Promise<Record<string, unknown>> {
    await this.execution(executionArn).done;
    return this.describeExecution({ executionArn });
  }

  // ---------------------------------------------------------------- running

  private newScope(execution: Execution, prepared: PreparedDefinition, history: ExecutionHistory | null): RunScope {
    return { execution, prepared, history, entered: new Map(), started: new Map(), enteredWaiters: new Set() };
  }

  private context(execution: Execution, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const tokens = this.tokens;
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

  private overrides(scope: RunScope) {
    const handlers: Record<string, (input: unknown) => Promise<never>> = {};
    for (const name of scope.prepared.tasks.keys()) {
      handlers[name] = (input: unknown) => this.runTask(scope, name, input) as Promise<never>;
    }
    const retryIntervalOverrides: Record<string, number> = {};
    for (const name of scope.prepared.engineRetried) retryIntervalOverrides[name] = 0;
    return { taskResourceLocalHandlers: handlers, retryIntervalOverrides };
  }

  private run(execution: Execution, input: unknown): void {
    const { machine } = execution;
    const scope = this.newScope(execution, machine.prepared, execution.history);
    const engineRun = machine.engine.run(input as never, {
      overrides: this.overrides(scope) as never,
      context: this.context(execution) as never,
      noThrowOnAbort: true,
    });
    execution.abortEngine = () => {
      engineRun.abort();
      if (!execution.controller.signal.aborted) execution.controller.abort(new StatesTaskError('States.Aborted', 'Execution stopped'));
    };
    if (machine.prepared.timeoutSeconds !== undefined) {
      this.clock.sleep(machine.prepared.timeoutSeconds * 1000, execution.controller.signal).then(
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
        this.activity.progress++;
        this.recordEngineEvent(scope, event as unknown as EngineEvent);
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

  private recordEngineEvent(scope: RunScope, event: EngineEvent): void {
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

  private finish(
    execution: Execution,
    status: Exclude<ExecutionStatus, 'RUNNING'>,
    details: { output?: unknown; error?: string | undefined; cause?: string | undefined },
  ): void {
    if (execution.status !== 'RUNNING') return;
    execution.status = status;
    execution.stopDate = this.clock.now();
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
    this.activity.progress++;
    execution.markDone();
  }

  /** Waits until the engine's StateEntered for this task invocation is in the history, to keep events in order. */
  private async waitEntered(scope: RunScope, name: string): Promise<void> {
    const nth = (scope.started.get(name) ?? 0) + 1;
    scope.started.set(name, nth);
    while ((scope.entered.get(name) ?? 0) < nth && !scope.execution.controller.signal.aborted) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          scope.enteredWaiters.delete(wake);
          resolve();
        };
        scope.enteredWaiters.add(wake);
        setTimeout(wake, 50).unref();
      });
    }
  }

  private async runTask(scope: RunScope, name: string, input: unknown): Promise<unknown> {
    if (scope.history) await this.waitEntered(scope, name);
    const plan = scope.prepared.tasks.get(name)!;
    const signal = scope.execution.controller.signal;
    if (plan.kind === 'wait') {
      await this.clock.sleep(this.waitDelayMs(plan.state, input), signal);
      return input;
    }
    const retriers = (plan.state.Retry as Retrier[] | undefined) ?? [];
    const attempts = retriers.map(() => 0);
    for (;;) {
      try {
        return await this.attemptTask(scope, name, plan, input);
      } catch (error) {
        const errorName = (error as Error).name;
        if (signal.aborted) throw error;
        const index = retriers.findIndex((r) => errorMatches(r.ErrorEquals, errorName, true));
        const retrier = retriers[index];
        if (!retrier || attempts[index]! >= (retrier.MaxAttempts ?? 3)) throw error;
        let delaySeconds = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** attempts[index]!;
        if (retrier.MaxDelaySeconds !== undefined) delaySeconds = Math.min(delaySeconds, retrier.MaxDelaySeconds);
        if (retrier.JitterStrategy === 'FULL') delaySeconds = Math.random() * delaySeconds;
        attempts[index]!++;
        await this.clock.sleep(Math.round(delaySeconds * 1000), signal);
      }
    }
  }

  private waitDelayMs(state: StateDefinition, input: unknown): number {
    const untilTimestamp = (value: unknown) => {
      const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(time)) throw new StatesTaskError('States.Runtime', `Wait state timestamp is not an RFC 3339 timestamp`);
      return Math.max(0, time - this.clock.now());
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

  private secondsField(state: StateDefinition, field: 'Timeout' | 'Heartbeat', input: unknown): number | undefined {
    const fixed = state[`${field}Seconds`];
    if (typeof fixed === 'number') return fixed;
    const path = state[`${field}SecondsPath`];
    if (typeof path === 'string') {
      const value = readReferencePath(input, path);
      if (typeof value !== 'number' || value < 1)
        throw new StatesTaskError('States.Runtime', `${field}SecondsPath ${path} does not point to a positive integer`);
      return value;
    }
    return undefined;
  }

  /** Runs one attempt of a Task state, with its timeout and heartbeat measured on the clock, recording history. */
  private async attemptTask(scope: RunScope, name: string, plan: TaskPlan, input: unknown): Promise<unknown> {
    const { history } = scope;
    const signal = scope.execution.controller.signal;
    const state = plan.state;
    const timeoutSeconds = this.secondsField(state, 'Timeout', input);
    const heartbeatSeconds = this.secondsField(state, 'Heartbeat', input);
    const attemptController = new AbortController();
    const onAbort = () => attemptController.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const aborted = new Promise<never>((_, reject) => {
      attemptController.signal.addEventListener(
        'abort',
        () => reject(attemptController.signal.reason ?? new StatesTaskError('States.Aborted', 'aborted')),
        { once: true },
      );
    });
    aborted.catch(() => undefined);
    const timeout =
      timeoutSeconds === undefined
        ? never<never>()
        : this.clock.sleep(timeoutSeconds * 1000, attemptController.signal).then(
            () => {
              throw statesTimeoutError();
            },
            () => never<never>(),
          );
    const race = <T>(work: Promise<T>, extra: Promise<never>[] = []) => Promise.race([work, timeout, aborted, ...extra]);

    if (plan.kind === 'distributedMap') {
      const mapRunArn = `arn:aws:states:${localRegion}:${localAccount}:mapRun:${scope.execution.machine.name}/${name}:${randomUUID()}`;
      history?.add('MapRunStarted', { mapRunArn });
      try {
        const result = await race(
          this.runDistributedMap(scope, name, plan, input as DistributedMapInput, mapRunArn, attemptController.signal),
        );
        history?.add('MapRunSucceeded');
        return result;
      } catch (error) {
        history?.add('MapRunFailed', { error: (error as Error).name, cause: (error as Error).message });
        throw error;
      } finally {
        attemptController.abort();
        signal.removeEventListener('abort', onAbort);
      }
    }

    const ref = parseResource(state.Resource as string)!;
    const isLambdaArn = ref.kind === 'lambdaArn';
    const resourceType = ref.kind === 'integration' ? ref.service : 'lambda';
    const resource =
      ref.kind === 'integration'
        ? `${ref.action}${{ request: '', sync: '.sync', sync2: '.sync:2', token: '.waitForTaskToken' }[ref.pattern]}`
        : '';
    const limits = {
      ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
      ...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {}),
    };
    if (isLambdaArn) {
      history?.add('LambdaFunctionScheduled', { resource: ref.functionArn, ...dataField('input', input), ...limits });
      history?.add('LambdaFunctionStarted');
    } else {
      history?.add('TaskScheduled', { resourceType, resource, region: localRegion, parameters: JSON.stringify(input ?? null), ...limits });
      history?.add('TaskStarted', { resourceType, resource });
    }
    let token: string | undefined;
    try {
      let result: unknown;
      if (ref.kind === 'lambdaArn') {
        result = await race(this.activity.track(invokeLambda(this.services, ref.functionArn, input)));
      } else if (ref.kind === 'integration' && ref.pattern === 'token') {
        token = findToken(input, (candidate) => this.tokens.isMinted(candidate));
        if (!token)
          throw new StatesTaskError('States.Runtime', `State ${name} uses .waitForTaskToken but its Parameters do not pass $$.Task.Token`);
        const callback = this.awaitCallback(scope, name, token, heartbeatSeconds, attemptController.signal);
        const submitted = await race(this.activity.track(this.submit(ref, input)));
        history?.add('TaskSubmitted', { resourceType, resource, ...dataField('output', submitted) });
        result = await race(callback.result, [callback.heartbeatTimeout]);
      } else if (ref.kind === 'integration' && ref.service === 'states' && ref.action === 'startExecution') {
        const started = this.startChild(input);
        if (ref.pattern === 'request') {
          result = { ExecutionArn: started.executionArn, StartDate: started.startDate };
        } else {
          history?.add('TaskSubmitted', {
            resourceType,
            resource,
            ...dataField('output', { ExecutionArn: started.executionArn, StartDate: started.startDate }),
          });
          const child = await race(this.waitForExecution(started.executionArn));
          const described = describedForSync(child, ref.pattern === 'sync2');
          if (child.status !== 'SUCCEEDED') throw new StatesTaskError('States.TaskFailed', JSON.stringify(described));
          result = described;
        }
      } else if (ref.kind === 'integration') {
        result = await race(this.activity.track(callIntegration(this.services, ref, input)));
      }
      if (isLambdaArn) history?.add('LambdaFunctionSucceeded', dataField('output', result));
      else history?.add('TaskSucceeded', { resourceType, resource, ...dataField('output', result) });
      return result;
    } catch (error) {
      const err = error as Error;
      if (!signal.aborted) {
        const timedOut = err.name === 'States.Timeout';
        const details = { error: err.name, cause: err.message };
        if (isLambdaArn) history?.add(timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed', details);
        else history?.add(timedOut ? 'TaskTimedOut' : 'TaskFailed', { resourceType, resource, ...details });
        if (token) this.tokens.close(token, timedOut ? 'timedOut' : 'done');
      }
      throw error;
    } finally {
      if (token) this.tokens.close(token, 'done');
      attemptController.abort();
      signal.removeEventListener('abort', onAbort);
    }
  }

  private async submit(ref: Extract<ReturnType<typeof parseResource>, { kind: 'integration' }>, input: unknown): Promise<unknown> {
    if (ref.service === 'states' && ref.action === 'startExecution') {
      const started = this.startChild(input);
      return { ExecutionArn: started.executionArn, StartDate: started.startDate };
    }
    return callIntegration(this.services, { ...ref, pattern: 'request' }, input);
  }

  private startChild(input: unknown): { executionArn: string; startDate: number } {
    try {
      return this.startExecution(startParameters(input));
    } catch (error) {
      if (error instanceof ApiError) throw new StatesTaskError(`StepFunctions.${error.code}Exception`, error.message);
      throw error;
    }
  }

  /** Registers the waiter for a task token before the submit call, so even an immediate callback lands. */
  private awaitCallback(scope: RunScope, name: string, token: string, heartbeatSeconds: number | undefined, signal: AbortSignal) {
    let succeed!: (value: unknown) => void;
    let fail!: (error: Error) => void;
    const result = new Promise<unknown>((resolve, reject) => {
      succeed = resolve;
      fail = reject;
    });
    result.catch(() => undefined);
    let lastBeat = this.clock.now();
    const waiter: TaskTokenWaiter = {
      executionArn: scope.execution.arn,
      stateName: name,
      succeed: (output) => {
        this.activity.progress++;
        succeed(output);
      },
      fail: (error, cause) => {
        this.activity.progress++;
        fail(new StatesTaskError(error, cause));
      },
      heartbeat: () => {
        lastBeat = this.clock.now();
      },
    };
    this.tokens.claim(token, waiter);
    const heartbeatTimeout = (async (): Promise<never> => {
      if (heartbeatSeconds === undefined) return never<never>();
      const limit = heartbeatSeconds * 1000;
      for (;;) {
        try {
          await this.clock.sleep(Math.max(0, lastBeat + limit - this.clock.now()), signal);
        } catch {
          return never<never>();
        }
        if (this.clock.now() - lastBeat >= limit) {
          const error = statesTimeoutError();
          error.message = 'States.HeartbeatTimeout';
          throw error;
        }
      }
    })();
    return { result, heartbeatTimeout };
  }

  /** Evaluates a payload template (`"key.$": path`, intrinsics) with the engine itself, as a Pass state would. */
  private async evaluateTemplate(
    template: unknown,
    input: unknown,
    execution: Execution,
    context: Record<string, unknown> = {},
  ): Promise<unknown> {
    if (template === null || typeof template !== 'object') return template; // a literal needs no evaluation
    // One Pass machine per template (templates are parts of the loaded definition), not one per item.
    let pass = this.templateMachines.get(template as object);
    if (!pass) {
      pass = new StateMachine({ StartAt: 'Evaluate', States: { Evaluate: { Type: 'Pass', Parameters: template, End: true } } } as never, {
        validationOptions: { noValidate: true },
      });
      this.templateMachines.set(template as object, pass);
    }
    return pass.run(input as never, { context: this.context(execution, context) as never }).result;
  }

  private async runDistributedMap(
    scope: RunScope,
    name: string,
    plan: TaskPlan,
    input: DistributedMapInput,
    mapRunArn: string,
    signal: AbortSignal,
  ): Promise<unknown> {
    const state = plan.state;
    const processor = plan.processor!;
    const items = state.ItemReader
      ? await this.activity.track(
          readItems(this.services.s3, state.ItemReader as ItemReaderDefinition, (input.readerParameters ?? {}) as Record<string, unknown>),
        )
      : input.items;
    if (!Array.isArray(items)) throw new StatesTaskError('States.Runtime', `Map state ${name}: ItemsPath does not point to an array`);

    const selector = state.ItemSelector ?? state.Parameters;
    const selected = selector
      ? await Promise.all(
          items.map((value, index) =>
            this.evaluateTemplate(selector, input.input, scope.execution, { Map: { Item: { Index: index, Value: value } } }),
          ),
        )
      : items;

    const batcher = state.ItemBatcher as { MaxItemsPerBatch?: number; BatchInput?: unknown } | undefined;
    let childInputs: unknown[];
    if (batcher) {
      const size = Math.max(1, batcher.MaxItemsPerBatch ?? selected.length);
      const batchInput =
        batcher.BatchInput === undefined ? undefined : await this.evaluateTemplate(batcher.BatchInput, input.input, scope.execution);
      childInputs = [];
      for (let i = 0; i < selected.length; i += size) {
        childInputs.push({ Items: selected.slice(i, i + size), ...(batchInput !== undefined ? { BatchInput: batchInput } : {}) });
      }
    } else {
      childInputs = selected;
    }

    const declared = typeof input.maxConcurrency === 'number' ? input.maxConcurrency : ((state.MaxConcurrency as number | undefined) ?? 0);
    const concurrency = Math.max(1, Math.min(declared === 0 ? LOCAL_LIMIT_MAP_CONCURRENCY : declared, LOCAL_LIMIT_MAP_CONCURRENCY));
    const engine = new StateMachine(processor.engineDefinition as never, { validationOptions: { noValidate: true } });
    const results: unknown[] = new Array(childInputs.length);
    const failures: { index: number; error: string; cause: string }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < childInputs.length && !signal.aborted) {
        const index = next++;
        const childScope = this.newScope(scope.execution, processor, null);
        const run = engine.run(childInputs[index] as never, {
          overrides: this.overrides(childScope) as never,
          context: this.context(scope.execution) as never,
          noThrowOnAbort: true,
        });
        const stop = () => run.abort();
        signal.addEventListener('abort', stop, { once: true });
        void (async () => {
          for await (const _event of run.eventLogs) this.activity.progress++;
        })();
        try {
          results[index] = await run.result;
        } catch (error) {
          const cause = ((error as { cause?: Error }).cause ?? error) as Error;
          failures.push({ index, error: cause.name, cause: cause.message });
          results[index] = { Error: cause.name, Cause: cause.message };
        } finally {
          signal.removeEventListener('abort', stop);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, childInputs.length) }, worker));

    const toleratedCount = (state.ToleratedFailureCount as number | undefined) ?? 0;
    const toleratedPercent = (state.ToleratedFailurePercentage as number | undefined) ?? 0;
    const failedPercent = childInputs.length ? (failures.length * 100) / childInputs.length : 0;
    if (failures.length > toleratedCount && failedPercent > toleratedPercent) {
      const first = failures.sort((a, b) => a.index - b.index)[0]!;
      throw new StatesTaskError(
        'States.ExceedToleratedFailureThreshold',
        `${failures.length} of ${childInputs.length} item runs failed; first at index ${first.index}: ${first.error}`,
      );
    }
    if (state.ResultWriter) {
      const failedIndexes = new Set(failures.map((f) => f.index));
      return this.activity.track(
        writeResults(
          this.services.s3,
          state.ResultWriter as { Parameters?: { Bucket?: string; Prefix?: string } },
          mapRunArn,
          results.filter((_, i) => !failedIndexes.has(i)),
          failures,
        ),
      );
    }
    return results;
  }

  // ---------------------------------------------------------------- time

  /**
   * Moves the simulated clock forward by `ms`, stopping at each timer on the way and letting the
   * work it wakes run to rest before the next, so a workflow's waits fall in order.
   */
  async advanceClock(ms: number): Promise<void> {
    const clock = this.clock;
    if (!(clock instanceof SimulatedClock)) throw new Error('The clock of this stack cannot be advanced');
    const target = clock.now() + ms;
    await this.settle();
    for (;;) {
      const due = clock.nextDue();
      if (due === undefined || due > target) break;
      clock.advanceTo(due);
      await this.settle();
    }
    clock.advanceTo(target);
    await this.settle();
  }

  /** Resolves once nothing is in flight and nothing has moved for a few turns of the event loop. */
  async settle(maxWaitMs = 30_000): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    let quietTurns = 0;
    let lastProgress = -1;
    while (quietTurns < 3) {
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (this.activity.inFlight === 0 && this.activity.progress === lastProgress) quietTurns++;
      else quietTurns = 0;
      lastProgress = this.activity.progress;
      if (Date.now() > deadline) throw new Error('The local stack did not settle: work is still in flight');
    }
  }
}

export interface DistributedMapInput {
  input: unknown;
  readerParameters?: unknown;
  items?: unknown;
  maxConcurrency?: number;
}

interface EngineEvent {
  type: string;
  state?: { name: string; type: string; input: unknown; output?: unknown };
  parentState?: { name: string };
  index?: number;
  output?: unknown;
  Error?: unknown;
  Cause?: unknown;
}

function startParameters(input: unknown): { stateMachineArn: string; name?: string; input?: string } {
  const params = (input ?? {}) as { StateMachineArn?: string; Name?: string; Input?: unknown };
  return {
    stateMachineArn: String(params.StateMachineArn),
    ...(params.Name !== undefined ? { name: params.Name } : {}),
    input: typeof params.Input === 'string' ? params.Input : JSON.stringify(params.Input ?? {}),
  };
}

function describedForSync(described: Record<string, unknown>, parseOutput: boolean): Record<string, unknown> {
  const result: Record<string, unknown> = {
    ExecutionArn: described.executionArn,
    StateMachineArn: described.stateMachineArn,
    Name: described.name,
    Status: described.status,
    StartDate: described.startDate,
    StopDate: described.stopDate,
    Input: described.input,
  };
  if (described.output !== undefined) result.Output = parseOutput ? JSON.parse(String(described.output)) : described.output;
  if (described.error !== undefined) result.Error = described.error;
  if (described.cause !== undefined) result.Cause = described.cause;
  return result;
}

function withoutData(event: HistoryEvent): HistoryEvent {
  const copy: Record<string, unknown> = { ...event };
  for (const [key, value] of Object.entries(copy)) {
    if (key.endsWith('EventDetails') && value && typeof value === 'object') {
      const details = { ...(value as Record<string, unknown>) };
      for (const field of ['input', 'output', 'parameters']) {
        if (field in details) {
          delete details[field];
          details[`${field}Details`] = { included: false };
        }
      }
      copy[key] = details;
    }
  }
  return copy as HistoryEvent;
}

export type { MachineDefinition };
