/**
 * Submits scrubbed claims to a payer: reads them and their records from the store, writes one 837
 * interchange, hands it to the payer gateway and marks the claims submitted, idempotently by batch.
 */
import { recordUnitsBilled } from '#functions/authorizations/billed-units.ts';
import { ClaimNotReadyError, RecordNotFoundError } from '#functions/errors/index.ts';
import { write837Batch, type Claim837Input, type PrimaryAdjudication } from '#functions/payers/exchange/index.ts';
import { BatchConflictError } from '#functions/payers/gateway.ts';
import type { PayerTaskDeps } from '#functions/payers/task-deps.ts';
import { loadAdjudication, loadPriorRemittance } from '#functions/settlement/load-prior.ts';
import { controlsFor } from '#functions/store/control-numbers.ts';
import type { Store } from '#functions/store/index.ts';
import { coverageOf, recordLoader, type RecordLoader } from '#functions/store/record-loader.ts';
import type { Claim } from '#schemas/claim.ts';
import type { ClaimSubmissionRequest } from '#schemas/payer-requests.ts';

/** What a submission did; ids and amounts only. */
export interface ClaimSubmissionResult {
  batchId: string;
  payerId: string;
  claimIds: string[];
  claimCount: number;
  totalChargeCents: number;
  interchangeControlNumber: string;
  status: 'queued';
  submittedAt: string;
  manifestKey: string;
}

const submittedEventId = (claimId: string, batchId: string): string => `${claimId}-submitted-${batchId}`;

/**
 * The earlier payer's adjudication of a secondary or tertiary claim made by settlement: its payer and
 * coverage, its remit date and its 835 as posted (2320 CAS/AMT, 2430 SVD/CAS/DTP).
 */
async function adjudicationOfPriorClaim(
  store: Store,
  load: RecordLoader,
  claim: Claim,
  priorClaimId: string,
): Promise<PrimaryAdjudication> {
  const prior = await loadAdjudication(store, priorClaimId);
  const read = await loadPriorRemittance(store, prior);
  if (read.unbalancedLines.length > 0)
    throw new ClaimNotReadyError(
      'claimIds',
      `cannot show the earlier payer's adjudication: line(s) ${read.unbalancedLines.join(', ')} of its prior claim hold an adjustment not yet decided`,
    );
  const record = await load.patient(prior.claim.patientId);
  const payer = await load.payer(prior.claim.payerId);
  return {
    payer: { payerId: payer.payerId, name: payer.name },
    coverage: coverageOf(record, prior.claim.coverageId),
    adjudicatedDate: claim.priorAdjudicationDate ?? prior.paymentDate,
    remittance: read.remittance,
  };
}

async function claim837Input(store: Store, load: RecordLoader, claim: Claim): Promise<Claim837Input> {
  const record = await load.patient(claim.patientId);
  const coverage = coverageOf(record, claim.coverageId);
  const [billingProvider, payer] = await Promise.all([load.provider(claim.billingProviderId), load.payer(claim.payerId)]);
  const input: Claim837Input = {
    claim,
    patient: record.patient,
    coverage,
    billingProvider,
    payer,
    authorizations: record.authorizations.filter((a) => a.payerId === claim.payerId),
  };
  if (claim.renderingProviderId) input.renderingProvider = await load.provider(claim.renderingProviderId);
  if (claim.attendingProviderId) input.attendingProvider = await load.provider(claim.attendingProviderId);
  if (coverage.priority !== 'primary' && claim.priorClaimId) {
    input.primaryAdjudication = await adjudicationOfPriorClaim(store, load, claim, claim.priorClaimId);
  } else if (coverage.priority !== 'primary') {
    const primary = record.coverages.find((c) => c.priority === 'primary');
    if (!primary || !claim.priorAdjudicationDate)
      throw new ClaimNotReadyError('claimIds', 'is billed to a secondary coverage without the primary coverage and its adjudication date');
    const primaryPayer = await load.payer(primary.payerId);
    input.primaryAdjudication = {
      payer: { payerId: primaryPayer.payerId, name: primaryPayer.name },
      coverage: primary,
      adjudicatedDate: claim.priorAdjudicationDate,
    };
  }
  return input;
}

/**
 * Submits scrubbed claims of one payer as one 837 interchange and marks them submitted. Safe to
 * retry: the batch's control number and time are fixed on the first attempt, so the same 837 is
 * written again and the gateway returns the first receipt; claim events are recorded once.
 */
export async function submitClaims(deps: PayerTaskDeps, request: ClaimSubmissionRequest): Promise<ClaimSubmissionResult> {
  const batch = await deps.store.submissions.prepare(request, deps.now().toISOString());
  const sameClaims = batch.claimIds.length === request.claimIds.length && batch.claimIds.every((id, i) => id === request.claimIds[i]);
  if (batch.payerId !== request.payerId || !sameClaims) throw new BatchConflictError(request.batchId, { payerId: request.payerId });

  const load = recordLoader(deps.store);
  const claims: Claim[] = [];
  const alreadySubmitted = new Set<string>();
  for (const [index, claimId] of batch.claimIds.entries()) {
    const stored = await deps.store.claims.get(claimId);
    if (!stored) throw new RecordNotFoundError('claim', `claimIds[${index}]`);
    const { claim } = stored;
    if (claim.payerId !== batch.payerId)
      throw new ClaimNotReadyError(`claimIds[${index}]`, `is billed to another payer than ${batch.payerId}`);
    if (stored.timeline.some((e) => e.eventId === submittedEventId(claimId, batch.batchId))) alreadySubmitted.add(claimId);
    else if (claim.status !== 'scrubbed')
      throw new ClaimNotReadyError(`claimIds[${index}]`, `is ${claim.status}; only scrubbed claims are submitted`);
    claims.push(claim);
  }
  const inputs = await Promise.all(claims.map((c) => claim837Input(deps.store, load, c)));
  const written = write837Batch(
    inputs,
    {
      submitter: deps.settings.submitter,
      receiver: deps.settings.receiver,
      batchId: batch.batchId,
      now: batch.preparedAt,
      interchange: deps.settings.interchange,
    },
    controlsFor(Number(batch.interchangeControlNumber), batch.firstGroupControlNumber),
  );
  const receipt = await deps.gateway.submitClaims({
    batchId: batch.batchId,
    payerId: batch.payerId,
    files: [{ name: `${batch.batchId}.837`, x12: written.x12 }],
  });
  await deps.store.submissions.recordQueued(batch.batchId, {
    transactionSets: written.transactionSets,
    queuedAt: receipt.submittedAt,
    manifestKey: receipt.manifestKey,
  });
  for (const claim of claims) {
    if (alreadySubmitted.has(claim.claimId)) continue;
    const outcome = await deps.store.claims.recordEvent({
      type: 'submitted',
      eventId: submittedEventId(claim.claimId, batch.batchId),
      claimId: claim.claimId,
      at: batch.preparedAt,
      interchangeControlNumber: written.interchangeControlNumber,
      ...(request.executionId ? { executionId: request.executionId } : {}),
    });
    if (outcome.status === 'rejected') throw new ClaimNotReadyError('claimIds', 'changed status while it was being submitted');
  }
  // Billed units count against their prior authorizations; idempotent per claim, so a retried batch charges once.
  for (const claim of claims) await recordUnitsBilled(deps.store, claim);
  return {
    batchId: batch.batchId,
    payerId: batch.payerId,
    claimIds: batch.claimIds,
    claimCount: written.claimCount,
    totalChargeCents: written.totalChargeCents,
    interchangeControlNumber: written.interchangeControlNumber,
    status: receipt.status,
    submittedAt: receipt.submittedAt,
    manifestKey: receipt.manifestKey,
  };
}
