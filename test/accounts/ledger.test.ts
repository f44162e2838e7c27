import { describe, expect, it } from 'vitest';
import { applyPosting, balancesOf, buildReversal, emptyLedger, makePosting, totalBalance, type Ledger } from '#functions/accounts/index.ts';
import type { Posting } from '#schemas/ledger-entry.ts';

const at = '2026-03-02T15:00:00Z';

function post(ledger: Ledger, posting: Posting): Ledger {
  const outcome = applyPosting(ledger, posting);
  if (outcome.status !== 'posted') throw new Error(`expected posted, got ${JSON.stringify(outcome)}`);
  return outcome.ledger;
}

describe('a patient account through a typical episode', () => {
  it('charges, insurance pays with contractual and PR, patient pays: balances follow each step', () => {
    let ledger = emptyLedger('ACC-1');
    ledger = post(
      ledger,
      makePosting('ACC-1', 'charge|CLM-1', at, [
        { kind: 'charge', claimId: 'CLM-1', splits: [{ responsibility: 'primary', amountCents: 25_000 }] },
      ]),
    );
    expect(ledger.balances).toEqual({ primary: 25_000, secondary: 0, tertiary: 0, patient: 0 });

    ledger = post(
      ledger,
      makePosting('ACC-1', 'remit|T1|line1', at, [
        { kind: 'insurance-payment', splits: [{ responsibility: 'primary', amountCents: -12_000 }] },
        { kind: 'contractual-adjustment', reasonCode: 'CO-45', splits: [{ responsibility: 'primary', amountCents: -10_000 }] },
        {
          kind: 'transfer',
          reasonCode: 'PR-2',
          splits: [
            { responsibility: 'primary', amountCents: -3_000 },
            { responsibility: 'patient', amountCents: 3_000 },
          ],
        },
      ]),
    );
    expect(ledger.balances).toEqual({ primary: 0, secondary: 0, tertiary: 0, patient: 3_000 });

    ledger = post(
      ledger,
      makePosting('ACC-1', 'pp|receipt-9', at, [{ kind: 'patient-payment', splits: [{ responsibility: 'patient', amountCents: -3_500 }] }]),
    );
    expect(ledger.balances.patient).toBe(-500);
    ledger = post(
      ledger,
      makePosting('ACC-1', 'refund|R1', at, [{ kind: 'refund', splits: [{ responsibility: 'patient', amountCents: 500 }] }]),
    );
    expect(totalBalance(ledger.balances)).toBe(0);
    expect(balancesOf(ledger.entries)).toEqual(ledger.balances);
  });

  it('a replayed posting key is reported as already posted and changes nothing', () => {
    const charge = makePosting('ACC-1', 'charge|CLM-1', at, [
      { kind: 'charge', splits: [{ responsibility: 'primary', amountCents: 100 }] },
    ]);
    const ledger = post(emptyLedger('ACC-1'), charge);
    expect(applyPosting(ledger, charge)).toEqual({ status: 'already-posted', postingKey: 'charge|CLM-1' });
  });

  it('rejects malformed postings with messages that name entry ids only', () => {
    const ledger = emptyLedger('ACC-1');
    const cases: Posting[] = [
      makePosting('ACC-1', 'k1', at, [{ kind: 'charge', splits: [{ responsibility: 'primary', amountCents: -5 }] }]),
      makePosting('ACC-1', 'k2', at, [{ kind: 'insurance-payment', splits: [{ responsibility: 'patient', amountCents: -5 }] }]),
      makePosting('ACC-1', 'k3', at, [
        {
          kind: 'transfer',
          splits: [
            { responsibility: 'primary', amountCents: -5 },
            { responsibility: 'patient', amountCents: 4 },
          ],
        },
      ]),
      makePosting('ACC-1', 'k4', at, [{ kind: 'patient-payment', splits: [{ responsibility: 'patient', amountCents: 5 }] }]),
      makePosting('ACC-1', 'k5', at, [{ kind: 'write-off', splits: [{ responsibility: 'patient', amountCents: 0 }] }]),
      makePosting('ACC-1', 'k6', at, [{ kind: 'charge', splits: [{ responsibility: 'primary', amountCents: 10.5 }] }]),
      makePosting('ACC-2', 'k7', at, [{ kind: 'charge', splits: [{ responsibility: 'primary', amountCents: 10 }] }]),
    ];
    for (const posting of cases) {
      const outcome = applyPosting(ledger, posting);
      expect(outcome.status, posting.postingKey).toBe('rejected');
    }
  });

  it('a reversal cancels exactly once; reversing twice is rejected', () => {
    const original = makePosting('ACC-1', 'remit|T1|1', at, [
      { kind: 'charge', splits: [{ responsibility: 'primary', amountCents: 9_000 }] },
      { kind: 'insurance-payment', splits: [{ responsibility: 'primary', amountCents: -4_000 }] },
    ]);
    let ledger = post(emptyLedger('ACC-1'), original);
    const reversal = buildReversal(original, at);
    ledger = post(ledger, reversal);
    expect(totalBalance(ledger.balances)).toBe(0);
    expect(applyPosting(ledger, reversal).status).toBe('already-posted');
    const again = {
      ...reversal,
      postingKey: 'other',
      entries: reversal.entries.map((e) => ({ ...e, postingKey: 'other', entryId: `${e.entryId}x` })),
    };
    const outcome = applyPosting(ledger, again);
    expect(outcome.status).toBe('rejected');
    if (outcome.status === 'rejected') expect(outcome.problems.join(' ')).toMatch(/already reversed/);
  });

  it('a reversal that does not mirror the original is rejected', () => {
    const original = makePosting('ACC-1', 'p', at, [{ kind: 'charge', splits: [{ responsibility: 'primary', amountCents: 9_000 }] }]);
    const ledger = post(emptyLedger('ACC-1'), original);
    const reversal = buildReversal(original, at);
    const wrong = {
      ...reversal,
      entries: reversal.entries.map((e) => ({ ...e, splits: [{ responsibility: 'primary' as const, amountCents: -8_000 }] })),
    };
    expect(applyPosting(ledger, wrong).status).toBe('rejected');
  });
});
