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
import { eachBounded } from '#functions/platform/bounded.ts';
import { BatchReads } from './batch-reads.ts';
import { RemittancePostingRun, type ClaimCounts, type PostingContext } from './posting-run.ts';

/** What one batch posted, per payment (transaction set) of the file. */
export interface BatchOutcome {
  readonly payments: { readonly payment: number; readonly counts: ClaimCounts }[];
}

/**
 * Posts the batch's claims; store errors propagate (the workflow retries the batch, which posts only
 * what is missing). Claims posted `inParallel` at a time are of the unordered file (distinct CLP01 and
 * CLP07): what they read is read for the whole batch first (batch-reads.ts), so a clean claim costs one
 * transaction and its share of the batch's reads.
 */
export async function postRemittanceBatch(
  store: Store,
  items: readonly ClaimItem[],
  file: PostingContext,
  inParallel = 1,
): Promise<BatchOutcome> {
  const reads = inParallel > 1 ? await BatchReads.of(store, items, inParallel) : undefined;
  const runs = new Map<number, RemittancePostingRun>();
  const runOf = (payment: number): RemittancePostingRun => {
    let run = runs.get(payment);
    if (!run) runs.set(payment, (run = new RemittancePostingRun(store, file, reads)));
    return run;
  };
  // A failure stops the other workers taking claims; the retry posts what is missing.
  await eachBounded(items, inParallel, (item) => runOf(item.payment).postClaimItem(item));
  return {
    payments: [...runs.entries()].sort(([a], [b]) => a - b).map(([payment, run]) => ({ payment, counts: run.claimCounts() })),
  };
}
