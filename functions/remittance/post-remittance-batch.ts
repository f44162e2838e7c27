/**
 * Posts one batch of a Distributed Map over the split 835 (see split-remittance-file.ts): each claim
 * exactly as the whole-file posting does (posting-run.ts: the same idempotency keys, so a batch run
 * twice, or a file delivered twice, posts nothing twice), counted per payment for the finishing step.
 *
 * Claims of the unordered file name distinct patient control and payer claim numbers, so they are
 * posted `inParallel` at a time (their accounts may still be shared: the ledger's version guard takes
 * care of that); claims of the ordered file are posted one after the other, in file order.
 */
import type { Store } from '#functions/store/index.ts';
import type { ClaimItem } from './claim-items.ts';
import { RemittancePostingRun, type ClaimCounts, type PostingContext } from './posting-run.ts';

/** What one batch posted, per payment (transaction set) of the file. */
export interface BatchOutcome {
  readonly payments: { readonly payment: number; readonly counts: ClaimCounts }[];
}

/** Posts the batch's claims; store errors propagate (the workflow retries the batch, which posts only what is missing). */
export async function postRemittanceBatch(
  store: Store,
  items: readonly ClaimItem[],
  file: PostingContext,
  inParallel = 1,
): Promise<BatchOutcome> {
  const runs = new Map<number, RemittancePostingRun>();
  const runOf = (payment: number): RemittancePostingRun => {
    let run = runs.get(payment);
    if (!run) runs.set(payment, (run = new RemittancePostingRun(store, file)));
    return run;
  };
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const item = items[next++]!;
      try {
        await runOf(item.payment).postClaimItem(item);
      } catch (error) {
        failed = true; // the other workers stop taking claims; the retry posts what is missing
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(inParallel, items.length)) }, worker));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return {
    payments: [...runs.entries()].sort(([a], [b]) => a - b).map(([payment, run]) => ({ payment, counts: run.claimCounts() })),
  };
}
