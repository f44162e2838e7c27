/**
 * A person chose to appeal a denial: the packet and its letter are drafted into the Reports bucket, the
 * Appeal is recorded awaiting approval, and an item in the `appeals` queue asks a person to approve,
 * edit or reject it before the payer's deadline. Every step is idempotent, so a retried draft changes nothing.
 */
import { ClaimNotReadyError, RecordNotFoundError } from '#functions/errors/index.ts';
import { openWorkItem } from '#functions/queues/work-items.ts';
import type { DraftAppealResult } from '#schemas/appeal-packet.ts';
import { isWithinAppealWindow, secondsUntilDue, secondsUntilEscalation } from './deadlines.ts';
import { appealLetter } from './letter.ts';
import { appealDueDate, appealIdFor, appealLevelOf, draftAppealPacket, packetKeys } from './packet.ts';
import type { AppealDeps } from './ports.ts';

export interface DraftAppealRequest {
  claimId: string;
  denialWorkItemId: string;
  executionId: string;
}

/** Drafts the appeal of the claim's denial item a person resolved `appeal`, and opens its approval item. */
export async function draftAppeal({ store, objects, now }: AppealDeps, request: DraftAppealRequest): Promise<DraftAppealResult> {
  const { claimId } = request;
  const denial = await store.workItems.get(request.denialWorkItemId);
  if (!denial || denial.claimId !== claimId || denial.queue !== 'denials')
    throw new RecordNotFoundError('denial work item of claim', 'claimId');
  if (denial.resolution?.action !== 'appeal') throw new ClaimNotReadyError('claimId', 'has no appeal decision on its denial');
  const record = await store.claims.get(claimId);
  if (!record) throw new RecordNotFoundError('claim', 'claimId');
  const { claim } = record;
  const profile = await store.reference.getPayerProfile(claim.payerId);
  if (!profile) throw new RecordNotFoundError('payer profile', 'payerId');
  const level = appealLevelOf(denial);
  const dueDate = appealDueDate(denial, profile, level);
  if (!dueDate) throw new ClaimNotReadyError('claimId', `cannot be appealed: the payer offers no appeal level ${level}`);
  if (!isWithinAppealWindow(dueDate, now))
    throw new ClaimNotReadyError('claimId', `cannot be appealed: the appeal deadline ${dueDate} has passed`);

  const appealId = appealIdFor(claimId, denial.workItemId, level);
  const existing = record.appeals.find((a) => a.appealId === appealId);
  const patientRecord = await store.patients.getPatientRecord(claim.patientId);
  const coverage = patientRecord?.coverages.find((c) => c.coverageId === claim.coverageId);
  if (!patientRecord || !coverage) throw new RecordNotFoundError('coverage', 'coverageId');
  const drafted = draftAppealPacket(
    {
      claim,
      denial,
      profile,
      patient: patientRecord.patient,
      coverage,
      provider: await store.reference.getProvider(claim.billingProviderId),
      authorizations: patientRecord.authorizations,
      level,
      dueDate,
      raisedBy: request.executionId,
      draftedAt: existing?.createdAt ?? now.toISOString(),
    },
    appealLetter,
  );
  // Once a person has acted on it, the stored packet is theirs: a late retry must not overwrite it.
  if (!existing || existing.status === 'awaiting-approval' || existing.status === 'draft') {
    const keys = packetKeys(appealId);
    await objects.put(keys.packet, JSON.stringify(drafted.packet, null, 2), 'application/json');
    await objects.put(keys.letter, drafted.letter, 'text/plain; charset=utf-8');
  }
  if (!existing) await store.claims.putAppeal(drafted.appeal);
  const opened = await openWorkItem(store, drafted.workItem, now);
  return {
    appealId,
    workItemId: opened.item.workItemId,
    level,
    dueDate,
    escalateAfterSeconds: secondsUntilEscalation(dueDate, now),
    deadlineSeconds: secondsUntilDue(dueDate, now),
  };
}
