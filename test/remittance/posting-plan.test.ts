import { describe, expect, it } from 'vitest';
import { applyPosting, balancesByClaim, emptyLedger, makePosting, type Ledger } from '#functions/accounts/index.ts';
import { postingsForRemittanceClaim, UnpostableRemittanceError } from '#functions/remittance/posting-plan.ts';
import type { RemittanceClaim } from '#schemas/remittance.ts';

const at = '2026-04-10T12:00:00Z';

/** CLP*PCN-77*1*30000*17000*2500*12*ICN-555 with two SVC lines. */
const remitClaim: RemittanceClaim = {
  patientControlNumber: 'PCN-77',
  statusCode: '1',
  chargeCents: 30_000,
  paidCents: 17_000,
  patientResponsibilityCents: 2_500,
  payerClaimControlNumber: 'ICN-555',
  adjustments: [],
  remarks: [],
  lines: [
    {
      lineNumber: 1,
      procedureCode: '99214',
      modifiers: [],
      chargeCents: 20_000,
      paidCents: 11_000,
      adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 7_000 },
        { group: 'PR', reasonCode: '2', amountCents: 2_000 },
      ],
      remarks: [],
    },
    {
      lineNumber: 2,
      procedureCode: '36415',
      modifiers: [],
      chargeCents: 10_000,
      paidCents: 6_000,
      adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 3_500 },
        { group: 'PR', reasonCode: '3', amountCents: 500 },
      ],
      remarks: [],
    },
  ],
};

function charged(): Ledger {
  const o = applyPosting(
    emptyLedger('ACC-9'),
    makePosting('ACC-9', 'charge|CLM-9', at, [
      { kind: 'charge', claimId: 'CLM-9', splits: [{ responsibility: 'primary', amountCents: 30_000 }] },
    ]),
  );
  if (o.status !== 'posted') throw new Error('setup');
  return o.ledger;
}

describe('posting an 835 claim payment', () => {
  const input = {
    accountId: 'ACC-9',
    claimId: 'CLM-9',
    payerId: 'PAYER-1',
    traceNumber: 'EFT-0001',
    claim: remitClaim,
    payerResponsibility: 'primary' as const,
    patientResponsibilityTo: 'patient' as const,
    postedAt: at,
  };

  it('pays, adjusts and moves coinsurance/copay to the patient, line by line', () => {
    const { postings, held } = postingsForRemittanceClaim(input);
    expect(held).toEqual([]);
    expect(postings.map((p) => p.postingKey)).toEqual(['835|PAYER-1|EFT-0001|PCN-77|ICN-555|1', '835|PAYER-1|EFT-0001|PCN-77|ICN-555|2']);
    let ledger = charged();
    for (const p of postings) {
      const o = applyPosting(ledger, p);
      expect(o.status).toBe('posted');
      if (o.status === 'posted') ledger = o.ledger;
    }
    expect(ledger.balances).toEqual({ primary: 0, secondary: 0, tertiary: 0, patient: 2_500 });
    // posting the same file again changes nothing
    for (const p of postingsForRemittanceClaim(input).postings) expect(applyPosting(ledger, p).status).toBe('already-posted');
  });

  it('moves PR to the secondary insurer when the patient has secondary coverage', () => {
    let ledger = charged();
    for (const p of postingsForRemittanceClaim({ ...input, patientResponsibilityTo: 'secondary' }).postings) {
      const o = applyPosting(ledger, p);
      if (o.status === 'posted') ledger = o.ledger;
    }
    expect(ledger.balances).toEqual({ primary: 0, secondary: 2_500, tertiary: 0, patient: 0 });
  });

  it('refuses to post a CLP02 22 reversal as new money', () => {
    expect(() => postingsForRemittanceClaim({ ...input, claim: { ...remitClaim, statusCode: '22' } })).toThrow(UnpostableRemittanceError);
  });

  it('posts claim-level contractual adjustments under their own key', () => {
    const claim: RemittanceClaim = {
      ...remitClaim,
      lines: [],
      paidCents: 20_000,
      adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 10_000 }],
    };
    const { postings } = postingsForRemittanceClaim({ ...input, claim });
    expect(postings).toHaveLength(1);
    expect(postings[0]?.postingKey.endsWith('|claim')).toBe(true);
    expect(postings[0]?.entries.map((e) => [e.kind, e.reasonCode ?? null])).toEqual([
      ['insurance-payment', null],
      ['contractual-adjustment', 'CO-45'],
    ]);
  });

  it('leaves denials on the insurer balance for the work queue instead of writing them off', () => {
    const claim: RemittanceClaim = {
      ...remitClaim,
      lines: [
        remitClaim.lines[0]!,
        {
          lineNumber: 2,
          procedureCode: '36415',
          modifiers: [],
          chargeCents: 10_000,
          paidCents: 0,
          adjustments: [{ group: 'CO', reasonCode: '50', amountCents: 10_000 }],
          remarks: ['N115'],
        },
      ],
      adjustments: [{ group: 'OA', reasonCode: 'ZZ9', amountCents: 1 }],
    };
    const { postings, held } = postingsForRemittanceClaim({ ...input, claim });
    expect(held).toEqual([
      { line: 2, adjustment: { group: 'CO', reasonCode: '50', amountCents: 10_000 } },
      { line: 'claim', adjustment: { group: 'OA', reasonCode: 'ZZ9', amountCents: 1 } },
    ]);
    let ledger = charged();
    for (const p of postings) {
      const o = applyPosting(ledger, p);
      if (o.status === 'posted') ledger = o.ledger;
    }
    // 30,000 − 11,000 paid − 7,000 CO-45 − 2,000 moved to the patient = 10,000 still owed by the payer (under appeal)
    expect(ledger.balances).toEqual({ primary: 10_000, secondary: 0, tertiary: 0, patient: 2_000 });
    expect(balancesByClaim(ledger.entries)).toEqual(new Map([['CLM-9', { primary: 10_000, secondary: 0, tertiary: 0, patient: 2_000 }]]));
  });

  it('lets the caller decide which adjustments post (e.g. after a write-off decision)', () => {
    const claim: RemittanceClaim = {
      ...remitClaim,
      lines: [],
      paidCents: 0,
      adjustments: [{ group: 'CO', reasonCode: '29', amountCents: 30_000 }],
    };
    const { postings, held } = postingsForRemittanceClaim({ ...input, claim, isPostable: () => true });
    expect(held).toEqual([]);
    expect(postings[0]?.entries.map((e) => [e.kind, e.reasonCode])).toEqual([['contractual-adjustment', 'CO-29']]);
  });
});
