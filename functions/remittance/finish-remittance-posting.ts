/**
 * The last step of posting an 835 at payer scale, once every batch of its claims is posted: the
 * batches' figures are summed per payment, the file is read again (constant memory: headers and
 * trailers only count) and each payment is finished as the whole-file posting finishes it
 * (posting-run.ts): PLB to the payer's provider-level account, the Remittance record saved once, a
 * payment that does not balance raised in failed-postings, and its reconciliation line (BPR02 against
 * ΣCLP04 and ΣPLB). The outcome is the whole-file posting's, so the workflow and reports read one shape.
 */
import { guideErrorCount, problemOfError, structuralProblem } from '#functions/inbound/file-structure.ts';
import { AppError } from '#functions/errors/index.ts';
import type { Store } from '#functions/store/index.ts';
import { eventsOf } from './post-remittance-file.ts';
import { isHeaderProblem, paymentHeader } from './payment-header.ts';
import type { BatchOutcome } from './post-remittance-batch.ts';
import { CLAIM_COUNT_KEYS, RemittancePostingRun, type ClaimCounts, type PostingContext } from './posting-run.ts';
import { MAX_ATTENTION, type RemittanceFileOutcome } from './remittance-file.ts';

const noCounts = (): ClaimCounts => ({
  ...(Object.fromEntries(CLAIM_COUNT_KEYS.map((k) => [k, 0])) as Record<(typeof CLAIM_COUNT_KEYS)[number], number>),
  balanced: true,
  attentionTotal: 0,
  attention: [],
});

/** The batches' figures summed per payment (transaction set ordinal), as their results are read. */
export class PaymentTotals {
  readonly #byPayment = new Map<number, ClaimCounts>();
  /** Batches added. */
  batches = 0;

  add(batch: BatchOutcome): void {
    this.batches += 1;
    for (const { payment, counts } of batch.payments) {
      const total = this.#byPayment.get(payment) ?? noCounts();
      for (const key of CLAIM_COUNT_KEYS) total[key] += counts[key];
      total.balanced &&= counts.balanced;
      total.attentionTotal += counts.attentionTotal;
      for (const item of counts.attention) if (total.attention.length < MAX_ATTENTION) total.attention.push(item);
      this.#byPayment.set(payment, total);
    }
  }

  of(payment: number): ClaimCounts {
    return this.#byPayment.get(payment) ?? noCounts();
  }

  /** Claims counted over every batch. */
  get claims(): number {
    let n = 0;
    for (const counts of this.#byPayment.values()) n += counts.claims;
    return n;
  }
}

/** The batches' results count fewer (or more) claims than the file was split into: one went missing. */
export class PostingResultsIncompleteError extends AppError {
  override readonly name = 'PostingResultsIncompleteError';
  constructor(split: number, counted: number) {
    super(`the posting results count ${counted} claims of the ${split} split off`);
  }
}

/** Finishes every payment of the file with the batches' totals; store errors propagate for the workflow to retry. */
export async function finishRemittancePosting(
  store: Store,
  source: AsyncIterable<Uint8Array>,
  totals: PaymentTotals,
  file: PostingContext,
): Promise<RemittanceFileOutcome> {
  const run = new RemittancePostingRun(store, file);
  const { outcome } = run;
  const unreadable = (problem: NonNullable<RemittanceFileOutcome['problem']>): RemittanceFileOutcome => ({
    ...outcome,
    status: 'unreadable',
    problem,
    balanced: false,
  });
  let payment = -1;
  let inPayment = false;
  try {
    for await (const event of eventsOf(source)) {
      if (event.type === 'transaction') continue;
      if (event.type === 'end') {
        const problem = structuralProblem(event.findings);
        if (problem) return unreadable(problem);
        continue;
      }
      outcome.guideErrors += guideErrorCount(event.findings);
      const structural = structuralProblem(event.findings);
      if (structural) return unreadable(structural);
      if (event.type === 'header') {
        const header = paymentHeader(event);
        if (isHeaderProblem(header)) return unreadable(header);
        payment += 1;
        inPayment = true;
        run.beginTransactionSet(header);
        run.absorb(totals.of(payment));
      } else if (event.type === 'trailer' && inPayment) {
        inPayment = false;
        await run.finishTransactionSet(event);
      }
    }
  } catch (error) {
    const problem = problemOfError(error);
    if (problem) return unreadable(problem);
    throw error;
  }
  return outcome;
}
