import { describe, expect, it } from 'vitest';
import { postingsForRemittanceClaim } from '#functions/remittance/posting-plan.ts';
import { latestAdjudication, priorRemittanceFromPostings } from '#functions/settlement/prior-adjudication.ts';
import type { RemittanceClaim } from '#schemas/remittance.ts';
import { claim, line, morganPrimary } from '#test/payers/exchange/fixtures.ts';

const visit = claim('PCN-PA1', morganPrimary, [line('99213', 9_000), line('36415', 1_500)]);
const remitted: RemittanceClaim = {
  patientControlNumber: 'PCN-PA1',
  statusCode: '1',
  chargeCents: 10_500,
  paidCents: 6_900,
  patientResponsibilityCents: 2_000,
  payerClaimControlNumber: 'ICN-PA1',
  adjustments: [],
  remarks: [],
  lines: [
    {
      lineNumber: 1,
      procedureCode: '99213',
      modifiers: [],
      chargeCents: 9_000,
      paidCents: 5_600,
      adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 1_400 },
        { group: 'PR', reasonCode: '2', amountCents: 2_000 },
      ],
      remarks: [],
    },
    {
      lineNumber: 2,
      procedureCode: '36415',
      modifiers: [],
      chargeCents: 1_500,
      paidCents: 1_300,
      adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 200 }],
      remarks: [],
    },
  ],
};
const plan = (r: RemittanceClaim) =>
  postingsForRemittanceClaim({
    accountId: visit.accountId,
    claimId: visit.claimId,
    payerId: visit.payerId,
    traceNumber: 'TRN-1',
    claim: r,
    payerResponsibility: 'primary',
    patientResponsibilityTo: 'secondary',
    postedAt: '2026-01-28T05:00:00Z',
  });

describe("the primary's adjudication, read back from what its 835 posted", () => {
  it('gives each line its payment and CAS adjustments, and the claim its paid total', () => {
    const read = priorRemittanceFromPostings(visit, plan(remitted).postings);
    expect(read.unbalancedLines).toEqual([]);
    expect(read.remittance.paidCents).toBe(6_900);
    expect(read.remittance.adjustments).toEqual([]);
    expect(read.remittance.lines.map((l) => [l.lineNumber, l.paidCents, l.adjustments])).toEqual([
      [1, 5_600, remitted.lines[0]!.adjustments],
      [2, 1_300, remitted.lines[1]!.adjustments],
    ]);
  });

  it('names a line whose denial was held for work (not posted), so nobody bills on half an adjudication', () => {
    const denied: RemittanceClaim = {
      ...remitted,
      paidCents: 5_600,
      lines: [
        remitted.lines[0]!,
        { ...remitted.lines[1]!, paidCents: 0, adjustments: [{ group: 'CO', reasonCode: '97', amountCents: 1_500 }] },
      ],
    };
    expect(priorRemittanceFromPostings(visit, plan(denied).postings).unbalancedLines).toEqual([2]);
  });

  it('an 835 claim without service lines goes to claim level only', () => {
    const claimOnly: RemittanceClaim = {
      ...remitted,
      lines: [],
      adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 1_600 },
        { group: 'PR', reasonCode: '2', amountCents: 2_000 },
      ],
    };
    const read = priorRemittanceFromPostings(visit, plan(claimOnly).postings);
    expect(read).toEqual({ remittance: { paidCents: 6_900, adjustments: claimOnly.adjustments, lines: [] }, unbalancedLines: [] });
  });
});

describe('which adjudication of a claim stands', () => {
  const at = (t: string) => `2026-02-0${t}T10:00:00.000Z`;
  const adjudicated = (eventId: string, remittanceId: string, number: string, code: '1' | '4' | '22', when: string) =>
    ({
      type: 'adjudicated',
      eventId,
      claimId: 'CLM-1',
      at: when,
      remittanceId,
      payerClaimControlNumber: number,
      claimStatusCode: code,
      paidCents: code === '22' ? -100 : 100,
      patientResponsibilityCents: 0,
      deniedLineCount: 0,
    }) as const;

  it("is the new one of an overturn's payment, whichever of its two events the timeline lists last", () => {
    const denial = adjudicated('E1', 'R1', 'X', '4', at('1'));
    const reversal = adjudicated('E3', 'R2', 'X', '22', at('5'));
    const again = adjudicated('E2', 'R2', 'Y', '1', at('5'));
    expect(latestAdjudication([denial, again, reversal])).toBe(again);
    expect(latestAdjudication([denial, reversal, again])).toBe(again);
  });

  it('is none when the only adjudication was reversed, and a later one under the same number stands', () => {
    const first = adjudicated('E1', 'R1', 'X', '1', at('1'));
    const reversal = adjudicated('E2', 'R2', 'X', '22', at('2'));
    expect(latestAdjudication([first, reversal])).toBeUndefined();
    const later = adjudicated('E3', 'R3', 'X', '1', at('3'));
    expect(latestAdjudication([first, reversal, later])).toBe(later);
  });
});
