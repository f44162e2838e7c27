/**
 * A posting run that stopped past every retry (DynamoDB or S3 down longer than the workflow waits)
 * lands in the failed-postings queue with what is and is not on the books, read back from the store
 * (posting-progress.ts). A person resumes it (posting runs again: it is idempotent per claim, so what
 * was posted is not posted twice and what was not is posted now) or dismisses it.
 *
 * Each stop of one execution is its own item: a resumed run that stops again raises the next one, and
 * a retried recording step finds the item it opened (ids from the execution and the stop's number).
 */
import { stableId } from '#functions/platform/stable-id.ts';
import { openWorkItem } from '#functions/queues/work-items.ts';
import type { Store } from '#functions/store/index.ts';
import type { OpenWorkItemRequest, WorkItem } from '#schemas/work-item.ts';
import type { PostingProgress } from './posting-progress.ts';

/** How many times one execution may stop and be resumed before its stops are no longer raised anew. */
export const MAX_POSTING_STOPS = 20;

export interface FailedPosting {
  /** The inbox object key of the 835. */
  readonly fileKey: string;
  /** The workflow execution whose posting stopped (it waits on the item). */
  readonly executionId: string;
  /** The error name the last attempt failed with (Step Functions' `Error`; never its cause text). */
  readonly error: string;
  readonly progress: PostingProgress;
}

const idOf = (executionId: string, stop: number): string => stableId('FPOST', executionId, String(stop));

/** The item for one stop of a posting run. Pure. */
export function failedPostingItem(failed: FailedPosting, stop: number): OpenWorkItemRequest {
  const p = failed.progress;
  const notDone = p.claimsPartlyPosted + p.claimsNotPosted;
  return {
    workItemId: idOf(failed.executionId, stop),
    queue: 'failed-postings',
    kind: 'posting-interrupted',
    amountCents: p.notPostedPaidCents,
    summary:
      `Posting of an 835 stopped after its retries (${failed.error.slice(0, 60)}): ${p.claimsPosted} of ${p.claims} claims posted, ` +
      `${notDone} not; resume to finish it (nothing is posted twice) or dismiss`,
    details: {
      fileKey: failed.fileKey.slice(0, 200),
      executionId: failed.executionId.slice(-200),
      error: failed.error.slice(0, 100),
      stop,
      transactionSets: p.transactionSets,
      totalPaymentCents: p.totalPaymentCents,
      claims: p.claims,
      claimsPosted: p.claimsPosted,
      claimsPartlyPosted: p.claimsPartlyPosted,
      claimsNotPosted: p.claimsNotPosted,
      postedCents: p.postedCents,
      notPostedPaidCents: p.notPostedPaidCents,
    },
    actions: ['resume', 'dismiss'],
    raisedBy: failed.executionId.slice(0, 256),
  };
}

/**
 * Raises the item for this stop of the execution's posting: the first of its ids not yet decided. An
 * open one is this stop's own (the recording step was retried) and is returned as it is. Past
 * {@link MAX_POSTING_STOPS} decided stops nothing new is raised (`exhausted`): the workflow ends
 * rather than resume a run that keeps stopping.
 */
export async function recordFailedPosting(
  store: Store,
  failed: FailedPosting,
  now: Date,
): Promise<{ item: WorkItem; stop: number; exhausted: boolean }> {
  for (let stop = 0; stop < MAX_POSTING_STOPS; stop++) {
    const existing = await store.workItems.get(idOf(failed.executionId, stop));
    if (existing?.status === 'open') return { item: existing, stop, exhausted: false };
    if (!existing) return { item: (await openWorkItem(store, failedPostingItem(failed, stop), now)).item, stop, exhausted: false };
  }
  const last = MAX_POSTING_STOPS - 1;
  const item = await store.workItems.get(idOf(failed.executionId, last));
  return { item: item!, stop: last, exhausted: true };
}
