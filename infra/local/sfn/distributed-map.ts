import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { StateMachine } from 'aws-local-stepfunctions';
import type { TaskPlan } from './definition.ts';
import { StatesTaskError } from './errors.ts';
import { newScope, type Activity, type EngineHooks, type Execution, type RunScope } from './execution.ts';
import { readItems, writeResults, type ItemReaderDefinition, type ResultWriterDefinition } from './item-reader.ts';

const LOCAL_LIMIT_MAP_CONCURRENCY = 16;
/** The largest child input AWS accepts for a batch (MaxInputBytesPerBatch): 256 KiB. */
const MAX_BATCH_BYTES = 256 * 1024;

/** The engine's input to a distributed Map state (see `prepareDefinition`). */
export interface DistributedMapInput {
  input: unknown;
  readerParameters?: unknown;
  items?: unknown;
  maxConcurrency?: number;
}

/** What the Distributed Map runner needs from the service around it. */
export interface DistributedMapContext {
  readonly activity: Activity;
  readonly s3: S3Client;
  readonly hooks: EngineHooks;
  /** Where Map Runs are kept for DescribeMapRun and ListMapRuns (absent: not kept). */
  readonly mapRuns?: Map<string, MapRunRecord>;
  /** The time Map Runs and their children are stamped with (the stack's clock). */
  readonly now?: () => number;
}

/** The counts DescribeMapRun gives, of items or of child executions. */
export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
  failuresNotRedrivable: number;
  pendingRedrive: number;
}

/** A Map Run as DescribeMapRun describes it. */
export interface MapRunRecord {
  readonly mapRunArn: string;
  readonly executionArn: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  readonly startDate: number;
  stopDate?: number;
  readonly maxConcurrency: number;
  readonly toleratedFailurePercentage: number;
  readonly toleratedFailureCount: number;
  readonly itemCounts: MapRunCounts;
  readonly executionCounts: MapRunCounts;
}

const noCounts = (total: number): MapRunCounts => ({
  pending: total,
  running: 0,
  succeeded: 0,
  failed: 0,
  timedOut: 0,
  aborted: 0,
  total,
  resultsWritten: 0,
  failuresNotRedrivable: 0,
  pendingRedrive: 0,
});

interface ItemFailure {
  index: number;
  error: string;
  cause: string;
}

/** One child execution as the ResultWriter reports it. */
export interface ChildRun {
  readonly name: string;
  readonly input: unknown;
  readonly startDate: number;
  stopDate?: number;
  output?: unknown;
  failure?: { error: string; cause: string };
}

/**
 * Runs a distributed Map state: reads its items (inline or through an S3 ItemReader), selects and
 * batches them, runs each child on the engine with bounded concurrency, applies the tolerated
 * failure thresholds and writes the results through the ResultWriter.
 */
export class DistributedMapRunner {
  /** One Pass machine per template (templates are parts of the loaded definition), not one per item. */
  private readonly templateMachines = new WeakMap<object, StateMachine>();

  private readonly ctx: DistributedMapContext;
  constructor(ctx: DistributedMapContext) {
    this.ctx = ctx;
  }

  async run(
    scope: RunScope,
    name: string,
    plan: TaskPlan,
    input: DistributedMapInput,
    mapRunArn: string,
    signal: AbortSignal,
  ): Promise<unknown> {
    const state = plan.state;
    const items = state.ItemReader
      ? await this.ctx.activity.track(
          readItems(this.ctx.s3, state.ItemReader as ItemReaderDefinition, (input.readerParameters ?? {}) as Record<string, unknown>),
        )
      : input.items;
    if (!Array.isArray(items)) throw new StatesTaskError('States.Runtime', `Map state ${name}: ItemsPath does not point to an array`);

    const childInputs = await this.childInputs(scope.execution, plan, input, items);
    const declared = typeof input.maxConcurrency === 'number' ? input.maxConcurrency : ((state.MaxConcurrency as number | undefined) ?? 0);
    const concurrency = Math.max(1, Math.min(declared === 0 ? LOCAL_LIMIT_MAP_CONCURRENCY : declared, LOCAL_LIMIT_MAP_CONCURRENCY));
    const toleratedCount = (state.ToleratedFailureCount as number | undefined) ?? 0;
    const toleratedPercent = (state.ToleratedFailurePercentage as number | undefined) ?? 0;
    const record: MapRunRecord = {
      mapRunArn,
      executionArn: scope.execution.arn,
      status: 'RUNNING',
      startDate: this.now(),
      maxConcurrency: declared,
      toleratedFailurePercentage: toleratedPercent,
      toleratedFailureCount: toleratedCount,
      itemCounts: noCounts(items.length),
      executionCounts: noCounts(childInputs.length),
    };
    this.ctx.mapRuns?.set(mapRunArn, record);
    const { runs, failures } = await this.runChildren(scope, plan, childInputs, concurrency, signal, record);

    const failedPercent = childInputs.length ? (failures.length * 100) / childInputs.length : 0;
    const exceeded = failures.length > toleratedCount && failedPercent > toleratedPercent;
    let output: unknown = runs.map((r) => (r.failure ? { Error: r.failure.error, Cause: r.failure.cause } : r.output));
    if (state.ResultWriter && !signal.aborted) {
      // AWS writes the results of a Map Run that failed too: what did succeed is on record.
      output = await this.ctx.activity.track(
        writeResults(this.ctx.s3, state.ResultWriter as ResultWriterDefinition, mapRunArn, scope.execution, runs),
      );
      record.itemCounts.resultsWritten = record.itemCounts.succeeded + record.itemCounts.failed;
      record.executionCounts.resultsWritten = runs.length;
    }
    record.stopDate = this.now();
    record.status = signal.aborted ? 'ABORTED' : exceeded ? 'FAILED' : 'SUCCEEDED';
    if (exceeded) {
      const first = failures.sort((a, b) => a.index - b.index)[0]!;
      throw new StatesTaskError(
        'States.ExceedToleratedFailureThreshold',
        `${failures.length} of ${childInputs.length} item runs failed; first at index ${first.index}: ${first.error}`,
      );
    }
    return output;
  }

  private now(): number {
    return this.ctx.now?.() ?? Date.now();
  }

  /** Each child's input: the items through the ItemSelector, grouped by the ItemBatcher when there is one. */
  private async childInputs(execution: Execution, plan: TaskPlan, input: DistributedMapInput, items: unknown[]): Promise<unknown[]> {
    const state = plan.state;
    const selector = state.ItemSelector ?? state.Parameters;
    const selected = selector
      ? await Promise.all(
          items.map((value, index) =>
            this.evaluateTemplate(selector, input.input, execution, { Map: { Item: { Index: index, Value: value } } }),
          ),
        )
      : items;

    const batcher = state.ItemBatcher as { MaxItemsPerBatch?: number; MaxInputBytesPerBatch?: number; BatchInput?: unknown } | undefined;
    if (!batcher) return selected;
    const size = Math.max(1, batcher.MaxItemsPerBatch ?? selected.length);
    const batchInput =
      batcher.BatchInput === undefined ? undefined : await this.evaluateTemplate(batcher.BatchInput, input.input, execution);
    // MaxInputBytesPerBatch bounds the whole child input (items and BatchInput, 256 KiB at most), as in AWS.
    const maxBytes = Math.min(batcher.MaxInputBytesPerBatch ?? MAX_BATCH_BYTES, MAX_BATCH_BYTES);
    const fixedBytes = Buffer.byteLength(JSON.stringify({ Items: [], ...(batchInput !== undefined ? { BatchInput: batchInput } : {}) }));
    const batches: unknown[] = [];
    let current: unknown[] = [];
    let bytes = fixedBytes;
    const close = () => {
      if (current.length > 0) batches.push({ Items: current, ...(batchInput !== undefined ? { BatchInput: batchInput } : {}) });
      current = [];
      bytes = fixedBytes;
    };
    for (const item of selected) {
      const itemBytes = Buffer.byteLength(JSON.stringify(item)) + 1;
      if (fixedBytes + itemBytes > maxBytes)
        throw new StatesTaskError('States.ItemReaderFailed', `An item is larger than the batch's ${maxBytes} bytes`);
      if (current.length >= size || bytes + itemBytes > maxBytes) close();
      current.push(item);
      bytes += itemBytes;
    }
    close();
    return batches;
  }

  /** Runs the item processor once per child input, `concurrency` at a time, until done or aborted, counting on the Map Run. */
  private async runChildren(
    scope: RunScope,
    plan: TaskPlan,
    childInputs: readonly unknown[],
    concurrency: number,
    signal: AbortSignal,
    record: MapRunRecord,
  ): Promise<{ runs: ChildRun[]; failures: ItemFailure[] }> {
    const processor = plan.processor!;
    const engine = new StateMachine(processor.engineDefinition as never, { validationOptions: { noValidate: true } });
    const runs: ChildRun[] = new Array(childInputs.length);
    const failures: ItemFailure[] = [];
    const itemsOf = (childInput: unknown): number => {
      const batch = (childInput as { Items?: unknown } | null)?.Items;
      return Array.isArray(batch) ? batch.length : 1;
    };
    const move = (n: number, from: keyof MapRunCounts, to: keyof MapRunCounts) => {
      record.itemCounts[from] -= n;
      record.itemCounts[to] += n;
      record.executionCounts[from] -= 1;
      record.executionCounts[to] += 1;
    };
    let next = 0;
    const worker = async () => {
      while (next < childInputs.length && !signal.aborted) {
        const index = next++;
        const n = itemsOf(childInputs[index]);
        const child: ChildRun = (runs[index] = { name: randomUUID(), input: childInputs[index], startDate: this.now() });
        move(n, 'pending', 'running');
        const childScope = newScope(scope.execution, processor, null);
        const run = engine.run(childInputs[index] as never, {
          overrides: this.ctx.hooks.overrides(childScope) as never,
          context: this.ctx.hooks.context(scope.execution) as never,
          noThrowOnAbort: true,
        });
        const stop = () => run.abort();
        signal.addEventListener('abort', stop, { once: true });
        void (async () => {
          for await (const _event of run.eventLogs) this.ctx.activity.progress++;
        })();
        try {
          child.output = await run.result;
          move(n, 'running', signal.aborted ? 'aborted' : 'succeeded');
        } catch (error) {
          const cause = ((error as { cause?: Error }).cause ?? error) as Error;
          failures.push({ index, error: cause.name, cause: cause.message });
          child.failure = { error: cause.name, cause: cause.message };
          move(n, 'running', 'failed');
        } finally {
          child.stopDate = this.now();
          signal.removeEventListener('abort', stop);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, childInputs.length) }, worker));
    // Children never started (the execution stopped) count as aborted, as a stopped Map Run's do.
    for (let index = 0; index < childInputs.length; index++) {
      if (runs[index] === undefined) {
        move(itemsOf(childInputs[index]), 'pending', 'aborted');
        runs[index] = { name: randomUUID(), input: childInputs[index], startDate: this.now(), stopDate: this.now() };
      }
    }
    return { runs, failures };
  }

  /** Evaluates a payload template (`"key.$": path`, intrinsics) with the engine itself, as a Pass state would. */
  private async evaluateTemplate(
    template: unknown,
    input: unknown,
    execution: Execution,
    context: Record<string, unknown> = {},
  ): Promise<unknown> {
    if (template === null || typeof template !== 'object') return template; // a literal needs no evaluation
    let pass = this.templateMachines.get(template as object);
    if (!pass) {
      pass = new StateMachine({ StartAt: 'Evaluate', States: { Evaluate: { Type: 'Pass', Parameters: template, End: true } } } as never, {
        validationOptions: { noValidate: true },
      });
      this.templateMachines.set(template as object, pass);
    }
    return pass.run(input as never, { context: this.ctx.hooks.context(execution, context) as never }).result;
  }
}
