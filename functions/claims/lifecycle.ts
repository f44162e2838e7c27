/** Which claim events may move a claim from which status, and where they take it. */
import type { ClaimEvent } from '#schemas/claim-event.ts';
import type { ClaimStatus } from '#schemas/claim.ts';

export type TransitionResult = { readonly ok: true; readonly status: ClaimStatus } | { readonly ok: false; readonly reason: string };

const allow = (from: readonly ClaimStatus[], current: ClaimStatus, to: ClaimStatus, event: ClaimEvent): TransitionResult =>
  from.includes(current)
    ? { ok: true, status: to }
    : { ok: false, reason: `claim ${event.claimId}: ${event.type} is not allowed while ${current}` };

const adjudicable: readonly ClaimStatus[] = ['submitted', 'accepted', 'appealed', 'paid', 'partially-paid', 'denied'];
const settled: readonly ClaimStatus[] = ['paid', 'partially-paid', 'denied'];
/** Not with the payer: a person may still fix the claim (AmendClaim). */
export const amendableStatuses: readonly ClaimStatus[] = ['draft', 'scrubbed', 'rejected', ...settled, 'corrected'];

/** The status a claim moves to when the event happens, or why the event does not fit. */
export function nextStatus(current: ClaimStatus, event: ClaimEvent): TransitionResult {
  switch (event.type) {
    case 'created':
      return current === 'draft' ? { ok: true, status: 'draft' } : { ok: false, reason: `claim ${event.claimId}: already created` };
    case 'scrubbed':
      // A corrected claim is scrubbed again before it goes back to the payer.
      return allow(['draft', 'scrubbed', 'rejected', 'corrected'], current, event.errorCount === 0 ? 'scrubbed' : 'draft', event);
    case 'submitted':
      return allow(['scrubbed'], current, 'submitted', event);
    case 'acknowledged':
      return allow(['submitted', 'accepted'], current, event.accepted ? 'accepted' : 'rejected', event);
    case 'adjudicated': {
      // CLP02 22 reverses an earlier adjudication: the claim waits for the payer's new decision. A
      // replacement (frequency 7) is with the payer when the reversal of the claim it replaces arrives; a won
      // appeal's reprocessed 835 finds the claim accepted (or still appealed, if it overtook the decision).
      if (event.claimStatusCode === '22') return allow([...settled, 'submitted', 'accepted', 'appealed'], current, 'accepted', event);
      // Paid nothing because the patient owes it all (deductible) is a processed claim, not a denial.
      const nothingAllowed = event.paidCents === 0 && event.patientResponsibilityCents === 0;
      const to: ClaimStatus =
        event.claimStatusCode === '4' || nothingAllowed ? 'denied' : event.deniedLineCount > 0 ? 'partially-paid' : 'paid';
      return allow(adjudicable, current, to, event);
    }
    case 'status-answered':
      // What the payer said when asked is history; only its own files move the claim.
      return current === 'draft' ? { ok: false, reason: `claim ${event.claimId}: not submitted` } : { ok: true, status: current };
    case 'appealed':
      return allow([...settled, 'appealed'], current, 'appealed', event);
    case 'appeal-decided':
      // A won appeal is paid through a new remittance; until it arrives the claim is back in adjudication.
      return allow(['appealed'], current, event.outcome === 'won' ? 'accepted' : 'denied', event);
    case 'corrected':
      return allow([...settled, 'rejected'], current, 'corrected', event);
    case 'amended':
      // A person's fix is history; the status stays. Only while the payer does not have the claim.
      return allow(amendableStatuses, current, current, event);
    case 'voided':
      return allow(['submitted', 'accepted', 'rejected', ...settled], current, 'voided', event);
    case 'closed':
      return allow([...settled, 'voided', 'corrected'], current, 'closed', event);
  }
}

/** Replays a timeline from draft; stops at the first event that does not fit. */
export function statusAfter(events: readonly ClaimEvent[]): TransitionResult {
  let status: ClaimStatus = 'draft';
  for (const event of events) {
    const result = nextStatus(status, event);
    if (!result.ok) return result;
    status = result.status;
  }
  return { ok: true, status };
}
