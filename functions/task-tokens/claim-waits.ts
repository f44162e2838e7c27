/**
 * Resuming a claim's workflow when the claim moves: the execution waits with a task token (see
 * store/wait-repository.ts); the function that records the awaited event hands the new status back.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { ClaimStatus } from '#schemas/claim.ts';
import type { ClaimWaitFor, Store } from '#functions/store/index.ts';
import { waitsEndedBy } from '#functions/store/index.ts';
import { RecordNotFoundError } from '#functions/errors/index.ts';
import { sendTaskSuccessWith, type ResumeTask } from './resume.ts';

/** What resumes a claim's waiting execution with the claim's new status. */
export type Resume = ResumeTask<{ claimId: string; status: ClaimStatus }>;

/** The resume that sends the task success through Step Functions. */
export function resumeWith(sfn: Pick<SFNClient, 'send'>): Resume {
  return sendTaskSuccessWith(sfn);
}

/** If an execution waits for what this status ends, resume it (exactly once). Returns whether it did. */
export async function resumeIfWaiting(store: Store, resume: Resume, claimId: string, status: ClaimStatus): Promise<boolean> {
  const taken = await store.waits.takeIfEnded(claimId, status);
  if (!taken) return false;
  await resume(taken.taskToken, { claimId, status });
  return true;
}

/**
 * Registers an execution's wait on a claim, then looks at the claim: if the awaited event came first,
 * the execution is resumed at once (the atomic take makes the race with the recorder harmless).
 */
export async function waitForClaim(
  store: Store,
  resume: Resume,
  request: { claimId: string; waitingFor: ClaimWaitFor; taskToken: string; now: string },
): Promise<{ claimId: string; status: ClaimStatus; resumedNow: boolean }> {
  await store.waits.put(request.claimId, request.waitingFor, request.taskToken, request.now);
  const status = (await store.claims.get(request.claimId))?.claim.status;
  if (!status) throw new RecordNotFoundError('claim', 'claimId');
  const resumedNow = waitsEndedBy(status).includes(request.waitingFor) && (await resumeIfWaiting(store, resume, request.claimId, status));
  return { claimId: request.claimId, status, resumedNow };
}
