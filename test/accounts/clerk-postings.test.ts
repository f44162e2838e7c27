import { describe, expect, it } from 'vitest';
import {
  applyPosting,
  chargePosting,
  emptyLedger,
  patientPaymentPosting,
  refundPosting,
  totalBalance,
  transferPosting,
  writeOffPosting,
  type Ledger,
} from '#functions/accounts/index.ts';
import { postingsForRemittanceClaim } from '#functions/remittance/posting-plan.ts';
import type { Posting } from '#schemas/ledger-entry.ts';

const at = '2026-05-01T12:00:00Z';
function post(ledger: Ledger, posting: Posting): Ledger {
  const o = applyPosting(ledger, posting);
  if (o.status !== 'posted') throw new Error(`${posting.postingKey}: ${o.status}`);
  return o.ledger;
}

describe('a clerk works an account to zero', () => {
  it('denied line written off after a lost appeal; patient overpays and is refunded', () => {
    let ledger = post(
      emptyLedger('ACC-7'),
      chargePosting({ accountId: 'ACC-7', claimId: 'CLM-7', amountCents: 50_000, to: 'primary', postedAt: at }),
    );
    const { postings } = postingsForRemittanceClaim({
      accountId: 'ACC-7',
      claimId: 'CLM-7',
      payerId: 'P1',
      traceNumber: 'T7',
      payerResponsibility: 'primary',
      patientResponsibilityTo: 'secondary',
      postedAt: at,
      claim: {
        patientControlNumber: 'PCN-7',
        statusCode: '1',
        chargeCents: 50_000,
        paidCents: 20_000,
        patientResponsibilityCents: 5_000,
        payerClaimControlNumber: 'ICN-7',
        adjustments: [],
        remarks: [],
        lines: [
          {
            lineNumber: 1,
            procedureCode: '99285',
            modifiers: [],
            chargeCents: 40_000,
            paidCents: 20_000,
            adjustments: [
              { group: 'CO', reasonCode: '45', amountCents: 15_000 },
              { group: 'PR', reasonCode: '1', amountCents: 5_000 },
            ],
            remarks: [],
          },
          {
            lineNumber: 2,
            procedureCode: '70450',
            modifiers: [],
            chargeCents: 10_000,
            paidCents: 0,
            adjustments: [{ group: 'CO', reasonCode: '50', amountCents: 10_000 }],
            remarks: ['N386'],
          },
        ],
      },
    });
    for (const p of postings) ledger = post(ledger, p);
    expect(ledger.balances).toEqual({ primary: 10_000, secondary: 5_000, tertiary: 0, patient: 0 });

    // the secondary pays nothing (deductible not covered): move it to the patient
    ledger = post(
      ledger,
      transferPosting({
        accountId: 'ACC-7',
        decisionId: 'D-1',
        claimId: 'CLM-7',
        from: 'secondary',
        to: 'patient',
        amountCents: 5_000,
        postedAt: at,
        reasonCode: 'PR-1',
      }),
    );
    // the appeal of line 2 is lost: write it off
    ledger = post(
      ledger,
      writeOffPosting({
        accountId: 'ACC-7',
        decisionId: 'APL-7-lost',
        claimId: 'CLM-7',
        from: 'primary',
        amountCents: 10_000,
        postedAt: at,
        reasonCode: 'CO-50',
      }),
    );
    // the patient pays 60 dollars on a 50 dollar balance, then is refunded 10
    ledger = post(ledger, patientPaymentPosting({ accountId: 'ACC-7', receiptId: 'R-100', amountCents: 6_000, postedAt: at }));
    expect(ledger.balances.patient).toBe(-1_000);
    ledger = post(ledger, refundPosting({ accountId: 'ACC-7', refundId: 'RF-1', to: 'patient', amountCents: 1_000, postedAt: at }));
    expect(ledger.balances).toEqual({ primary: 0, secondary: 0, tertiary: 0, patient: 0 });
    expect(totalBalance(ledger.balances)).toBe(0);

    // a double-clicked receipt or a retried refund posts nothing
    expect(
      applyPosting(ledger, patientPaymentPosting({ accountId: 'ACC-7', receiptId: 'R-100', amountCents: 6_000, postedAt: at })).status,
    ).toBe('already-posted');
    expect(
      applyPosting(ledger, refundPosting({ accountId: 'ACC-7', refundId: 'RF-1', to: 'patient', amountCents: 1_000, postedAt: at })).status,
    ).toBe('already-posted');
  });
});
