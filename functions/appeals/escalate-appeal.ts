/**
 * The wait for a person's approval timed out a week before the appeal's deadline: the same approval
 * item is marked escalated (a workflow keeps waiting on it), and the caller learns how long is left.
 */
import { RecordNotFoundError } from '#functions/errors/index.ts';
import { secondsUntilDue } from './deadlines.ts';
import { appealWorkItemIdFor } from './packet.ts';
import type { AppealDeps } from './ports.ts';

export const ESCALATED_PREFIX = 'ESCALATED: ';

export interface EscalateAppealResult {
  appealId: string;
  workItemId: string;
  remainingSeconds: number;
  /** Whether this call marked it (false: already escalated, or decided meanwhile). */
  escalatedNow: boolean;
}

/** Marks the appeal's open approval item escalated (once) and says how many seconds remain to its deadline. */
export async function escalateAppeal(
  { store, now }: Pick<AppealDeps, 'store' | 'now'>,
  request: { claimId: string; appealId: string },
): Promise<EscalateAppealResult> {
  const record = await store.claims.get(request.claimId);
  const appeal = record?.appeals.find((a) => a.appealId === request.appealId);
  if (!appeal) throw new RecordNotFoundError('appeal of claim', 'claimId');
  const workItemId = appealWorkItemIdFor(appeal.appealId);
  const item = await store.workItems.get(workItemId);
  if (!item) throw new RecordNotFoundError('appeal work item of claim', 'claimId');
  let escalatedNow = false;
  if (item.status === 'open' && item.details.escalated !== true) {
    const updated = await store.workItems.annotateOpen(workItemId, {
      summary: `${ESCALATED_PREFIX}${item.summary}`.slice(0, 300),
      details: { ...item.details, escalated: true, escalatedAt: now.toISOString() },
    });
    escalatedNow = updated !== null;
  }
  return { appealId: appeal.appealId, workItemId, remainingSeconds: secondsUntilDue(appeal.dueDate, now), escalatedNow };
}
