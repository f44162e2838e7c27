/**
 * The console's own index of workflow executions: what the Step Functions API cannot answer (search by
 * claim id or payer, filter by the state an execution sits in, counts per state and per payer, failures
 * grouped by error) is answered from here. It holds no execution input or output, only ids, names,
 * states, times, a claim's payer id (not PHI) and the workflow error with its cause (causes from our
 * handlers name fields, never values). It is fed by
 * {@link ExecutionIndex.upsert} from whatever watches executions (see execution-feed.ts).
 */

/** Step Functions' execution statuses. */
export const executionStatuses = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

/** One execution as the console knows it. */
export interface IndexedExecution {
  readonly executionArn: string;
  /** The execution's name: a claim's lifecycle is `life-<claimId>`, so the name is its business key. */
  readonly name: string;
  /** The state machine's name, e.g. `ClaimLifecycle`. */
  readonly workflow: string;
  readonly status: ExecutionStatus;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly stoppedAt?: number;
  /** The state it is in (running) or ended in (stopped); absent before its first state. */
  readonly currentState?: string;
  /** When it entered `currentState`, epoch milliseconds. */
  readonly stateEnteredAt?: number;
  readonly error?: string;
  readonly cause?: string;
  /** The claim it runs for, read from its name. */
  readonly claimId?: string;
  /** The payer a ClaimLifecycle execution bills, read from its input once (the only part of the input kept). */
  readonly payerId?: string;
  /** When the feed last read its history, epoch ms (the refresher visits the longest unread first). */
  readonly observedAt?: number;
}

/** A search of the index; every field narrows it. */
export interface ExecutionQuery {
  /** The start of a claim id or of an execution's name (see {@link textKeyOf}). */
  readonly text?: string;
  readonly workflow?: string;
  readonly payerId?: string;
  readonly status?: ExecutionStatus;
  readonly state?: string;
  readonly error?: string;
  /** Only executions started at least this many days before `now`. */
  readonly minAgeDays?: number;
  /** Only executions started at most this many days before `now`. */
  readonly maxAgeDays?: number;
  readonly limit?: number;
}

/** How many matching executions bill one payer, and where they sit. */
export interface PayerCount {
  readonly payerId: string;
  readonly count: number;
  /** Per current state (or the state they ended in). */
  readonly byState: Record<string, number>;
}

/** Failures that share an error and a cause. */
export interface FailureGroup {
  readonly error: string;
  readonly cause: string;
  readonly count: number;
  readonly workflows: readonly string[];
}

const DAY = 86_400_000;

/** The claim a ClaimLifecycle execution runs for, from its name (`life-<claimId>`), if it follows that naming. */
export function claimIdOf(name: string): string | undefined {
  const match = /^life-(.+)$/.exec(name);
  return match?.[1];
}

/**
 * What a text search is matched against: the claim id of a lifecycle execution, else its name, in
 * lower case. Searches are by prefix of this key, which a sorted index answers at any scale.
 */
export function searchKeyOf(e: Pick<IndexedExecution, 'name' | 'claimId'>): string {
  return (e.claimId ?? e.name).toLowerCase();
}

/** The prefix a search text stands for: `life-CLM-1` and `clm-1` both find claim CLM-1's lifecycle. */
export function textKeyOf(text: string): string {
  const trimmed = text.trim();
  return (claimIdOf(trimmed) ?? trimmed).toLowerCase();
}

/** Whether an indexed execution matches a query at time `now` (epoch ms). */
export function matches(e: IndexedExecution, q: ExecutionQuery, now: number): boolean {
  if (q.workflow && e.workflow !== q.workflow) return false;
  if (q.payerId && e.payerId !== q.payerId) return false;
  if (q.status && e.status !== q.status) return false;
  if (q.state && e.currentState !== q.state) return false;
  if (q.error && e.error !== q.error) return false;
  if (q.text) {
    const text = textKeyOf(q.text);
    if (text && !searchKeyOf(e).startsWith(text)) return false;
  }
  const age = now - e.startedAt;
  if (q.minAgeDays !== undefined && age < q.minAgeDays * DAY) return false;
  if (q.maxAgeDays !== undefined && age > q.maxAgeDays * DAY) return false;
  return true;
}

/** The in-memory index: one entry per execution ARN, the latest report wins. */
export class ExecutionIndex {
  private readonly byArn = new Map<string, IndexedExecution>();

  /** Adds or replaces what is known of one execution. */
  upsert(execution: IndexedExecution): void {
    this.byArn.set(execution.executionArn, execution);
  }

  get(executionArn: string): IndexedExecution | undefined {
    return this.byArn.get(executionArn);
  }

  get size(): number {
    return this.byArn.size;
  }

  /** Matching executions, newest first, with the total before the limit. */
  search(query: ExecutionQuery, now: number): { total: number; executions: IndexedExecution[] } {
    const found = [...this.byArn.values()]
      .filter((e) => matches(e, query, now))
      .sort((a, b) => b.startedAt - a.startedAt || a.executionArn.localeCompare(b.executionArn));
    return { total: found.length, executions: found.slice(0, query.limit ?? 100) };
  }

  /** How many executions of a workflow sit in (or ended in) each state, matching the rest of the query. */
  countsByState(query: ExecutionQuery, now: number): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const e of this.byArn.values()) {
      if (!e.currentState || !matches(e, { ...query, state: undefined }, now)) continue;
      counts[e.currentState] = (counts[e.currentState] ?? 0) + 1;
    }
    return counts;
  }

  /** Executions per payer (and per state within a payer) matching the rest of the query, most first. */
  countsByPayer(query: ExecutionQuery, now: number): PayerCount[] {
    return payerCounts([...this.byArn.values()].filter((e) => matches(e, { ...query, payerId: undefined }, now)));
  }

  /** Failed, timed-out and aborted executions grouped by error and cause, largest group first. */
  failureGroups(query: ExecutionQuery, now: number): FailureGroup[] {
    const groups = new Map<string, { error: string; cause: string; count: number; workflows: Set<string> }>();
    for (const e of this.byArn.values()) {
      if (e.status === 'RUNNING' || e.status === 'SUCCEEDED' || !matches(e, { ...query, status: undefined }, now)) continue;
      const error = e.error ?? e.status;
      const cause = e.cause ?? '';
      const key = `${error}\u0000${cause}`;
      const group = groups.get(key) ?? { error, cause, count: 0, workflows: new Set<string>() };
      group.count += 1;
      group.workflows.add(e.workflow);
      groups.set(key, group);
    }
    return [...groups.values()]
      .map((g) => ({ error: g.error, cause: g.cause, count: g.count, workflows: [...g.workflows].sort() }))
      .sort((a, b) => b.count - a.count || a.error.localeCompare(b.error));
  }
}

/** Claims per payer, and per state within each payer, of the executions given: the most first. */
export function payerCounts(executions: Iterable<IndexedExecution>): PayerCount[] {
  const payers = new Map<string, { count: number; byState: Record<string, number> }>();
  for (const e of executions) {
    if (!e.payerId) continue;
    const payer = payers.get(e.payerId) ?? { count: 0, byState: {} };
    payer.count += 1;
    if (e.currentState) payer.byState[e.currentState] = (payer.byState[e.currentState] ?? 0) + 1;
    payers.set(e.payerId, payer);
  }
  return [...payers.entries()]
    .map(([payerId, p]) => ({ payerId, ...p }))
    .sort((a, b) => b.count - a.count || a.payerId.localeCompare(b.payerId));
}
