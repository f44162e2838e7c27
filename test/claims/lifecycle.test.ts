import { describe, expect, it } from 'vitest';
import { nextStatus, statusAfter } from '#functions/claims/index.ts';
import type { ClaimEvent } from '#schemas/claim-event.ts';
import { claimEventSchema } from '#schemas/claim-event.ts';

let n = 0;
const ev = (e: Record<string, unknown>): ClaimEvent =>
  claimEventSchema.parse({ eventId: `e${++n}`, claimId: 'CLM-1', at: '2026-03-01T00:00:00Z', ...e });
const created = ev({ type: 'created' });
const scrubbed = ev({ type: 'scrubbed', errorCount: 0, warningCount: 0 });
const submitted = ev({ type: 'submitted', interchangeControlNumber: '000000001' });
const accepted = ev({ type: 'acknowledged', source: '277CA', accepted: true });
const adjudicated = (paidCents: number, deniedLineCount = 0, claimStatusCode = '1', patientResponsibilityCents = 0) =>
  ev({
    type: 'adjudicated',
    remittanceId: 'R1',
    payerClaimControlNumber: 'ICN1',
    claimStatusCode,
    paidCents,
    patientResponsibilityCents,
    deniedLineCount,
  });

const amended = ev({ type: 'amended', changed: ['lines[1].modifiers'], amendedBy: 'biller-1', reason: 'wrong modifier' });
const correctedInPlace = (frequencyCode: '1' | '7') => ev({ type: 'corrected', workItemId: 'W1', frequencyCode });

describe('claim lifecycle', () => {
  it.each<[string, ClaimEvent[], string]>([
    ['clean claim paid in full', [created, scrubbed, submitted, accepted, adjudicated(10_000)], 'paid'],
    ['paid with one line denied', [created, scrubbed, submitted, accepted, adjudicated(10_000, 1)], 'partially-paid'],
    ['denied', [created, scrubbed, submitted, accepted, adjudicated(0, 2, '4')], 'denied'],
    ['paid nothing, nothing allowed: denied', [created, scrubbed, submitted, accepted, adjudicated(0, 1)], 'denied'],
    [
      'paid nothing because it all went to the deductible: processed, the patient owes it',
      [created, scrubbed, submitted, accepted, adjudicated(0, 0, '1', 12_000)],
      'paid',
    ],
    [
      'denied, appealed, won: waits for the new remittance',
      [
        created,
        scrubbed,
        submitted,
        accepted,
        adjudicated(0, 2, '4'),
        ev({ type: 'appealed', appealId: 'A1', level: 1 }),
        ev({ type: 'appeal-decided', appealId: 'A1', outcome: 'won', recoveredCents: 5_000 }),
      ],
      'accepted',
    ],
    [
      'payer reversal (CLP02 22) reopens a paid claim',
      [created, scrubbed, submitted, adjudicated(10_000), adjudicated(-10_000, 0, '22')],
      'accepted',
    ],
    [
      "won appeal: the payer's reprocessed 835 reverses the denial and pays",
      [
        created,
        scrubbed,
        submitted,
        accepted,
        adjudicated(0, 2, '4'),
        ev({ type: 'appealed', appealId: 'A1', level: 1 }),
        ev({ type: 'appeal-decided', appealId: 'A1', outcome: 'won', recoveredCents: 0 }),
        adjudicated(0, 0, '22'),
        adjudicated(10_000),
      ],
      'paid',
    ],
    [
      'the reprocessed 835 overtakes the appeal decision',
      [created, scrubbed, submitted, adjudicated(0, 2, '4'), ev({ type: 'appealed', appealId: 'A1', level: 1 }), adjudicated(0, 0, '22')],
      'accepted',
    ],
    [
      'rejected by the clearinghouse, re-scrubbed',
      [created, scrubbed, submitted, ev({ type: 'acknowledged', source: '999', accepted: false }), scrubbed],
      'scrubbed',
    ],
    ['scrub with errors keeps it in draft', [created, ev({ type: 'scrubbed', errorCount: 2, warningCount: 0 })], 'draft'],
    ['paid, then closed', [created, scrubbed, submitted, adjudicated(10_000), ev({ type: 'closed', reason: 'paid-in-full' })], 'closed'],
    [
      'partly denied, amended, corrected in place: scrubbed and submitted again as its own replacement',
      [created, scrubbed, submitted, accepted, adjudicated(10_000, 1), amended, correctedInPlace('7'), scrubbed, submitted],
      'submitted',
    ],
    [
      'the replacement is with the payer when the reversal of the number it replaces arrives: it waits for the new decision',
      [
        created,
        scrubbed,
        submitted,
        accepted,
        adjudicated(0, 2, '4'),
        correctedInPlace('7'),
        scrubbed,
        submitted,
        accepted,
        adjudicated(0, 0, '22'),
      ],
      'accepted',
    ],
    [
      'rejected at the front door, amended, sent again as frequency 1',
      [
        created,
        scrubbed,
        submitted,
        ev({ type: 'acknowledged', source: '277CA', accepted: false }),
        amended,
        correctedInPlace('1'),
        scrubbed,
      ],
      'scrubbed',
    ],
    ['an amendment keeps the status it finds', [created, scrubbed, submitted, accepted, adjudicated(0, 2, '4'), amended], 'denied'],
  ])('%s', (_name, events, status) => {
    expect(statusAfter(events)).toEqual({ ok: true, status });
  });

  it.each<[string, ClaimEvent[], string]>([
    ['submitting an unscrubbed claim', [created, submitted], 'submitted is not allowed while draft'],
    [
      'closing a claim still at the payer',
      [created, scrubbed, submitted, ev({ type: 'closed', reason: 'other' })],
      'closed is not allowed while submitted',
    ],
    [
      'appealing a claim that was never adjudicated',
      [created, scrubbed, submitted, ev({ type: 'appealed', appealId: 'A1', level: 1 })],
      'appealed is not allowed',
    ],
    ['amending a claim the payer has', [created, scrubbed, submitted, amended], 'amended is not allowed while submitted'],
    ['amending an accepted claim', [created, scrubbed, submitted, accepted, amended], 'amended is not allowed while accepted'],
    [
      'sending back a claim the payer has',
      [created, scrubbed, submitted, correctedInPlace('1')],
      'corrected is not allowed while submitted',
    ],
  ])('refuses %s', (_name, events, reason) => {
    const result = statusAfter(events);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('names only the claim id in its reasons', () => {
    const result = nextStatus('closed', submitted);
    expect(result).toEqual({ ok: false, reason: 'claim CLM-1: submitted is not allowed while closed' });
  });
});
