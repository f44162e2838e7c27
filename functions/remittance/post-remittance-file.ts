/**
 * Posts an 835 remittance file to our claims and account ledgers, one claim at a time in constant
 * memory (the X12 engine's per-claim reader).
 *
 * - Check first: when the source can be read twice (bytes, or a function that opens the file again),
 *   the whole file is read once without writing anything. A file whose envelope is broken or truncated
 *   (no SE/GE/IEA, segment counts off, no BPR/TRN) posts nothing and comes back `unreadable` with the
 *   problem's position, for quarantine. A one-shot stream is checked as it is posted.
 * - Per transaction set (ST..SE): a Remittance record (the payment: BPR, TRN, PLB) is saved once, its id
 *   derived from the payer id, TRN02 and the file, so a redelivered file saves nothing new.
 * - Per claim: our claim is found by CLP01 (patient control number) and the payer; a CLP02 22 reverses
 *   the earlier postings of that payer claim number (CLP07); any other claim is posted line by line
 *   (posting-plan.ts: payment, contractual adjustments, patient responsibility
 *   to the next coverage or the patient; denials are held on the insurer's balance for the work queue)
 *   and recorded as an `adjudicated` claim event (id from the file and CLP07, time of arrival).
 *   Posting keys (payer, TRN02, CLP01, CLP07, line) make a replay post nothing twice.
 * - Claims that cannot be posted are never dropped silently: a claim we do not know (unmatched), one
 *   whose figures do not balance (posting it would put numbers on the ledger that a corrected resend
 *   could not replace, since its keys would already be taken), one without a coverage we can place it
 *   on, or one whose data breaks the contract is counted and listed (position and claim id only) under
 *   `attention`.
 * - PLB provider-level adjustments are counted and summed; posting them to a provider-level account
 *   is not done here (there is no such account yet).
 *
 * Nothing here logs or returns PHI: counts, cents, claim ids, transaction-set control numbers and
 * claim positions only.
 */
import { createHash } from 'node:crypto';
import { postingProblems } from '#functions/accounts/ledger.ts';
import { postingsForRemittanceClaim, UnpostableRemittanceError, type HeldAdjustment, type RemittancePostingPlan } from './posting-plan.ts';
import type { Responsibility } from '#schemas/common.ts';
import type { ClaimStatus } from '#schemas/claim.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { Remittance, RemittanceClaim } from '#schemas/remittance.ts';
import type { ClaimHeader, Store } from '#functions/store/index.ts';
import { groupCreatedAt, streamRemittanceClaims, X12Error } from '#functions/x12/index.ts';
import type { Finding, RemittanceEvent, RemittanceHeaderEvent, RemittanceTrailerEvent } from '#functions/x12/index.ts';
import { remittanceClaimOf, RemittanceClaimError } from '#functions/payers/exchange/index.ts';

/** Where and why a file cannot be posted (positions, never content). Shaped like the quarantine report's problem. */
export interface RemittanceFileProblem {
  readonly reason: string;
  readonly byteOffset: number;
  readonly segment?: string;
}

export type AttentionReason =
  | 'unmatched'
  | 'ambiguous'
  | 'imbalanced'
  | 'invalid-claim'
  | 'no-coverage'
  | 'ledger-rule'
  | 'reversal-without-original'
  | 'status-not-moved';

/** A claim a person should look at: its place in the file and, when known, our claim id. */
export interface AttentionItem {
  readonly reason: AttentionReason;
  /** ST02 of the transaction set. */
  readonly transactionSet: string;
  /** 0-based position of the claim in its transaction set. */
  readonly claimIndex: number;
  readonly claimId?: string;
  /** CLP04 of the claim. */
  readonly paidCents: number;
}

export interface RemittanceFileOutcome {
  /** `unreadable`: nothing was posted; `problem` says where the file is broken. */
  status: 'posted' | 'unreadable';
  problem?: RemittanceFileProblem;
  /** 835 transaction sets (one payment each) in the file. */
  transactionSets: number;
  /** Remittance records saved now; `remittancesAlreadySaved` were on file from an earlier delivery. */
  remittancesSaved: number;
  remittancesAlreadySaved: number;
  claims: number;
  /** Claims whose postings or adjudication were written now. */
  posted: number;
  /** Claims whose every posting and event was already on file (a retry or a second delivery). */
  alreadyPosted: number;
  /** CLP02 22 claims whose earlier postings were reversed now. */
  reversed: number;
  /** Denial adjustments left on the insurer's balance for the work queue (claims posted now only). */
  heldAdjustments: number;
  heldCents: number;
  /** CLP01 matches none of our claims (for this payer). */
  unmatched: number;
  unmatchedPaidCents: number;
  /** Claims not posted: imbalanced, ambiguous, no coverage for the payer, data outside the contract or the ledger's rules, a reversal with nothing to reverse. */
  notPosted: number;
  /** Claims posted but whose status the adjudication could not move (e.g. a claim already corrected). */
  statusNotMoved: number;
  /** ΣCLP04 over every claim in the file (reversals negative). */
  paidCents: number;
  /** PLB: count of adjustments and their sum as the file gives it (positive reduces the payment). */
  providerAdjustments: number;
  providerAdjustmentCents: number;
  /** ΣBPR02: what the payer actually paid (ΣCLP04 − ΣPLB when balanced). */
  totalPaymentCents: number;
  /** Every service, claim and transaction balance check came out clean. */
  balanced: boolean;
  /** Imbalances found (service, claim and transaction level). */
  balanceFindings: number;
  /** Guide errors the engine reported (missing required segments...); the file is posted all the same. */
  guideErrors: number;
  /** At most {@link MAX_ATTENTION} claims to look at; `attentionTotal` counts them all. */
  attention: AttentionItem[];
  attentionTotal: number;
}

export type RemittanceSource =
  Uint8Array | AsyncIterable<Uint8Array> | (() => AsyncIterable<Uint8Array> | Promise<AsyncIterable<Uint8Array>>);

export interface RemittanceFile {
  readonly source: RemittanceSource;
  /** When the file arrived (ISO instant): the time of its postings, and of its events when the 835's GS date is unreadable. */
  readonly receivedAt: string;
  /** Told each claim status an adjudication moved a claim to (resumes a waiting workflow). */
  readonly onClaimStatus?: (claimId: string, status: ClaimStatus) => Promise<unknown>;
}

export const MAX_ATTENTION = 50;

/** Envelope findings that mean the file is cut short or its structure is broken. */
const STRUCTURAL = new Set([
  'MISSING_SE',
  'MISSING_GE',
  'MISSING_IEA',
  'SE_COUNT',
  'SE_WITHOUT_ST',
  'GE_WITHOUT_GS',
  'IEA_WITHOUT_ISA',
  'ST_OUTSIDE_GROUP',
  'GS_OUTSIDE_INTERCHANGE',
  'SEGMENT_OUTSIDE_TRANSACTION',
  'BAD_ISA',
]);

const PAYMENT_METHODS = new Set(['ACH', 'CHK', 'BOP', 'FWT', 'NON']);
const ENTITY_ID = /^[A-Za-z0-9._:-]{1,64}$/;

const hash = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex');

/**
 * The remittance id of one payment: the payer and its TRN02 (check or EFT trace number), not the file,
 * so the same payment delivered again under another name is recognized as already received.
 */
export function remittanceIdFor(payerId: string, traceNumber: string): string {
  return `RMT-${hash(payerId, traceNumber).slice(0, 32)}`;
}

/** The payer as the 835 names it: N1*PR id (XV, sandbox and CMS plan id), else REF*2U, else TRN03. */
export function payerIdOf(header: RemittanceHeaderEvent['header']): string | undefined {
  const candidates = [header.payer?.id, header.payer?.references?.find((r) => r.qualifier === '2U')?.value, header.trace?.originatorId];
  return candidates.map((c) => c?.trim()).find((c): c is string => c !== undefined && ENTITY_ID.test(c));
}

const isoDateOf = (ccyymmdd: string | undefined): string | undefined =>
  ccyymmdd && /^\d{8}$/.test(ccyymmdd) ? `${ccyymmdd.slice(0, 4)}-${ccyymmdd.slice(4, 6)}-${ccyymmdd.slice(6, 8)}` : undefined;

interface PaymentHeader {
  readonly payerId: string;
  readonly traceNumber: string;
  readonly totalPaymentCents: number;
  readonly paymentMethod: Remittance['paymentMethod'];
  readonly paymentDate: string;
  /** When the payer created the 835 (GS04/GS05): the time of the claims' `adjudicated` events, the same for every delivery. */
  readonly issuedAt?: string;
}

/** The payment header of a transaction set, or why it cannot carry a posting. */
function paymentHeader(event: RemittanceHeaderEvent): PaymentHeader | RemittanceFileProblem {
  const { header, transaction } = event;
  const at = { byteOffset: transaction.byteOffset };
  if (!header.payment || typeof header.payment.totalPaymentCents !== 'number')
    return { reason: `transaction set ${transaction.controlNumber} has no usable BPR (payment)`, ...at, segment: 'BPR' };
  const trace = header.trace?.checkOrEftNumber?.trim();
  if (!trace || trace.length > 50)
    return { reason: `transaction set ${transaction.controlNumber} has no usable TRN02 (trace number)`, ...at, segment: 'TRN' };
  const payerId = payerIdOf(header);
  if (!payerId)
    return { reason: `transaction set ${transaction.controlNumber} names no payer id (N1*PR, REF*2U or TRN03)`, ...at, segment: 'N1' };
  if (!PAYMENT_METHODS.has(header.payment.paymentMethod))
    return { reason: `transaction set ${transaction.controlNumber} has an unknown BPR04 payment method`, ...at, segment: 'BPR' };
  const paymentDate = isoDateOf(header.payment.paymentDate);
  if (!paymentDate || Number.isNaN(Date.parse(paymentDate)))
    return { reason: `transaction set ${transaction.controlNumber} has no valid BPR16 payment date`, ...at, segment: 'BPR' };
  const sign = header.payment.creditDebitFlag === 'D' ? -1 : 1;
  const issuedAt = groupCreatedAt(transaction.group);
  return {
    payerId,
    traceNumber: trace,
    totalPaymentCents: sign * header.payment.totalPaymentCents,
    paymentMethod: header.payment.paymentMethod as Remittance['paymentMethod'],
    paymentDate,
    ...(issuedAt ? { issuedAt } : {}),
  };
}

const isProblem = (h: PaymentHeader | RemittanceFileProblem): h is RemittanceFileProblem => 'reason' in h;

function structuralProblem(findings: readonly Finding[]): RemittanceFileProblem | undefined {
  // A wrong SE01 count is only a warning to the engine, but it means segments were lost or added: no posting.
  const f = findings.find((x) => STRUCTURAL.has(x.code) && (x.severity === 'error' || x.code === 'SE_COUNT'));
  if (!f) return undefined;
  return { reason: `${f.code}: ${f.message}`, byteOffset: f.byteOffset ?? 0, ...(f.segmentId ? { segment: f.segmentId } : {}) };
}

function problemOfError(error: unknown): RemittanceFileProblem | undefined {
  if (!(error instanceof X12Error)) return undefined;
  // X12Error messages name positions and expectations, never element values.
  return { reason: error.message, byteOffset: error.byteOffset ?? 0, ...(error.segmentId ? { segment: error.segmentId } : {}) };
}

async function* chunksOf(source: Uint8Array | AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) yield source;
  else yield* source;
}

/** Reads every event of the file; the envelope findings of the whole file come last, as one event. */
async function* eventsOf(
  source: Uint8Array | AsyncIterable<Uint8Array>,
): AsyncGenerator<RemittanceEvent | { type: 'end'; findings: Finding[] }> {
  const reader = streamRemittanceClaims(chunksOf(source), { strict: false });
  for (;;) {
    const next = await reader.next();
    if (next.done) {
      yield { type: 'end', findings: next.value.findings };
      return;
    }
    yield next.value;
  }
}

/**
 * Reads the file without writing: the first structural problem, or none. Envelope problems of a
 * transaction set are reported at its trailer, those of the file at the end.
 */
export async function checkRemittanceFile(source: Uint8Array | AsyncIterable<Uint8Array>): Promise<RemittanceFileProblem | undefined> {
  // A cut-short file usually also lacks its BPR/TRN: the envelope problem says more, so it wins.
  let headerProblem: RemittanceFileProblem | undefined;
  try {
    for await (const event of eventsOf(source)) {
      if (event.type === 'transaction') continue;
      const problem = structuralProblem(event.findings);
      if (problem) return problem;
      if (event.type === 'header' && !headerProblem) {
        const header = paymentHeader(event);
        if (isProblem(header)) headerProblem = header;
      }
    }
  } catch (error) {
    const problem = problemOfError(error);
    if (problem) return problem;
    throw error;
  }
  return headerProblem;
}

function emptyOutcome(): RemittanceFileOutcome {
  return {
    status: 'posted',
    transactionSets: 0,
    remittancesSaved: 0,
    remittancesAlreadySaved: 0,
    claims: 0,
    posted: 0,
    alreadyPosted: 0,
    reversed: 0,
    heldAdjustments: 0,
    heldCents: 0,
    unmatched: 0,
    unmatchedPaidCents: 0,
    notPosted: 0,
    statusNotMoved: 0,
    paidCents: 0,
    providerAdjustments: 0,
    providerAdjustmentCents: 0,
    totalPaymentCents: 0,
    balanced: true,
    balanceFindings: 0,
    guideErrors: 0,
    attention: [],
    attentionTotal: 0,
  };
}

const priorityOrder: readonly Coverage['priority'][] = ['primary', 'secondary', 'tertiary'];

/** Which insurer's share the payer settles, and who takes the patient-responsibility amounts. */
export function responsibilitiesFor(
  claim: Pick<ClaimHeader, 'coverageId' | 'payerId'>,
  coverages: readonly Coverage[],
  asOf: string,
): { payerResponsibility: Exclude<Responsibility, 'patient'>; patientResponsibilityTo: Responsibility } | undefined {
  const paying = coverages.find((c) => c.coverageId === claim.coverageId && c.payerId === claim.payerId);
  if (!paying) return undefined;
  const active = (c: Coverage) => c.effectiveDate <= asOf && (c.terminationDate === undefined || c.terminationDate >= asOf);
  const next = priorityOrder
    .slice(priorityOrder.indexOf(paying.priority) + 1)
    .find((p) => coverages.some((c) => c.priority === p && c.coverageId !== paying.coverageId && active(c)));
  return { payerResponsibility: paying.priority, patientResponsibilityTo: next ?? 'patient' };
}

const settledOrGone = new Set(['corrected', 'voided', 'closed']);

/** Our claim for a (non-reversal) 835 claim: by CLP01 and payer; CLP07 decides between several. */
function pickClaim(candidates: readonly ClaimHeader[], payerClaimControlNumber: string): ClaimHeader | 'ambiguous' | undefined {
  const byIcn = candidates.filter((c) => c.payerClaimControlNumber === payerClaimControlNumber);
  if (byIcn.length === 1) return byIcn[0];
  const open = candidates.filter((c) => c.payerClaimControlNumber === undefined && !settledOrGone.has(c.status));
  if (open.length === 1) return open[0];
  if (candidates.length === 1) return candidates[0];
  return candidates.length === 0 ? undefined : 'ambiguous';
}

const eventIdFor = (remittanceId: string, payerClaimControlNumber: string, kind: 'adj' | 'rev'): string =>
  `${kind}-835-${hash(remittanceId, payerClaimControlNumber).slice(0, 32)}`;

/** Posts a whole 835 file; see the module comment. Store errors (DynamoDB) propagate for the caller to retry. */
export async function postRemittanceFile(store: Store, file: RemittanceFile): Promise<RemittanceFileOutcome> {
  const outcome = emptyOutcome();
  let source: Uint8Array | AsyncIterable<Uint8Array>;
  if (typeof file.source === 'function') {
    const problem = await checkRemittanceFile(await file.source());
    if (problem) return { ...outcome, status: 'unreadable', problem, balanced: false };
    source = await file.source();
  } else {
    if (file.source instanceof Uint8Array) {
      const problem = await checkRemittanceFile(file.source);
      if (problem) return { ...outcome, status: 'unreadable', problem, balanced: false };
    }
    source = file.source;
  }

  const attention = (item: AttentionItem): void => {
    outcome.attentionTotal += 1;
    if (outcome.attention.length < MAX_ATTENTION) outcome.attention.push(item);
  };
  const patientCoverages = new Map<string, readonly Coverage[]>();
  const coveragesOf = async (patientId: string): Promise<readonly Coverage[]> => {
    let found = patientCoverages.get(patientId);
    if (!found) {
      found = (await store.patients.getPatientRecord(patientId))?.coverages ?? [];
      if (patientCoverages.size > 1_000) patientCoverages.clear();
      patientCoverages.set(patientId, found);
    }
    return found;
  };

  let header: PaymentHeader | undefined;
  const fail = (problem: RemittanceFileProblem): RemittanceFileOutcome => ({ ...outcome, status: 'unreadable', problem, balanced: false });

  try {
    for await (const event of eventsOf(source)) {
      if (event.type === 'transaction') continue; // not an 835 (a file may carry other sets): nothing to post
      if (event.type === 'end') {
        const problem = structuralProblem(event.findings);
        if (problem) return fail(problem);
        continue;
      }
      outcome.guideErrors += event.findings.filter((f) => f.severity === 'error' && !STRUCTURAL.has(f.code)).length;
      const structural = structuralProblem(event.findings);
      if (structural) return fail(structural);

      if (event.type === 'header') {
        const h = paymentHeader(event);
        if (isProblem(h)) return fail(h);
        header = h;
        outcome.transactionSets += 1;
        continue;
      }
      if (!header) continue;

      if (event.type === 'trailer') {
        await finishTransactionSet(store, outcome, header, event, file);
        header = undefined;
        continue;
      }

      // A claim.
      const position = { transactionSet: event.transaction.controlNumber, claimIndex: event.claimIndex };
      const paid = typeof event.claim.paymentCents === 'number' ? event.claim.paymentCents : 0;
      outcome.claims += 1;
      outcome.paidCents += paid;
      if (event.balance.length > 0) {
        outcome.balanced = false;
        outcome.balanceFindings += event.balance.length;
      }
      await postClaim(store, file, header, event.claim, event.balance.length > 0, position, paid, outcome, attention, coveragesOf);
    }
  } catch (error) {
    const problem = problemOfError(error);
    if (problem) return fail(problem);
    throw error;
  }
  return outcome;
}

async function finishTransactionSet(
  store: Store,
  outcome: RemittanceFileOutcome,
  header: PaymentHeader,
  event: RemittanceTrailerEvent,
  file: RemittanceFile,
): Promise<void> {
  const plb = (event.providerAdjustments ?? []).flatMap((p) => p.adjustments ?? []);
  outcome.providerAdjustments += plb.length;
  outcome.providerAdjustmentCents += plb.reduce((s, a) => s + (a.amountCents ?? 0), 0);
  outcome.totalPaymentCents += header.totalPaymentCents;
  const transactionImbalances = event.balance.findings.filter((f) => f.level === 'transaction').length;
  outcome.balanceFindings += transactionImbalances;
  if (!event.balance.balanced || transactionImbalances > 0) outcome.balanced = false;
  const remittance: Remittance = {
    remittanceId: remittanceIdFor(header.payerId, header.traceNumber),
    payerId: header.payerId,
    traceNumber: header.traceNumber,
    totalPaymentCents: header.totalPaymentCents,
    paymentMethod: header.paymentMethod,
    paymentDate: header.paymentDate,
    receivedAt: file.receivedAt,
    // Claims are not copied into the record (a transaction set may hold thousands): each claim's
    // result lives in its postings (keyed by payer and TRN02) and its `adjudicated` event (remittanceId).
    claims: [],
    providerAdjustments: plb
      .filter((a) => /^[A-Z0-9]{2}$/.test(a.reason?.code ?? ''))
      .map((a) => ({
        reasonCode: a.reason.code,
        amountCents: a.amountCents,
        ...(a.reason.referenceId ? { reference: a.reason.referenceId.slice(0, 50) } : {}),
      })),
  };
  const saved = await store.remittances.save(remittance);
  if (saved === 'saved') outcome.remittancesSaved += 1;
  else outcome.remittancesAlreadySaved += 1;
}

async function postClaim(
  store: Store,
  file: RemittanceFile,
  header: PaymentHeader,
  claim835: Parameters<typeof remittanceClaimOf>[0],
  imbalanced: boolean,
  position: { transactionSet: string; claimIndex: number },
  paid: number,
  outcome: RemittanceFileOutcome,
  attention: (item: AttentionItem) => void,
  coveragesOf: (patientId: string) => Promise<readonly Coverage[]>,
): Promise<void> {
  const remittanceId = remittanceIdFor(header.payerId, header.traceNumber);
  const notPosted = (reason: AttentionReason, claimId?: string): void => {
    outcome.notPosted += 1;
    attention({ reason, ...position, ...(claimId ? { claimId } : {}), paidCents: paid });
  };

  let claim: RemittanceClaim;
  try {
    claim = remittanceClaimOf(claim835);
  } catch (error) {
    if (!(error instanceof RemittanceClaimError)) throw error;
    if (!claim835.patientControlNumber) {
      outcome.unmatched += 1;
      outcome.unmatchedPaidCents += paid;
      attention({ reason: 'unmatched', ...position, paidCents: paid });
    } else notPosted('invalid-claim');
    return;
  }

  const candidates = (await store.claims.findByPatientControlNumber(claim.patientControlNumber)).filter(
    (c) => c.payerId === header.payerId,
  );

  if (claim.statusCode === '22') {
    // The payer takes back its earlier adjudication of CLP07: reverse what we posted from it.
    const original =
      candidates.find((c) => c.payerClaimControlNumber === claim.payerClaimControlNumber) ??
      (await store.claims.findByPayerClaimNumber(header.payerId, claim.payerClaimControlNumber))[0];
    if (!original) {
      outcome.unmatched += 1;
      outcome.unmatchedPaidCents += paid;
      attention({ reason: 'unmatched', ...position, paidCents: paid });
      return;
    }
    // Postings of this same payment (TRN02) are not reversed: a payer may re-adjudicate under the
    // same CLP07 in the file that carries the reversal, and a redelivery must not undo that.
    const earlier = (await store.ledger.listRemittancePostings(header.payerId, claim.payerClaimControlNumber)).filter(
      (p) => p.remittance && p.remittance.traceNumber !== header.traceNumber,
    );
    let reversedNow = 0;
    for (const posting of earlier) {
      const result = await store.ledger.reverse(posting.postingKey, file.receivedAt, `CLP02 22 reversal, remittance ${remittanceId}`);
      if (result.status === 'posted') reversedNow += 1;
    }
    const reversalEventId = eventIdFor(remittanceId, claim.payerClaimControlNumber, 'rev');
    const event = await store.claims.recordEvent({
      type: 'adjudicated',
      eventId: reversalEventId,
      claimId: original.claimId,
      at: header.issuedAt ?? file.receivedAt,
      remittanceId,
      payerClaimControlNumber: claim.payerClaimControlNumber,
      claimStatusCode: '22',
      paidCents: claim.paidCents,
      patientResponsibilityCents: claim.patientResponsibilityCents,
      deniedLineCount: 0,
    });
    if (reversedNow > 0) outcome.reversed += 1;
    else if (earlier.length === 0) notPosted('reversal-without-original', original.claimId);
    else outcome.alreadyPosted += 1;
    // A claim already corrected or voided by us stays so; the reversal of its money is what counts.
    if (event.status === 'rejected' && !settledOrGone.has(original.status)) {
      outcome.statusNotMoved += 1;
      attention({ reason: 'status-not-moved', ...position, claimId: original.claimId, paidCents: paid });
    }
    return;
  }

  const ours = pickClaim(candidates, claim.payerClaimControlNumber);
  if (ours === undefined) {
    outcome.unmatched += 1;
    outcome.unmatchedPaidCents += paid;
    attention({ reason: 'unmatched', ...position, paidCents: paid });
    return;
  }
  if (ours === 'ambiguous') return notPosted('ambiguous');
  if (imbalanced) return notPosted('imbalanced', ours.claimId);
  const sides = responsibilitiesFor(ours, await coveragesOf(ours.patientId), header.paymentDate);
  if (!sides) return notPosted('no-coverage', ours.claimId);

  let plan: RemittancePostingPlan;
  try {
    plan = postingsForRemittanceClaim({
      accountId: ours.accountId,
      claimId: ours.claimId,
      payerId: header.payerId,
      traceNumber: header.traceNumber,
      claim,
      ...sides,
      postedAt: file.receivedAt,
    });
  } catch (error) {
    if (error instanceof UnpostableRemittanceError) return notPosted('ledger-rule', ours.claimId);
    throw error;
  }
  // All of the claim or none of it: a posting the ledger would refuse (e.g. a negative payment on a
  // CLP02 1) keeps the whole claim off the ledger rather than half of it.
  if (plan.postings.some((p) => postingProblems(p).length > 0)) return notPosted('ledger-rule', ours.claimId);
  let postedNow = 0;
  for (const posting of plan.postings) {
    const result = await store.ledger.post(posting);
    if (result.status === 'posted') postedNow += 1;
  }
  const adjudicationEventId = eventIdFor(remittanceId, claim.payerClaimControlNumber, 'adj');
  const event = await store.claims.recordEvent({
    type: 'adjudicated',
    eventId: adjudicationEventId,
    claimId: ours.claimId,
    at: header.issuedAt ?? file.receivedAt,
    remittanceId,
    payerClaimControlNumber: claim.payerClaimControlNumber,
    claimStatusCode: claim.statusCode,
    paidCents: claim.paidCents,
    patientResponsibilityCents: claim.patientResponsibilityCents,
    // Denied: paid nothing and holding a denial (the posting plan's held adjustments). A line paid
    // nothing because the patient owes it (deductible) was processed, not denied.
    deniedLineCount: claim.lines.filter((l) => l.paidCents === 0 && plan.held.some((h) => h.line === l.lineNumber)).length,
  });
  if (postedNow > 0 || event.status === 'recorded') {
    outcome.posted += 1;
    outcome.heldAdjustments += plan.held.length;
    outcome.heldCents += plan.held.reduce((s: number, h: HeldAdjustment) => s + h.adjustment.amountCents, 0);
  } else outcome.alreadyPosted += 1;
  if (event.status === 'rejected') {
    outcome.statusNotMoved += 1;
    attention({ reason: 'status-not-moved', ...position, claimId: ours.claimId, paidCents: paid });
  }
  if (event.status === 'recorded') await file.onClaimStatus?.(ours.claimId, event.claimStatus);
}
