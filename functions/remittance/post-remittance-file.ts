/**
 * Posts an 835 remittance file to our claims and account ledgers, one claim at a time in constant
 * memory (the X12 engine's per-claim reader).
 *
 * - Check first: when the source can be read twice (bytes, or a function that opens the file again),
 *   the whole file is read once without writing anything. A file whose envelope is broken or truncated
 *   (no SE/GE/IEA, segment counts off, no BPR/TRN) posts nothing and comes back `unreadable` with the
 *   problem's position, for quarantine. A one-shot stream is checked as it is posted.
 * - Per transaction set (ST..SE): a Remittance record (the payment: BPR, TRN, PLB) is saved once, its id
 *   derived from the payer id and TRN02 (remittance-ids.ts), so a redelivered file saves nothing new.
 * - Per claim (posting-run.ts): our claim is found by CLP01 (patient control number) and the payer
 *   (claim-matching.ts); a CLP02 22 reverses the earlier postings of that payer claim number (CLP07);
 *   any other claim is posted line by line (posting-plan.ts: payment, contractual adjustments, patient
 *   responsibility to the next coverage or the patient; denials are held on the insurer's balance for
 *   the work queue) and recorded as an `adjudicated` claim event (id from the payment and CLP07, time
 *   from the 835's GS date, else the file's arrival).
 *   Posting keys (payer, TRN02, CLP01, CLP07, line) make a replay post nothing twice.
 * - Claims that cannot be posted are never dropped silently: a claim we do not know (unmatched), one
 *   whose figures do not balance (posting it would put numbers on the ledger that a corrected resend
 *   could not replace, since its keys would already be taken), one without a coverage we can place it
 *   on, or one whose data breaks the contract is counted and listed (position and claim id only) under
 *   `attention`.
 * - PLB provider-level adjustments (interest, recoveries, forward balances) post to the payer's
 *   provider-level account, so the claims' payments and the PLB entries add up to BPR02 to the cent.
 *
 * Nothing here logs or returns PHI: counts, cents, claim ids, transaction-set control numbers and
 * claim positions only.
 */
import type { Finding, RemittanceEvent } from '#functions/x12/index.ts';
import { streamRemittanceClaims } from '#functions/x12/index.ts';
import type { Store } from '#functions/store/index.ts';
import { guideErrorCount, problemOfError, structuralProblem, unreadTransactionProblem } from '#functions/inbound/file-structure.ts';
import { isHeaderProblem, paymentHeader } from './payment-header.ts';
import { RemittancePostingRun } from './posting-run.ts';
import { emptyOutcome, type RemittanceFile, type RemittanceFileOutcome, type RemittanceFileProblem } from './remittance-file.ts';

export { MAX_ATTENTION } from './remittance-file.ts';
export type {
  AttentionItem,
  AttentionReason,
  RemittanceFile,
  RemittanceFileOutcome,
  RemittanceFileProblem,
  RemittanceSource,
} from './remittance-file.ts';

async function* chunksOf(source: Uint8Array | AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) yield source;
  else yield* source;
}

/** Reads every event of the file; the envelope findings of the whole file come last, as one event. */
export async function* eventsOf(
  source: Uint8Array | AsyncIterable<Uint8Array>,
): AsyncGenerator<RemittanceEvent | { type: 'end'; findings: Finding[] }> {
  // The tolerant profile: a payer's wrong GE/IEA count is reported, not fatal (a wrong SE01 still stops posting).
  const reader = streamRemittanceClaims(chunksOf(source), { strict: false, profile: 'tolerant' });
  for (;;) {
    const next = await reader.next();
    if (next.done) {
      yield { type: 'end', findings: next.value.findings };
      return;
    }
    yield next.value;
  }
}

/** What a remittance file is read for: any other transaction set in it is {@link unreadTransactionProblem}. */
const REMITTANCE_SETS = '835 005010X221A1';

/**
 * Reads the file without writing: the first structural problem, or none. Envelope problems of a
 * transaction set are reported at its trailer, those of the file at the end. A transaction set that
 * posting does not read (a 4010 835, a 999 among the payments) is a problem too.
 */
export async function checkRemittanceFile(source: Uint8Array | AsyncIterable<Uint8Array>): Promise<RemittanceFileProblem | undefined> {
  // A cut-short file usually also lacks its BPR/TRN: the envelope problem says more, so it wins.
  let headerProblem: RemittanceFileProblem | undefined;
  try {
    for await (const event of eventsOf(source)) {
      if (event.type === 'transaction')
        return structuralProblem(event.transaction.findings) ?? unreadTransactionProblem(event.transaction, REMITTANCE_SETS);
      const problem = structuralProblem(event.findings);
      if (problem) return problem;
      if (event.type === 'header' && !headerProblem) {
        const header = paymentHeader(event);
        if (isHeaderProblem(header)) headerProblem = header;
      }
    }
  } catch (error) {
    const problem = problemOfError(error);
    if (problem) return problem;
    throw error;
  }
  return headerProblem;
}

/** Posts a whole 835 file; see the module comment. Store errors (DynamoDB) propagate for the caller to retry. */
export async function postRemittanceFile(store: Store, file: RemittanceFile): Promise<RemittanceFileOutcome> {
  const unreadable = (outcome: RemittanceFileOutcome, problem: RemittanceFileProblem): RemittanceFileOutcome => ({
    ...outcome,
    status: 'unreadable',
    problem,
    balanced: false,
  });
  let source: Uint8Array | AsyncIterable<Uint8Array>;
  if (typeof file.source === 'function') {
    const problem = await checkRemittanceFile(await file.source());
    if (problem) return unreadable(emptyOutcome(), problem);
    source = await file.source();
  } else {
    if (file.source instanceof Uint8Array) {
      const problem = await checkRemittanceFile(file.source);
      if (problem) return unreadable(emptyOutcome(), problem);
    }
    source = file.source;
  }

  const run = new RemittancePostingRun(store, file);
  const { outcome } = run;
  try {
    for await (const event of eventsOf(source)) {
      if (event.type === 'transaction')
        // A one-shot stream is not checked first: what it held before this set is posted, the rest is not.
        return unreadable(
          outcome,
          structuralProblem(event.transaction.findings) ?? unreadTransactionProblem(event.transaction, REMITTANCE_SETS),
        );
      if (event.type === 'end') {
        const problem = structuralProblem(event.findings);
        if (problem) return unreadable(outcome, problem);
        continue;
      }
      outcome.guideErrors += guideErrorCount(event.findings);
      const structural = structuralProblem(event.findings);
      if (structural) return unreadable(outcome, structural);

      if (event.type === 'header') {
        const header = paymentHeader(event);
        if (isHeaderProblem(header)) return unreadable(outcome, header);
        run.beginTransactionSet(header);
      } else if (event.type === 'trailer') await run.finishTransactionSet(event);
      else await run.postClaim(event);
    }
  } catch (error) {
    const problem = problemOfError(error);
    if (problem) return unreadable(outcome, problem);
    throw error;
  }
  return outcome;
}
