import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionSpec } from '#infra/app-model.ts';
import { localAccount, localRegion } from './credentials.ts';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './json-depth.ts';
import { ApiError } from './sfn/errors.ts';

export type LambdaHandler = (event: unknown, context: Context) => unknown;

export interface InvocationResult {
  /** The function's result, or Lambda's error document when `functionError` is set. */
  readonly payload: unknown;
  readonly functionError?: 'Unhandled';
}

export interface LocalFunction {
  readonly spec: FunctionSpec;
  readonly arn: string;
  /** Its aliases: one per API consumer (see `apiConsumers` in the app model). */
  readonly aliases: readonly string[];
  load(): Promise<LambdaHandler>;
}

/** ARN of a function of the local stack. */
export function localFunctionArn(name: string): string {
  return `arn:aws:lambda:${localRegion}:${localAccount}:function:${name}`;
}

/** Accepts what Lambda accepts: a name, a full or partial ARN, with an optional `:qualifier`. */
export function functionNameOf(nameOrArn: string): string {
  const parts = nameOrArn.split(':');
  if (parts[0] === 'arn') return parts[6] ?? '';
  if (parts.length === 3 && parts[1] === 'function') return parts[2]!; // 123456789012:function:name
  return parts[0]!;
}

/** The `:qualifier` of a name or ARN (`name:alias`, `arn:aws:lambda:r:a:function:name:alias`), if any. */
export function qualifierOf(nameOrArn: string): string | undefined {
  const parts = nameOrArn.split(':');
  const qualifier = parts[0] === 'arn' ? parts[7] : parts.length === 2 ? parts[1] : parts.length === 4 ? parts[3] : undefined;
  return qualifier || undefined;
}

/**
 * Runs the handler modules of functions/handlers in this process, each invocation with a
 * Lambda-like context (request id, ARN, remaining time measured against the function's timeout).
 */
export class LocalLambda {
  private readonly functions = new Map<string, LocalFunction>();
  /** Each function's invocations running and waiting: `localConcurrency` at once (one by default, a single warm container). */
  private readonly queues = new Map<string, { running: number; waiting: (() => void)[] }>();

  private readonly rootDir: string;
  constructor(rootDir: string) {
    this.rootDir = rootDir;
  }

  register(spec: FunctionSpec, handler?: LambdaHandler, aliases: readonly string[] = []): void {
    const entry = pathToFileURL(resolve(this.rootDir, spec.entry)).href;
    let loaded: Promise<LambdaHandler> | undefined = handler ? Promise.resolve(handler) : undefined;
    this.functions.set(spec.name, {
      spec,
      arn: localFunctionArn(spec.name),
      aliases,
      load: () => {
        loaded ??= import(entry).then((module: Record<string, unknown>) => {
          const fn = module[spec.handler ?? 'handler'];
          if (typeof fn !== 'function') throw new Error(`${spec.entry} does not export a function named ${spec.handler ?? 'handler'}`);
          return fn as LambdaHandler;
        });
        return loaded;
      },
    });
  }

  has(nameOrArn: string): boolean {
    return this.functions.has(functionNameOf(nameOrArn));
  }

  list(): readonly LocalFunction[] {
    return [...this.functions.values()];
  }

  get(nameOrArn: string): LocalFunction | undefined {
    return this.functions.get(functionNameOf(nameOrArn));
  }

  /** Whether the function answers to this qualifier: `$LATEST` or one of its aliases (none: unqualified). */
  hasQualifier(nameOrArn: string, qualifier: string | undefined): boolean {
    const fn = this.get(nameOrArn);
    return Boolean(fn) && (qualifier === undefined || qualifier === '$LATEST' || fn!.aliases.includes(qualifier));
  }

  /**
   * Refuses a payload the JSON round-trip of an invocation cannot take (nested deeper than
   * {@link MAX_JSON_DEPTH}): a 400 InvalidRequestContentException, before the function runs.
   */
  checkPayload(payload: unknown): void {
    if (nestedDeeperThan(payload)) {
      throw new ApiError(
        'InvalidRequestContentException',
        `Could not parse request body into json: nested deeper than ${MAX_JSON_DEPTH} levels`,
      );
    }
  }

  /**
   * Invokes a function synchronously (RequestResponse). Function errors come back as Lambda
   * reports them. Invocations of one function run one at a time unless its spec sets
   * `localConcurrency`: handler modules may keep per-container state that concurrent calls in one
   * process would mix up (the platform's logger is per invocation, see logger.ts).
   */
  async invoke(nameOrArn: string, payload: unknown, qualifier = qualifierOf(nameOrArn)): Promise<InvocationResult> {
    const fn = this.get(nameOrArn);
    if (!fn || !this.hasQualifier(nameOrArn, qualifier)) throw new Error(`Function not found: ${nameOrArn}`);
    this.checkPayload(payload);
    let queue = this.queues.get(fn.spec.name);
    if (!queue) this.queues.set(fn.spec.name, (queue = { running: 0, waiting: [] }));
    if (queue.running >= (fn.spec.localConcurrency ?? 1)) await new Promise<void>((start) => queue.waiting.push(start));
    else queue.running += 1;
    try {
      return await this.invokeNow(fn, payload, qualifier);
    } finally {
      // The slot passes to the next caller in order, or is freed.
      const next = queue.waiting.shift();
      if (next) next();
      else queue.running -= 1;
    }
  }

  private async invokeNow(fn: LocalFunction, payload: unknown, qualifier: string | undefined): Promise<InvocationResult> {
    const requestId = randomUUID();
    const deadline = Date.now() + fn.spec.timeoutSeconds * 1000;
    const context: Context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: fn.spec.name,
      functionVersion: '$LATEST',
      // As in Lambda: the ARN the caller invoked, with its qualifier (an API knows its caller by the alias).
      invokedFunctionArn: qualifier ? `${fn.arn}:${qualifier}` : fn.arn,
      memoryLimitInMB: String(fn.spec.memoryMb),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${fn.spec.name}`,
      logStreamName: `local/[$LATEST]${requestId.replaceAll('-', '')}`,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      const handler = await fn.load();
      // Round-trip through JSON, as the Lambda service does: no shared references, no undefined.
      const event: unknown = JSON.parse(JSON.stringify(payload ?? null));
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(Object.assign(new Error(`Task timed out after ${fn.spec.timeoutSeconds}.00 seconds`), { name: 'Sandbox.Timedout' })),
          fn.spec.timeoutSeconds * 1000,
        );
      });
      const result = await Promise.race([Promise.resolve(handler(event, context)), timeout]);
      return { payload: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      return {
        functionError: 'Unhandled',
        payload: {
          errorType: err.name || 'Error',
          errorMessage: err.message,
          trace: (err.stack ?? '')
            .split('\n')
            .slice(1, 6)
            .map((line) => line.trim()),
        },
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
