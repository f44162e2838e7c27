import type { S3Client } from '@aws-sdk/client-s3';
import { StateMachine } from 'aws-local-stepfunctions';
import type { TaskPlan } from './definition.ts';
import { StatesTaskError } from './errors.ts';
import { newScope, type Activity, type EngineHooks, type Execution, type RunScope } from './execution.ts';
import { readItems, writeResults, type ItemReaderDefinition } from './item-reader.ts';

const LOCAL_LIMIT_MAP_CONCURRENCY = 16;

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
}

interface ItemFailure {
  index: number;
  error: string;
  cause: string;
}

/**
 * Runs a distributed Map state: reads its items (inline or through an S3 ItemReader), selects and
 * batches them, runs each child on the engine with bounded concurrency, applies the tolerated
 * failure thresholds and writes the results through the ResultWriter.
 */
export class DistributedMapRunner {
  /** One Pass machine per template (templates are parts of the loaded definition), not one per item. */
  private readonly templateMachines = new WeakMap<object, StateMachine>();

  constructor(private readonly ctx: DistributedMapContext) {}

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
    const { results, failures } = await this.runChildren(scope, plan, childInputs, concurrency, signal);

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
      return this.ctx.activity.track(
        writeResults(
          this.ctx.s3,
          state.ResultWriter as { Parameters?: { Bucket?: string; Prefix?: string } },
          mapRunArn,
          results.filter((_, i) => !failedIndexes.has(i)),
          failures,
        ),
      );
    }
    return results;
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

    const batcher = state.ItemBatcher as { MaxItemsPerBatch?: number; BatchInput?: unknown } | undefined;
    if (!batcher) return selected;
    const size = Math.max(1, batcher.MaxItemsPerBatch ?? selected.length);
    const batchInput =
      batcher.BatchInput === undefined ? undefined : await this.evaluateTemplate(batcher.BatchInput, input.input, execution);
    const batches: unknown[] = [];
    for (let i = 0; i < selected.length; i += size) {
      batches.push({ Items: selected.slice(i, i + size), ...(batchInput !== undefined ? { BatchInput: batchInput } : {}) });
    }
    return batches;
  }

  /** Runs the item processor once per child input, `concurrency` at a time, until done or aborted. */
  private async runChildren(
    scope: RunScope,
    plan: TaskPlan,
    childInputs: readonly unknown[],
    concurrency: number,
    signal: AbortSignal,
  ): Promise<{ results: unknown[]; failures: ItemFailure[] }> {
    const processor = plan.processor!;
    const engine = new StateMachine(processor.engineDefinition as never, { validationOptions: { noValidate: true } });
    const results: unknown[] = new Array(childInputs.length);
    const failures: ItemFailure[] = [];
    let next = 0;
    const worker = async () => {
      while (next < childInputs.length && !signal.aborted) {
        const index = next++;
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
    return { results, failures };
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
