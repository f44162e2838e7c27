/**
 * The first step of posting an 835 at payer scale: the file is checked whole (as posting always did:
 * a broken or cut-short file posts nothing and comes back `unreadable` for quarantine), then read
 * again claim by claim in constant memory and written as JSON Lines, one {@link ClaimItem} a line, for
 * a Distributed Map to post in batches. Claims whose posting depends on an earlier claim of the same
 * numbers (reversals, repeated patient control or payer claim numbers: see {@link OrderedClaims}) go to
 * a second file, posted after the first in file order. Nothing is written to the store here.
 */
import { problemOfError, structuralProblem } from '#functions/inbound/file-structure.ts';
import { claimItemOf, OrderedClaims } from './claim-items.ts';
import { checkRemittanceFile, eventsOf } from './post-remittance-file.ts';
import { isHeaderProblem, paymentHeader, type PaymentHeader } from './payment-header.ts';
import type { RemittanceFileProblem } from './remittance-file.ts';

/** Where the lines go: the handler writes them to S3 (multipart, constant memory). */
export interface ClaimLinesSink {
  write(line: string): Promise<void>;
}

export type SplitOutcome =
  | {
      readonly status: 'split';
      /** 835 transaction sets (payments) in the file. */
      readonly transactionSets: number;
      readonly claims: number;
      /** Claims in the file of any order. */
      readonly unorderedClaims: number;
      /** Claims in the file posted in file order, after the others. */
      readonly orderedClaims: number;
    }
  | { readonly status: 'unreadable'; readonly problem: RemittanceFileProblem };

/**
 * Checks the file, then writes its claims to `unordered` and `ordered`. `open` is called twice and
 * must give the same bytes both times (the handler pins the second read to the first's ETag).
 */
export async function splitRemittanceFile(
  open: () => Promise<AsyncIterable<Uint8Array>>,
  sinks: { unordered: ClaimLinesSink; ordered: ClaimLinesSink },
): Promise<SplitOutcome> {
  const checked = await checkRemittanceFile(await open());
  if (checked) return { status: 'unreadable', problem: checked };
  const order = new OrderedClaims();
  let transactionSets = 0;
  let unorderedClaims = 0;
  let orderedClaims = 0;
  let header: PaymentHeader | undefined;
  try {
    for await (const event of eventsOf(await open())) {
      if (event.type === 'end' || event.type === 'transaction') continue;
      // The check read the same bytes, so a problem here is one the check also found.
      const structural = structuralProblem(event.findings);
      if (structural) return { status: 'unreadable', problem: structural };
      if (event.type === 'header') {
        const read = paymentHeader(event);
        if (isHeaderProblem(read)) return { status: 'unreadable', problem: read };
        header = read;
        transactionSets += 1;
      } else if (event.type === 'trailer') header = undefined;
      else if (header) {
        const item = claimItemOf(transactionSets - 1, header, event);
        const line = `${JSON.stringify(item)}\n`;
        if (order.needsOrder(header.payerId, event.claim)) {
          orderedClaims += 1;
          await sinks.ordered.write(line);
        } else {
          unorderedClaims += 1;
          await sinks.unordered.write(line);
        }
      }
    }
  } catch (error) {
    const problem = problemOfError(error);
    if (problem) return { status: 'unreadable', problem };
    throw error;
  }
  return { status: 'split', transactionSets, claims: unorderedClaims + orderedClaims, unorderedClaims, orderedClaims };
}
