import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import { SimulatedClock, type Clock } from '#infra/local/clock.ts';
import { localAccount, localRegion } from '#infra/local/credentials.ts';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '#infra/local/json-depth.ts';
import { checkedDefinition, prepareDefinition } from './definition.ts';
import { DistributedMapRunner, type MapRunRecord } from './distributed-map.ts';
import { ApiError, loadTimeoutPrototype } from './errors.ts';
import { Activity, executionContext, type EngineHooks, type Execution, type ExecutionStatus, type RegisteredMachine } from './execution.ts';
import { Executor, engineOverrides } from './executor.ts';
import { ExecutionHistory, dataField, type HistoryEvent } from './history.ts';
import type { IntegrationServices } from './integrations.ts';
import { pageOf, withoutData } from './pages.ts';
import { TaskRunner, type StartExecutionInput } from './task-runner.ts';
import { TaskTokens } from './tokens.ts';
import { checkMemberTypes } from './validation.ts';

const MAX_INPUT_BYTES = 256 * 1024;

/** ARN of a state machine of the local stack. */
export function localStateMachineArn(name: string): string {
  return `arn:aws:states:${localRegion}:${localAccount}:stateMachine:${name}`;
}

/**
 * The local Step Functions service: runs the ASL files with aws-local-stepfunctions and bridges
 * what that engine lacks: `.waitForTaskToken`, SDK service integrations, distributed Maps over S3,
 * AWS-shaped execution history, and waits, retries and timeouts measured on the stack's clock.
 * This class is the API; the {@link Executor} runs executions, the {@link TaskRunner} their Task
 * states and the {@link DistributedMapRunner} their distributed Maps.
 */
export class LocalStepFunctions {
  private readonly machines = new Map<string, RegisteredMachine>();
  private readonly executions = new Map<string, Execution>();
  private readonly mapRuns = new Map<string, MapRunRecord>();
  private readonly tokens = new TaskTokens();
  private readonly executor: Executor;
  readonly activity = new Activity();

  readonly clock: Clock;
  constructor(clock: Clock, services: IntegrationServices) {
    this.clock = clock;
    const { activity, tokens } = this;
    const hooks: EngineHooks = {
      overrides: (scope) => engineOverrides(scope, (s, name, input) => tasks.run(s, name, input)),
      context: (execution, extra) => executionContext(execution, tokens, extra),
    };
    const distributedMap = new DistributedMapRunner({ activity, s3: services.s3, hooks, mapRuns: this.mapRuns, now: () => clock.now() });
    const tasks = new TaskRunner({
      clock,
      activity,
      services,
      tokens,
      startExecution: (input) => this.startExecution(input),
      waitForExecution: (executionArn) => this.waitForExecution(executionArn),
      runDistributedMap: (...args) => distributedMap.run(...args),
    });
    this.executor = new Executor({ clock, activity, hooks });
  }

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

  startExecution(input: StartExecutionInput): { executionArn: string; startDate: number } {
    checkMemberTypes(input, { name: 'string', input: 'string' });
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
    if (nestedDeeperThan(parsedInput)) {
      throw new ApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
    const arn = `arn:aws:states:${localRegion}:${localAccount}:execution:${machine.name}:${name}`;
    const existing = this.executions.get(arn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.inputText === inputText) return { executionArn: arn, startDate: existing.startDate };
      throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    // Serialized before the execution is registered: nothing may fail once it is.
    const started = { ...dataField('input', parsedInput), roleArn: machine.roleArn };
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
    execution.history.add('ExecutionStarted', started);
    this.activity.progress++;
    this.executor.start(execution, parsedInput);
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
    const { page, nextToken } = pageOf(all, input.maxResults, input.nextToken);
    return {
      executions: page.map((e) => ({
        executionArn: e.arn,
        stateMachineArn: machine.arn,
        name: e.name,
        status: e.status,
        startDate: e.startDate,
        ...(e.stopDate !== undefined ? { stopDate: e.stopDate } : {}),
      })),
      ...(nextToken !== undefined ? { nextToken } : {}),
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
    const { page, nextToken } = pageOf(events, input.maxResults, input.nextToken);
    return { events: page, ...(nextToken !== undefined ? { nextToken } : {}) };
  }

  /** A Map Run of a distributed Map state: its status and its item and child-execution counts, as they are now. */
  describeMapRun(input: { mapRunArn: string }): object {
    if (typeof input.mapRunArn !== 'string' || !input.mapRunArn.startsWith('arn:aws:states:'))
      throw new ApiError('InvalidArn', `Invalid Arn: '${String(input.mapRunArn)}'`);
    const run = this.mapRuns.get(input.mapRunArn);
    if (!run) throw new ApiError('ResourceNotFound', `Map Run Does Not Exist: '${input.mapRunArn}'`);
    return {
      mapRunArn: run.mapRunArn,
      executionArn: run.executionArn,
      status: run.status,
      startDate: run.startDate,
      ...(run.stopDate !== undefined ? { stopDate: run.stopDate } : {}),
      maxConcurrency: run.maxConcurrency,
      toleratedFailurePercentage: run.toleratedFailurePercentage,
      toleratedFailureCount: run.toleratedFailureCount,
      itemCounts: { ...run.itemCounts },
      executionCounts: { ...run.executionCounts },
      redriveCount: 0,
    };
  }

  /** The Map Runs an execution started, oldest first. */
  listMapRuns(input: { executionArn: string; maxResults?: number; nextToken?: string }): object {
    const execution = this.execution(input.executionArn);
    const runs = [...this.mapRuns.values()].filter((r) => r.executionArn === execution.arn);
    const { page, nextToken } = pageOf(runs, input.maxResults, input.nextToken);
    return {
      mapRuns: page.map((r) => ({
        executionArn: r.executionArn,
        mapRunArn: r.mapRunArn,
        stateMachineArn: execution.machine.arn,
        startDate: r.startDate,
        ...(r.stopDate !== undefined ? { stopDate: r.stopDate } : {}),
      })),
      ...(nextToken !== undefined ? { nextToken } : {}),
    };
  }

  stopExecution(input: { executionArn: string; error?: string; cause?: string }): { stopDate: number } {
    checkMemberTypes(input, { error: 'string', cause: 'string' });
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
    checkMemberTypes(input, { output: 'string' });
    const waiter = this.tokens.waiterFor(input.taskToken);
    let output: unknown;
    try {
      output = JSON.parse(input.output);
    } catch {
      throw new ApiError('InvalidOutput', 'Invalid Output: not JSON');
    }
    if (nestedDeeperThan(output)) throw new ApiError('InvalidOutput', `Invalid Output: nested deeper than ${MAX_JSON_DEPTH} levels`);
    waiter.succeed(output);
    return {};
  }

  sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }): object {
    checkMemberTypes(input, { error: 'string', cause: 'string' });
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

  /**
   * Stops every running execution (it ends ABORTED) and resolves once each has ended, so nothing
   * of theirs (a retry's wait, the engine's own Task timer) keeps the process alive after the stack stops.
   */
  async stop(): Promise<void> {
    const running = [...this.executions.values()].filter((e) => e.status === 'RUNNING');
    for (const execution of running) this.stopExecution({ executionArn: execution.arn, cause: 'The local stack stopped' });
    await Promise.all(running.map((e) => e.done));
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

  /**
   * Resolves once nothing is in flight and nothing has moved for a few turns of the event loop; fails
   * when work in flight makes no progress for `stallMs` (one task, such as posting a large 835 on a
   * loaded machine, may run for a minute and more without a step starting or ending).
   */
  settle(stallMs = 120_000): Promise<void> {
    return this.activity.settle(stallMs);
  }
}
