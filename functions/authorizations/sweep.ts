/**
 * The daily look over live authorizations: those past their end become `expired`; those ending soon
 * with services left, or running out of units, become work in the authorizations queue ahead of time
 * (one item per authorization, kind and end date, so a daily rerun raises nothing new).
 */
import { openWorkItem } from '#functions/queues/work-items.ts';
import type { Store } from '#functions/store/index.ts';
import { attentionFor, DEFAULT_ATTENTION, isPastEnd, type AttentionPolicy } from './attention.ts';
import { authorizationWorkItem } from './decision.ts';

/** What one sweep did: counts only. */
export interface SweepResult {
  asOf: string;
  examined: number;
  expired: number;
  raised: number;
}

/** Sweeps every live authorization as of `now` (UTC day). */
export async function sweepAuthorizations(
  deps: { store: Store; now: () => Date },
  options: { policy?: AttentionPolicy; raisedBy?: string } = {},
): Promise<SweepResult> {
  const now = deps.now();
  const asOf = now.toISOString().slice(0, 10);
  const policy = options.policy ?? DEFAULT_ATTENTION;
  const live = await deps.store.authorizations.listLiveEndingBy('9999-12-31');
  let expired = 0;
  let raised = 0;
  for (const a of live) {
    if (isPastEnd(a, asOf)) {
      // In place, not a put of the listed copy: units charged since the (eventually consistent) listing stay.
      if (await deps.store.authorizations.expire(a.patientId, a.authorizationId)) expired++;
      continue;
    }
    const kind = attentionFor(a, asOf, policy);
    if (!kind) continue;
    const item = authorizationWorkItem(a, kind, options.raisedBy ?? 'SweepAuthorizations', a.validThrough);
    const opened = await openWorkItem(deps.store, item, now);
    if (opened.status === 'opened') raised++;
  }
  return { asOf, examined: live.length, expired, raised };
}
