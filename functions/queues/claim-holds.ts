/**
 * Holds: a claim that cannot go on until a person fixes something outside the claim's workflow
 * (coverage the payer does not confirm, a missing authorization, scrubber edits). The workflow raises
 * the hold and waits on it; the person resumes it once the cause is fixed, or dismisses it. Pure.
 */
import { addDays } from '#functions/claims/calendar.ts';
import type { Claim } from '#schemas/claim.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import type { OpenWorkItemRequest, WorkAction } from '#schemas/work-item.ts';
import { stableId } from '#functions/platform/stable-id.ts';

export type HoldKind = 'eligibility' | 'authorization' | 'scrub-edits';

const holdTexts: Readonly<Record<HoldKind, { summary: string; actions: WorkAction[] }>> = {
  eligibility: {
    summary: 'The payer does not confirm active coverage on the date of service: verify or update the coverage, then resume',
    actions: ['resume', 'dismiss'],
  },
  authorization: {
    summary: 'A required prior authorization is missing or does not cover the service: obtain it, then resume',
    actions: ['resume', 'dismiss'],
  },
  'scrub-edits': { summary: 'The claim fails scrubber edits: fix the claim, then resume', actions: ['resume', 'dismiss'] },
};

/** Which hold, raised by which execution, and how often it was raised before in that execution. */
export interface HoldRequest {
  readonly kind: HoldKind;
  /** The execution that waits (its id is not PHI): with the attempt it makes the item's id. */
  readonly executionId: string;
  /** 0 for the first hold of this kind in the execution; a resumed claim that fails again raises attempt 1. */
  readonly attempt: number;
}

/**
 * The work item for a hold on a claim: the claim's charges at stake, due by the payer's timely-filing
 * limit from the earliest date of service, its id stable across retries of the same step.
 */
export function holdItemFor(
  claim: Claim,
  payer: PayerProfile | null,
  hold: HoldRequest,
  details: Record<string, string | number> = {},
): OpenWorkItemRequest {
  const earliest = claim.lines.map((l) => l.serviceDateFrom).sort()[0];
  const deadline = earliest && payer ? addDays(earliest, payer.timelyFilingDays) : undefined;
  const text = holdTexts[hold.kind];
  return {
    workItemId: stableId('HOLD', hold.executionId, claim.claimId, hold.kind, String(hold.attempt)),
    queue: 'holds',
    kind: hold.kind,
    claimId: claim.claimId,
    payerId: claim.payerId,
    amountCents: claim.totalChargeCents,
    ...(deadline ? { deadline } : {}),
    summary: deadline ? `${text.summary} (file by ${deadline})` : text.summary,
    details: { ...details, attempt: hold.attempt },
    actions: text.actions,
    raisedBy: hold.executionId,
  };
}
