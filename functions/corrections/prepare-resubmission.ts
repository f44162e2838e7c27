/**
 * PrepareResubmission: after a person fixed a claim and resolved its denial with `correct` (or its
 * front-door rejection with `resubmit`), the claim goes back to the payer under the same id, carried
 * on by the same workflow. A claim the payer adjudicated (it holds the payer's claim number) goes as a
 * replacement: frequency 7 with that number in REF*F8. One never adjudicated goes as frequency 1 again.
 * The `corrected` event leaves it where the scrubber's `scrubbed` and then `submitted` fit.
 */
import { ClaimNotReadyError, RecordNotFoundError, TransientDependencyError } from '#functions/errors/index.ts';
import { stableId } from '#functions/platform/stable-id.ts';
import type { Store } from '#functions/store/index.ts';
import type { Claim } from '#schemas/claim.ts';
import type { ClaimEvent } from '#schemas/claim-event.ts';
import type { PrepareResubmissionRequest, PrepareResubmissionResult } from '#schemas/claim-amendment.ts';
import type { WorkAction, WorkQueue } from '#schemas/work-item.ts';

/** The decisions that send a claim back, by the queue they are taken in. */
const sendsBack: Readonly<Partial<Record<WorkQueue, readonly WorkAction[]>>> = {
  denials: ['correct'],
  rejections: ['resubmit', 'correct'],
};

const MAX_ATTEMPTS = 5;

/**
 * The claim as it goes back: a replacement of the payer's adjudication, or the same claim again. An
 * institutional claim's type of bill ends in its frequency (131 → 137), as the scrubber requires.
 */
export function resubmissionOf(claim: Claim): Claim {
  const frequencyCode = claim.payerClaimControlNumber ? '7' : '1';
  const { originalPayerClaimNumber: _dropped, ...rest } = claim;
  const next: Claim = claim.payerClaimControlNumber
    ? { ...rest, frequencyCode, originalPayerClaimNumber: claim.payerClaimControlNumber }
    : { ...rest, frequencyCode };
  if (claim.institutional)
    next.institutional = { ...claim.institutional, typeOfBill: `${claim.institutional.typeOfBill.slice(0, 2)}${frequencyCode}` };
  return next;
}

const timesSentBack = (timeline: readonly ClaimEvent[]): number => timeline.filter((e) => e.type === 'corrected').length;

/**
 * Makes the claim a replacement (7) or a resubmission (1) on the person's decision, once: a retried
 * step finds its `corrected` event and changes nothing more.
 */
export async function prepareResubmission(
  store: Store,
  request: PrepareResubmissionRequest,
  now: Date,
): Promise<PrepareResubmissionResult> {
  const item = await store.workItems.get(request.workItemId);
  if (!item || item.claimId !== request.claimId) throw new RecordNotFoundError('work item of claim', 'claimId');
  const action = item.resolution?.action;
  if (!action || !(sendsBack[item.queue] ?? []).includes(action))
    throw new ClaimNotReadyError('claimId', `has no correct or resubmit decision on its ${item.queue} item`);
  const eventId = stableId('CORR', request.claimId, item.workItemId);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const record = await store.claims.get(request.claimId);
    if (!record) throw new RecordNotFoundError('claim', 'claimId');
    const done = record.timeline.some((e) => e.eventId === eventId);
    if (done) return { claimId: request.claimId, frequencyCode: record.claim.frequencyCode, resubmission: timesSentBack(record.timeline) };
    const next = resubmissionOf(record.claim);
    const outcome = await store.claims.replace(record, next, {
      type: 'corrected',
      eventId,
      claimId: request.claimId,
      at: now.toISOString(),
      workItemId: item.workItemId,
      frequencyCode: next.frequencyCode,
      ...(request.executionId ? { executionId: request.executionId } : {}),
    });
    if (outcome.status === 'rejected') throw new ClaimNotReadyError('claimId', `is ${record.claim.status}; it cannot be sent back now`);
    if (outcome.status === 'replaced')
      return { claimId: request.claimId, frequencyCode: next.frequencyCode, resubmission: timesSentBack(record.timeline) + 1 };
  }
  throw new TransientDependencyError(`claim ${request.claimId} (updated by others meanwhile)`);
}
