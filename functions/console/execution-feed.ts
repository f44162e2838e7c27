/**
 * What keeps the execution index current. Two sources share one seam, {@link ExecutionFeed.observe}:
 * locally a poller lists executions (`ListExecutions`) and reads the recent history of new and running
 * ones; in AWS the same `observe` is called for each EventBridge "Step Functions Execution Status
 * Change" event ({@link observeStatusChange}), so the index does not depend on the 90 days Step
 * Functions keeps closed executions. Histories are read without execution data: no input or output
 * (PHI) ever enters the index. The one exception is a ClaimLifecycle execution's `payerId` (not PHI),
 * read from its input once, when the feed first sees it; the rest of the input is dropped unread.
 */
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { claimIdOf, type ExecutionStatus, type IndexedExecution } from './execution-index.ts';
import type { ExecutionStore } from './execution-store.ts';

/** What is known of an execution from a listing or a status-change event. */
export interface ExecutionSighting {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startedAt: number;
  readonly stoppedAt?: number;
}

/** The workflow whose executions bill one payer each (their input names it). */
export const CLAIM_LIFECYCLE = 'ClaimLifecycle';

/** The payer id an execution's input names, if it is a plain identifier; nothing else of the input is looked at. */
export function payerIdOfInput(input: string | undefined): string | undefined {
  if (!input) return undefined;
  try {
    const payerId = (JSON.parse(input) as { payerId?: unknown } | null)?.payerId;
    return typeof payerId === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(payerId) ? payerId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The workflow a state machine runs, from its name: the app model's name, without the stack prefix a
 * deployed state machine carries (`PatientAccounts-sandbox-ClaimLifecycle` runs `ClaimLifecycle`;
 * model names hold no hyphen). Locally the name is the workflow's own.
 */
export const workflowNamed = (stateMachineName: string): string => stateMachineName.slice(stateMachineName.lastIndexOf('-') + 1);

/** The workflow from a state machine's ARN (`arn:aws:states:region:account:stateMachine:Name`); see {@link workflowNamed}. */
export const workflowOf = (stateMachineArn: string): string => workflowNamed(stateMachineArn.split(':').pop() ?? stateMachineArn);

/** The state an execution is in (or ended in), when it entered it, and how it failed, from its newest events. */
export function stateFromHistory(
  newestFirst: readonly HistoryEvent[],
): Pick<IndexedExecution, 'currentState' | 'stateEnteredAt' | 'error' | 'cause'> {
  const entered = newestFirst.find((e) => e.stateEnteredEventDetails?.name);
  const failure = newestFirst.find(
    (e) => e.executionFailedEventDetails || e.executionTimedOutEventDetails || e.executionAbortedEventDetails,
  );
  const failed = failure?.executionFailedEventDetails ?? failure?.executionTimedOutEventDetails ?? failure?.executionAbortedEventDetails;
  return {
    ...(entered ? { currentState: entered.stateEnteredEventDetails!.name!, stateEnteredAt: entered.timestamp!.getTime() } : {}),
    ...(failed?.error ? { error: failed.error } : {}),
    ...(failed?.cause ? { cause: failed.cause } : {}),
  };
}

/** Keeps an index current from sightings of executions, reading each one's newest events when it changed. */
export class ExecutionFeed {
  private readonly sfn: SFNClient;
  readonly index: ExecutionStore;
  private readonly clock: () => number;
  /**
   * @param clock when a sighting is made, epoch ms (wall time: it only orders the refresher's work).
   */
  constructor(sfn: SFNClient, index: ExecutionStore, clock: () => number = Date.now) {
    this.sfn = sfn;
    this.index = index;
    this.clock = clock;
  }

  /** Records a sighting; reads the history of a new, changed or running execution. */
  async observe(sighting: ExecutionSighting): Promise<void> {
    const known = await this.index.get(sighting.executionArn);
    if (known && known.status === sighting.status && sighting.status !== 'RUNNING') return;
    const page = await this.sfn.send(
      new GetExecutionHistoryCommand({
        executionArn: sighting.executionArn,
        reverseOrder: true,
        maxResults: 25,
        includeExecutionData: false,
      }),
    );
    const claimId = claimIdOf(sighting.name);
    const workflow = workflowOf(sighting.stateMachineArn);
    // The payer is read once per execution: a re-sighting keeps what the first one found.
    const payerId =
      known?.payerId ??
      (!known && workflow === CLAIM_LIFECYCLE
        ? payerIdOfInput((await this.sfn.send(new DescribeExecutionCommand({ executionArn: sighting.executionArn }))).input)
        : undefined);
    await this.index.upsert({
      executionArn: sighting.executionArn,
      name: sighting.name,
      workflow,
      status: sighting.status,
      startedAt: sighting.startedAt,
      ...(sighting.stoppedAt !== undefined ? { stoppedAt: sighting.stoppedAt } : {}),
      ...(claimId ? { claimId } : {}),
      ...(payerId ? { payerId } : {}),
      ...stateFromHistory(page.events ?? []),
      observedAt: this.clock(),
    });
  }

  /**
   * Status-change events do not say which state a running execution moved to: this re-reads the newest
   * events of the running executions the index holds, at most `budget` of them (GetExecutionHistory is
   * rate-limited per account), those observed longest ago first, so every one is visited in turn.
   * Returns how many it read.
   */
  async refreshRunning(budget = 200): Promise<number> {
    const running = (await this.index.search({ status: 'RUNNING', limit: Number.MAX_SAFE_INTEGER }, this.clock())).executions;
    const due = running.sort((a, b) => (a.observedAt ?? 0) - (b.observedAt ?? 0)).slice(0, budget);
    for (const e of due)
      await this.observe({
        executionArn: e.executionArn,
        stateMachineArn: `${e.executionArn.split(':').slice(0, 5).join(':')}:stateMachine:${e.workflow}`,
        name: e.name,
        status: e.status,
        startedAt: e.startedAt,
      });
    return due.length;
  }

  /** One polling pass over every state machine's executions (at most `perMachine` newest of each). */
  async poll(perMachine = 1000): Promise<number> {
    let seen = 0;
    const machines = (await this.sfn.send(new ListStateMachinesCommand({}))).stateMachines ?? [];
    for (const machine of machines) {
      let nextToken: string | undefined;
      let listed = 0;
      do {
        const page = await this.sfn.send(
          new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn, maxResults: 100, ...(nextToken ? { nextToken } : {}) }),
        );
        for (const e of page.executions ?? []) {
          await this.observe({
            executionArn: e.executionArn!,
            stateMachineArn: machine.stateMachineArn!,
            name: e.name!,
            status: e.status as ExecutionStatus,
            startedAt: e.startDate!.getTime(),
            ...(e.stopDate ? { stoppedAt: e.stopDate.getTime() } : {}),
          });
          seen += 1;
        }
        listed += page.executions?.length ?? 0;
        nextToken = page.nextToken;
      } while (nextToken && listed < perMachine);
    }
    return seen;
  }
}

/** The `detail` of an EventBridge "Step Functions Execution Status Change" event. */
export interface StatusChangeDetail {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: number;
  readonly stopDate?: number | null;
}

/** The AWS side of the seam: an EventBridge status-change event fed to the index. */
export function observeStatusChange(feed: ExecutionFeed, detail: StatusChangeDetail): Promise<void> {
  return feed.observe({
    executionArn: detail.executionArn,
    stateMachineArn: detail.stateMachineArn,
    name: detail.name,
    status: detail.status,
    startedAt: detail.startDate,
    ...(detail.stopDate ? { stoppedAt: detail.stopDate } : {}),
  });
}
