/**
 * What the scheduled refresher does in AWS (the status-change events are best-effort and do not say
 * which state a running execution moved to): it lists the running executions of the application's
 * state machines, so an execution whose start event was lost still enters the index, then re-reads
 * the newest events of a bounded number of running executions (ExecutionFeed.refreshRunning).
 */
import { ListExecutionsCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { ExecutionFeed } from './execution-feed.ts';

/** Bounds of one refresh, sized to Step Functions' API rate limits within a one-minute schedule. */
export interface RefreshLimits {
  /** Running executions listed per state machine (ListExecutions pages of 100). */
  readonly listPerMachine: number;
  /** Histories read (GetExecutionHistory), new and known executions together. */
  readonly historyBudget: number;
}

export const defaultRefreshLimits: RefreshLimits = { listPerMachine: 2000, historyBudget: 200 };

/** What one refresh did. */
export interface RefreshResult {
  /** Running executions the index did not know, or knew as stopped, now indexed. */
  readonly discovered: number;
  /** Known running executions whose newest events were read again. */
  readonly refreshed: number;
}

/** Lists the running executions of `stateMachineArns`, indexes the unknown ones, then refreshes known running ones. */
export async function refreshExecutionIndex(
  sfn: SFNClient,
  feed: ExecutionFeed,
  stateMachineArns: readonly string[],
  limits: RefreshLimits = defaultRefreshLimits,
): Promise<RefreshResult> {
  let discovered = 0;
  for (const stateMachineArn of stateMachineArns) {
    let nextToken: string | undefined;
    let listed = 0;
    do {
      const page = await sfn.send(
        new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', maxResults: 100, ...(nextToken ? { nextToken } : {}) }),
      );
      for (const e of page.executions ?? []) {
        if (discovered >= limits.historyBudget) break;
        const known = await feed.index.get(e.executionArn!);
        if (known?.status === 'RUNNING') continue;
        await feed.observe({
          executionArn: e.executionArn!,
          stateMachineArn,
          name: e.name!,
          status: 'RUNNING',
          startedAt: e.startDate!.getTime(),
        });
        discovered += 1;
      }
      listed += page.executions?.length ?? 0;
      nextToken = page.nextToken;
    } while (nextToken && listed < limits.listPerMachine && discovered < limits.historyBudget);
  }
  const refreshed = await feed.refreshRunning(limits.historyBudget - discovered);
  return { discovered, refreshed };
}
