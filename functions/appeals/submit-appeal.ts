/**
 * A person approved (or edited) an appeal packet: it goes to the payer through the gateway, and what the
 * payer answers is recorded. Overturned: the appeal is won and the claim waits for the payer's
 * reprocessed 835 (its reversal and new adjudication post and pay the claim). Upheld or not appealable:
 * the appeal is lost and a new denials item offers the next level (if the payer has one) or a write-off.
 * Pending (a mailed or portal appeal): the answer comes later as an 835 or a letter.
 *
 * Retries: the payer's answer is kept on the Appeal before anything else is recorded, so a retried
 * step never files the appeal twice; events carry stable ids and the times first stored.
 */
import { nextStatus } from '#functions/claims/lifecycle.ts';
import { addDays } from '#functions/claims/calendar.ts';
import { ClaimNotReadyError, InputValidationError, RecordNotFoundError } from '#functions/errors/index.ts';
import { stableId } from '#functions/platform/stable-id.ts';
import { openWorkItem } from '#functions/queues/work-items.ts';
import { StoredItemError } from '#functions/store/index.ts';
import type { Appeal } from '#schemas/appeal.ts';
import { appealPacketSchema, type AppealOutcome, type AppealPacket, type SubmitAppealResult } from '#schemas/appeal-packet.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import type { OpenWorkItemRequest, WorkItem } from '#schemas/work-item.ts';
import { evidenceFromEdit } from './evidence.ts';
import { formatDollars as dollars } from '#functions/accounts/money.ts';
import { appealLetter } from './letter.ts';
import { packetKeys } from './packet.ts';
import type { SubmitAppealDeps } from './ports.ts';

export interface SubmitAppealRequest {
  claimId: string;
  appealId: string;
  /** The appeal's approval item, resolved `approve` or `edit`. */
  workItemId: string;
  /** The execution that files it, recorded on the claim's events. */
  executionId?: string | undefined;
}

const won: ReadonlySet<AppealOutcome> = new Set(['overturned', 'partially-overturned']);
const lost: ReadonlySet<AppealOutcome> = new Set(['upheld', 'not-appealable']);

/** The packet as the person decided it: an edit may replace the evidence (`evidence`: kinds) and add a `note`. */
export function reviewedPacket(packet: AppealPacket, item: WorkItem): AppealPacket {
  const resolution = item.resolution!;
  const action = resolution.action === 'edit' ? 'edit' : 'approve';
  let { evidence, note } = packet;
  const payload = resolution.payload ?? {};
  if (action === 'edit') {
    if (Array.isArray(payload.evidence)) {
      const edited = evidenceFromEdit(payload.evidence, packet.evidence);
      if ('unknown' in edited)
        throw new InputValidationError([{ path: 'payload.evidence', message: `unknown evidence kinds: ${edited.unknown.join(', ')}` }]);
      evidence = edited;
    }
    if (typeof payload.note === 'string' && payload.note.trim()) note = payload.note.trim().slice(0, 1000);
  }
  return {
    ...packet,
    evidence,
    ...(note ? { note } : {}),
    review: { action, decidedBy: resolution.decidedBy, decidedAt: resolution.decidedAt },
  };
}

/** The denials item an upheld (or unappealable) appeal raises: the next level where the payer has one, else a write-off. */
export function upheldDenialItem(
  appeal: Appeal,
  packet: Pick<AppealPacket, 'carc' | 'rarc' | 'category' | 'payerClaimControlNumber' | 'remittanceId'>,
  outcome: AppealOutcome,
  profile: PayerProfile,
  decidedOn: string,
  raisedBy: string,
): { item: OpenWorkItemRequest; nextLevel: boolean } {
  const next = outcome === 'upheld' ? profile.appealLevels.find((l) => l.level === appeal.level + 1) : undefined;
  const deadline = next ? addDays(decidedOn, next.deadlineDays) : undefined;
  const codes = packet.carc.join(', ') || 'denial';
  const verdict = outcome === 'upheld' ? 'upheld' : 'not appealable';
  const summary = next
    ? `${codes} level ${appeal.level} appeal ${verdict}: ${dollars(appeal.disputedCents)}; appeal level ${next.level} by ${deadline} or write off`
    : `${codes} level ${appeal.level} appeal ${verdict}: ${dollars(appeal.disputedCents)}; write off`;
  return {
    nextLevel: next !== undefined,
    item: {
      workItemId: stableId('DEN', appeal.appealId, 'upheld'),
      queue: 'denials',
      kind: 'appeal-upheld',
      claimId: appeal.claimId,
      payerId: appeal.payerId,
      amountCents: appeal.disputedCents,
      ...(deadline ? { deadline } : {}),
      summary: summary.slice(0, 300),
      details: {
        carc: packet.carc.slice(0, 50),
        rarc: packet.rarc.slice(0, 50),
        category: packet.category.slice(0, 200),
        recommendedAction: next ? 'appeal' : 'write-off',
        appealId: appeal.appealId,
        // The level lost: drafting the next appeal from this item files level appealLevel + 1.
        appealLevel: appeal.level,
        appealOutcome: outcome,
        payerClaimControlNumber: packet.payerClaimControlNumber,
        ...(packet.remittanceId ? { remittanceId: packet.remittanceId } : {}),
        ...(deadline ? { deadlineBasis: 'appeal' } : {}),
      },
      actions: next ? ['appeal', 'write-off'] : ['write-off'],
      raisedBy: raisedBy.slice(0, 256),
    },
  };
}

async function readPacket(deps: SubmitAppealDeps, appealId: string): Promise<AppealPacket> {
  const text = await deps.objects.get(packetKeys(appealId).packet);
  if (text === null) throw new RecordNotFoundError('appeal packet', 'appealId');
  const parsed = appealPacketSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new StoredItemError(`appeal packet ${appealId} fails its contract`);
  return parsed.data;
}

/** Sends the approved packet to the payer once and records the answer (see the module comment). */
export async function submitAppeal(deps: SubmitAppealDeps, request: SubmitAppealRequest): Promise<SubmitAppealResult> {
  const { store, now } = deps;
  const { claimId, appealId } = request;
  const item = await store.workItems.get(request.workItemId);
  if (!item || item.claimId !== claimId || item.queue !== 'appeals' || item.details.appealId !== appealId)
    throw new RecordNotFoundError('appeal work item of claim', 'claimId');
  const action = item.resolution?.action;
  if (action !== 'approve' && action !== 'edit') throw new ClaimNotReadyError('claimId', 'has no approval on its appeal packet');
  const record = await store.claims.get(claimId);
  if (!record) throw new RecordNotFoundError('claim', 'claimId');
  let appeal = record.appeals.find((a) => a.appealId === appealId);
  if (!appeal) throw new RecordNotFoundError('appeal of claim', 'claimId');
  const profile = await store.reference.getPayerProfile(appeal.payerId);
  if (!profile) throw new RecordNotFoundError('payer profile', 'payerId');
  const packet = reviewedPacket(await readPacket(deps, appealId), item);

  if (!appeal.payerOutcome) {
    const submittedAt = appeal.submittedAt ?? now.toISOString();
    const appealed = {
      type: 'appealed' as const,
      eventId: stableId('APPEALED', appealId),
      claimId,
      at: submittedAt,
      appealId,
      level: appeal.level,
      ...(request.executionId ? { executionId: request.executionId } : {}),
    };
    // Filed only while the claim can be appealed (denied, paid in part, or already under appeal).
    const fits = nextStatus(record.claim.status, appealed);
    if (!fits.ok && !record.timeline.some((e) => e.eventId === appealed.eventId))
      throw new ClaimNotReadyError('claimId', `cannot be appealed while ${record.claim.status}`);
    if (!appeal.submittedAt) {
      const keys = packetKeys(appealId);
      await deps.objects.put(keys.packet, JSON.stringify(packet, null, 2), 'application/json');
      await deps.objects.put(keys.letter, appealLetter(packet), 'text/plain; charset=utf-8');
    }
    appeal = { ...appeal, status: 'submitted', submittedAt, evidence: packet.evidence.map((e) => e.kind) };
    await store.claims.putAppeal(appeal);
    await store.claims.recordEvent(appealed);
    const receipt = await deps.appeals.submitAppeal(packet, { payerId: appeal.payerId, correlationId: appealId });
    const decided = receipt.outcome !== 'pending';
    appeal = {
      ...appeal,
      payerOutcome: receipt.outcome,
      status: won.has(receipt.outcome) ? 'won' : lost.has(receipt.outcome) ? 'lost' : 'submitted',
      ...(decided ? { decidedAt: now.toISOString() } : {}),
      // A lost appeal recovers nothing; a won one's money is posted from the payer's reprocessed 835.
      ...(lost.has(receipt.outcome) ? { recoveredCents: 0 } : {}),
    };
    await store.claims.putAppeal(appeal);
  }

  const outcome = appeal.payerOutcome!;
  let nextLevel = false;
  if (appeal.decidedAt && (won.has(outcome) || lost.has(outcome))) {
    // An 835 that overtook this record may already have moved the claim on; its status then stands.
    await store.claims.recordEvent({
      type: 'appeal-decided',
      eventId: stableId('APPEAL-DECIDED', appealId),
      claimId,
      at: appeal.decidedAt,
      appealId,
      outcome: won.has(outcome) ? 'won' : 'lost',
      recoveredCents: 0,
      ...(request.executionId ? { executionId: request.executionId } : {}),
    });
    if (lost.has(outcome)) {
      const upheld = upheldDenialItem(appeal, packet, outcome, profile, appeal.decidedAt.slice(0, 10), `SubmitAppeal ${appealId}`);
      await openWorkItem(store, upheld.item, new Date(appeal.decidedAt));
      nextLevel = upheld.nextLevel;
    }
  }
  return { appealId, level: appeal.level, outcome, nextLevel, appealStatus: appeal.status };
}
