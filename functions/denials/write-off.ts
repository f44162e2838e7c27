/**
 * A person decided to write a denial off: the held amount leaves the insurer's balance as a write-off
 * (keyed by the decision, so a retried step posts once) and the claim is closed as written off. The
 * decision is a denials item resolved `write-off`, or an appeal packet (an `appeals` item) resolved
 * `reject`: a person who will not send the appeal writes off the amount it disputed.
 */
import { writeOffPosting } from '#functions/accounts/clerk-postings.ts';
import { ClaimNotReadyError, RecordNotFoundError } from '#functions/errors/index.ts';
import type { Store } from '#functions/store/index.ts';
import type { Responsibility } from '#schemas/common.ts';
import type { WorkAction, WorkQueue } from '#schemas/work-item.ts';
import { stableId } from '#functions/platform/stable-id.ts';

export interface WriteOffResult {
  claimId: string;
  workItemId: string;
  writtenOffCents: number;
  /** The claim's status afterwards (`closed`, or unchanged when a later event had moved it). */
  status: string;
}

/** The decisions that write a denial off: by queue, the action a person took. */
const writeOffActions: Readonly<Partial<Record<WorkQueue, WorkAction>>> = { denials: 'write-off', appeals: 'reject' };

/** Posts the write-off the person decided on the claim's denial (or rejected appeal) work item and closes the claim. */
export async function writeOffDenial(
  store: Store,
  request: { claimId: string; workItemId: string; executionId?: string | undefined },
  now: Date,
): Promise<WriteOffResult> {
  const item = await store.workItems.get(request.workItemId);
  if (!item || item.claimId !== request.claimId || !writeOffActions[item.queue])
    throw new RecordNotFoundError('denial work item of claim', 'claimId');
  if (item.resolution?.action !== writeOffActions[item.queue])
    throw new ClaimNotReadyError('claimId', `has no write-off decision on its ${item.queue} item`);
  const record = await store.claims.get(request.claimId);
  if (!record) throw new RecordNotFoundError('claim', 'claimId');
  const { claim } = record;
  // A rejected packet is an appeal not sent: it leaves the open appeals.
  const appeal = item.queue === 'appeals' ? record.appeals.find((a) => a.appealId === item.details.appealId) : undefined;
  if (appeal && (appeal.status === 'awaiting-approval' || appeal.status === 'draft'))
    await store.claims.putAppeal({ ...appeal, status: 'withdrawn', decidedAt: item.resolution?.decidedAt ?? now.toISOString() });
  const coverage = (await store.patients.getPatientRecord(claim.patientId))?.coverages.find((c) => c.coverageId === claim.coverageId);
  if (!coverage) throw new RecordNotFoundError('coverage', 'coverageId');
  const from: Responsibility = coverage.priority;
  const carc = item.details.carc;
  const reasonCode = Array.isArray(carc) && carc[0] ? carc[0].slice(0, 10) : undefined;
  const at = now.toISOString();
  if (item.amountCents > 0) {
    await store.ledger.post(
      writeOffPosting({
        accountId: claim.accountId,
        decisionId: item.workItemId,
        claimId: claim.claimId,
        from,
        amountCents: item.amountCents,
        postedAt: at,
        ...(reasonCode ? { reasonCode } : {}),
      }),
    );
  }
  const eventId = stableId('CLOSE', claim.claimId, item.workItemId);
  const event = await store.claims.recordEvent({
    type: 'closed',
    eventId,
    claimId: claim.claimId,
    at,
    reason: 'written-off',
    ...(request.executionId ? { executionId: request.executionId } : {}),
  });
  const status = event.status === 'recorded' ? event.claimStatus : ((await store.claims.get(claim.claimId))?.claim.status ?? claim.status);
  return { claimId: claim.claimId, workItemId: item.workItemId, writtenOffCents: Math.max(item.amountCents, 0), status };
}
