import { randomUUID } from 'node:crypto';
import type { Clock } from '#infra/local/clock.ts';
import { localAccount, localRegion } from '#infra/local/credentials.ts';
import { awaitCallback } from './callbacks.ts';
import type { StateDefinition, TaskPlan } from './definition.ts';
import type { DistributedMapInput } from './distributed-map.ts';
import { ApiError, StatesTaskError } from './errors.ts';
import type { Activity, RunScope } from './execution.ts';
import { callIntegration, invokeLambda, type IntegrationServices } from './integrations.ts';
import { parseResource, type ResourceRef } from './resources.ts';
import { RetryPolicy, type Retrier } from './retry.ts';
import { taskEvents, type TaskEvents } from './task-events.ts';
import { openAttempt, secondsField, waitDelayMs, type Attempt } from './timing.ts';
import { BRIDGE_SECONDS_KEY } from './definition.ts';
import { findToken, type TaskTokens } from './tokens.ts';

type Integration = Extract<ResourceRef, { kind: 'integration' }>;

/** One attempt's call of its Task state's resource. */
interface ResourceCall {
  readonly scope: RunScope;
  readonly name: string;
  readonly input: unknown;
  readonly attempt: Attempt;
  readonly heartbeatSeconds: number | undefined;
  readonly events: TaskEvents;
  /** The task token a `.waitForTaskToken` attempt waits on, closed however the attempt ends. */
  token?: string;
}

/** The StartExecution request, as the API takes it. */
export interface StartExecutionInput {
  stateMachineArn: string;
  name?: string;
  input?: string;
}

/** What the task runner needs from the service around it. */
export interface TaskRunnerContext {
  readonly clock: Clock;
  readonly activity: Activity;
  readonly services: IntegrationServices;
  readonly tokens: TaskTokens;
  /** Starts an execution as the StartExecution API does, throwing its `ApiError`s. */
  startExecution(input: StartExecutionInput): { executionArn: string; startDate: number };
  /** Resolves with an execution's description once it has stopped. */
  waitForExecution(executionArn: string): Promise<Record<string, unknown>>;
  /** Runs the items of a distributed Map state. */
  runDistributedMap(
    scope: RunScope,
    name: string,
    plan: TaskPlan,
    input: DistributedMapInput,
    mapRunArn: string,
    signal: AbortSignal,
  ): Promise<unknown>;
}

/**
 * Runs the states the engine hands over: Wait states on the clock, and Task states and distributed
 * Maps with their Retry, TimeoutSeconds and HeartbeatSeconds measured on the clock, their task-token
 * callbacks and service integrations, recording each attempt in the execution's history.
 */
export class TaskRunner {
  private readonly ctx: TaskRunnerContext;
  constructor(ctx: TaskRunnerContext) {
    this.ctx = ctx;
  }

  /** Runs a bridged state to its result, retrying per its `Retry` field; what it throws the engine's `Catch` sees. */
  async run(scope: RunScope, name: string, rawInput: unknown): Promise<unknown> {
    if (scope.history) await waitEntered(scope, name);
    const { input, carried } = withoutCarriedSeconds(rawInput);
    const plan = scope.prepared.tasks.get(name)!;
    const signal = scope.execution.controller.signal;
    if (plan.kind === 'wait') {
      await this.ctx.clock.sleep(waitDelayMs(plan.state, input, this.ctx.clock.now()), signal);
      return input;
    }
    const retry = new RetryPolicy((plan.state.Retry as Retrier[] | undefined) ?? []);
    for (;;) {
      try {
        return await this.attemptTask(scope, name, plan, input, carried);
      } catch (error) {
        if (signal.aborted) throw error;
        const delayMs = retry.nextDelayMs((error as Error).name);
        if (delayMs === null) throw error;
        await this.ctx.clock.sleep(delayMs, signal);
      }
    }
  }

  /** Runs one attempt of a Task state, with its timeout and heartbeat measured on the clock, recording history. */
  private async attemptTask(
    scope: RunScope,
    name: string,
    plan: TaskPlan,
    input: unknown,
    carried?: Readonly<Record<string, unknown>>,
  ): Promise<unknown> {
    const timeoutSeconds = secondsField(plan.state, 'Timeout', input, carried);
    const heartbeatSeconds = secondsField(plan.state, 'Heartbeat', input, carried);
    const attempt = openAttempt(this.ctx.clock, scope.execution.controller.signal, timeoutSeconds);
    try {
      if (plan.kind === 'distributedMap') return await this.attemptMap(scope, name, plan, input, attempt);
      const limits = {
        ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
        ...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {}),
      };
      return await this.attemptResource(scope, name, plan.state, input, attempt, limits);
    } finally {
      attempt.close();
    }
  }

  /** One attempt of a distributed Map: a map run, recorded as MapRunStarted/Succeeded/Failed. */
  private async attemptMap(scope: RunScope, name: string, plan: TaskPlan, input: unknown, attempt: Attempt): Promise<unknown> {
    const { history } = scope;
    const mapRunArn = `arn:aws:states:${localRegion}:${localAccount}:mapRun:${scope.execution.machine.name}/${name}:${randomUUID()}`;
    history?.add('MapRunStarted', { mapRunArn });
    try {
      const result = await attempt.race(
        this.ctx.runDistributedMap(scope, name, plan, input as DistributedMapInput, mapRunArn, attempt.signal),
      );
      history?.add('MapRunSucceeded');
      return result;
    } catch (error) {
      history?.add('MapRunFailed', { error: (error as Error).name, cause: (error as Error).message });
      throw error;
    }
  }

  /** One attempt of a Task state's resource, recorded as AWS records it; closes the attempt's task token however it ends. */
  private async attemptResource(
    scope: RunScope,
    name: string,
    state: StateDefinition,
    input: unknown,
    attempt: Attempt,
    limits: { timeoutInSeconds?: number; heartbeatInSeconds?: number },
  ): Promise<unknown> {
    const ref = parseResource(state.Resource as string)!;
    const events = taskEvents(scope.history, ref);
    events.scheduled(input, limits);
    const call: ResourceCall = { scope, name, input, attempt, heartbeatSeconds: limits.heartbeatInSeconds, events };
    try {
      const result = await this.callResource(call, ref);
      events.succeeded(result);
      return result;
    } catch (error) {
      if (!scope.execution.controller.signal.aborted) {
        events.failed(error as Error);
        if (call.token) this.ctx.tokens.close(call.token, (error as Error).name === 'States.Timeout' ? 'timedOut' : 'done');
      }
      throw error;
    } finally {
      if (call.token) this.ctx.tokens.close(call.token, 'done');
    }
  }

  /** Calls the state's resource: a Lambda function, a callback integration, a child execution or a request integration. */
  private async callResource(call: ResourceCall, ref: ResourceRef): Promise<unknown> {
    const { activity, services } = this.ctx;
    if (ref.kind === 'lambdaArn') return call.attempt.race(activity.track(invokeLambda(services, ref.functionArn, call.input)));
    if (ref.kind !== 'integration') return undefined;
    if (ref.pattern === 'token') return this.callWithToken(call, ref);
    if (ref.service === 'states' && ref.action === 'startExecution') return this.runChild(call, ref);
    return call.attempt.race(activity.track(callIntegration(services, ref, call.input)));
  }

  /** `.waitForTaskToken`: claims the token the Parameters pass, submits the request, then waits for the callback. */
  private async callWithToken(call: ResourceCall, ref: Integration): Promise<unknown> {
    const { scope, name, input, attempt } = call;
    call.token = findToken(input, (candidate) => this.ctx.tokens.isMinted(candidate));
    if (!call.token)
      throw new StatesTaskError('States.Runtime', `State ${name} uses .waitForTaskToken but its Parameters do not pass $$.Task.Token`);
    const where = { executionArn: scope.execution.arn, stateName: name };
    const callback = awaitCallback(this.ctx, where, call.token, call.heartbeatSeconds, attempt.signal);
    call.events.submitted(await attempt.race(this.ctx.activity.track(this.submit(ref, input))));
    return attempt.race(callback.result, [callback.heartbeatTimeout]);
  }

  /** `states:startExecution`: starts the child, and with `.sync`/`.sync:2` waits for it and fails when it does. */
  private async runChild(call: ResourceCall, ref: Integration): Promise<unknown> {
    const started = this.startChild(call.input);
    const submitted = { ExecutionArn: started.executionArn, StartDate: started.startDate };
    if (ref.pattern === 'request') return submitted;
    call.events.submitted(submitted);
    const child = await call.attempt.race(this.ctx.waitForExecution(started.executionArn));
    const described = describedForSync(child, ref.pattern === 'sync2');
    if (child.status !== 'SUCCEEDED') throw new StatesTaskError('States.TaskFailed', JSON.stringify(described));
    return described;
  }

  /** The request part of a `.waitForTaskToken` integration. */
  private async submit(ref: Integration, input: unknown): Promise<unknown> {
    if (ref.service === 'states' && ref.action === 'startExecution') {
      const started = this.startChild(input);
      return { ExecutionArn: started.executionArn, StartDate: started.startDate };
    }
    return callIntegration(this.ctx.services, { ...ref, pattern: 'request' }, input);
  }

  /** Starts a child execution; the API's errors become the task errors Step Functions reports. */
  private startChild(input: unknown): { executionArn: string; startDate: number } {
    try {
      return this.ctx.startExecution(startParameters(input));
    } catch (error) {
      if (error instanceof ApiError) throw new StatesTaskError(`StepFunctions.${error.code}Exception`, error.message);
      throw error;
    }
  }
}

/** Waits until the engine's StateEntered for this task invocation is in the history, to keep events in order. */
async function waitEntered(scope: RunScope, name: string): Promise<void> {
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

function startParameters(input: unknown): StartExecutionInput {
  const params = (input ?? {}) as { StateMachineArn?: string; Name?: string; Input?: unknown };
  return {
    stateMachineArn: String(params.StateMachineArn),
    ...(params.Name !== undefined ? { name: params.Name } : {}),
    input: typeof params.Input === 'string' ? params.Input : JSON.stringify(params.Input ?? {}),
  };
}

/** A child execution's description as `.sync` (or, with its output parsed, `.sync:2`) returns it. */
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

/** Splits off the ...SecondsPath values the rewritten Parameters carried (see prepareDefinition). */
function withoutCarriedSeconds(input: unknown): { input: unknown; carried?: Readonly<Record<string, unknown>> } {
  if (!input || typeof input !== 'object' || Array.isArray(input) || !(BRIDGE_SECONDS_KEY in input)) return { input };
  const { [BRIDGE_SECONDS_KEY]: carried, ...rest } = input as Record<string, unknown>;
  return { input: rest, carried: carried as Record<string, unknown> };
}
