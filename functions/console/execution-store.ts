/**
 * The seam the console's server and feed use for the execution index: asynchronous, so the same calls
 * are answered from memory (tests, a quick local console) or from the console's DynamoDB table
 * (dynamo-execution-store.ts: locally against DynamoDB Local, in AWS against the deployed table).
 * Both answer every query alike; test/console/console-state-contract.test.ts runs the same cases on both.
 */
import { ExecutionIndex, type ExecutionQuery, type FailureGroup, type IndexedExecution, type PayerCount } from './execution-index.ts';

/** A search's answer: the newest matching executions up to the query's limit, and how many match in all. */
export interface ExecutionPage {
  readonly total: number;
  readonly executions: IndexedExecution[];
}

/** Where the console keeps what it knows of executions. */
export interface ExecutionStore {
  /** Adds or replaces what is known of one execution (the latest report wins). */
  upsert(execution: IndexedExecution): Promise<void>;
  get(executionArn: string): Promise<IndexedExecution | undefined>;
  /** Matching executions, newest first, with the total before the limit. */
  search(query: ExecutionQuery, now: number): Promise<ExecutionPage>;
  /** How many executions sit in (or ended in) each state, matching the rest of the query. */
  countsByState(query: ExecutionQuery, now: number): Promise<Record<string, number>>;
  /** Claims per payer (and per state within a payer), matching the rest of the query; the most first. */
  countsByPayer(query: ExecutionQuery, now: number): Promise<PayerCount[]>;
  /** Failed, timed-out and aborted executions grouped by error and cause, largest group first. */
  failureGroups(query: ExecutionQuery, now: number): Promise<FailureGroup[]>;
  /** The workflows the index has executions of, sorted. */
  workflows(): Promise<string[]>;
  /** How many executions the index holds. */
  count(): Promise<number>;
}

/** The execution store in the process's memory, over {@link ExecutionIndex}. */
export function memoryExecutionStore(index = new ExecutionIndex()): ExecutionStore {
  return {
    upsert: async (execution) => index.upsert(execution),
    get: async (executionArn) => index.get(executionArn),
    search: async (query, now) => index.search(query, now),
    countsByState: async (query, now) => index.countsByState(query, now),
    countsByPayer: async (query, now) => index.countsByPayer(query, now),
    failureGroups: async (query, now) => index.failureGroups(query, now),
    workflows: async () => [...new Set(index.search({ limit: Number.MAX_SAFE_INTEGER }, 0).executions.map((e) => e.workflow))].sort(),
    count: async () => index.size,
  };
}
