/**
 * The cashier's rules as properties: any sequence of patient payments and refunds (ids reused, amounts
 * repeated or changed, refunds larger than what was paid, some on a claim) keeps the ledger balanced,
 * posts each paymentId at most once, and never refunds more than the patient paid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPosting, balancesOf, chargePosting, emptyLedger, type Ledger } from '#functions/accounts/index.ts';
import {
  decidePatientPayment,
  patientPaymentTotals,
  paymentPostingKeys,
  type PatientPaymentInput,
} from '#functions/records/payment-rules.ts';

const ACCOUNT = 'ACC-PROP-1';
const CLAIMS = ['CLM-A', 'CLM-B'] as const;

const request: fc.Arbitrary<PatientPaymentInput> = fc.record(
  {
    paymentId: fc.constantFrom('R-1', 'R-2', 'R-3', 'R-4', 'R-5', 'R-6'),
    kind: fc.constantFrom<'payment' | 'refund'>('payment', 'payment', 'refund'),
    method: fc.constantFrom<'card' | 'cash' | 'check'>('card', 'cash', 'check'),
    amountCents: fc.oneof(fc.constantFrom(2_500, 10_000), fc.integer({ min: 1, max: 40_000 })),
    claimId: fc.constantFrom<string | undefined>(undefined, ...CLAIMS),
  },
  { requiredKeys: ['paymentId', 'kind', 'method', 'amountCents'] },
);

/** A ledger with both claims' charges on it, owed by the patient (self-pay), so payments have something to pay. */
function startingLedger(): Ledger {
  let ledger = emptyLedger(ACCOUNT);
  for (const claimId of CLAIMS) {
    const outcome = applyPosting(
      ledger,
      chargePosting({ accountId: ACCOUNT, claimId, amountCents: 30_000, to: 'patient', postedAt: '2026-01-10T09:00:00Z' }),
    );
    if (outcome.status !== 'posted') throw new Error('setup');
    ledger = outcome.ledger;
  }
  return ledger;
}

describe('patient payments and refunds (payment-rules)', () => {
  it('keep the ledger balanced, post each paymentId once and never refund more than was paid', () => {
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 25 }), (requests) => {
        let ledger = startingLedger();
        const accepted = new Map<string, PatientPaymentInput>();
        requests.forEach((input, i) => {
          const decision = decidePatientPayment(ACCOUNT, ledger.entries, input, `2026-02-01T09:00:${String(i).padStart(2, '0')}Z`);
          const first = accepted.get(input.paymentId);
          if (first) {
            // A paymentId seen before: the same request is a duplicate, anything else a conflict; nothing posts.
            const same = first.kind === input.kind && first.amountCents === input.amountCents && first.claimId === input.claimId;
            expect(decision.status).toBe(same ? 'duplicate' : 'conflict');
            return;
          }
          if (decision.status === 'refund-too-large') {
            const left = (claimId?: string) => {
              const { paidCents, refundedCents } = patientPaymentTotals(ledger.entries, claimId);
              return paidCents - refundedCents;
            };
            expect(input.amountCents).toBeGreaterThan(Math.min(left(), input.claimId ? left(input.claimId) : Infinity));
            return;
          }
          expect(decision.status).toBe('post');
          if (decision.status !== 'post') return;
          const outcome = applyPosting(ledger, decision.posting);
          expect(outcome.status).toBe('posted');
          if (outcome.status === 'posted') ledger = outcome.ledger;
          accepted.set(input.paymentId, input);
        });

        // Balanced: the running balances are the sum of the entries, in integer cents.
        expect(ledger.balances).toEqual(balancesOf(ledger.entries));
        expect(Object.values(ledger.balances).every(Number.isSafeInteger)).toBe(true);
        // Each accepted paymentId posted exactly one entry, under one of its two keys.
        for (const id of new Set(requests.map((r) => r.paymentId))) {
          const keys = paymentPostingKeys(ACCOUNT, id);
          const posted = ledger.entries.filter((e) => e.postingKey === keys.payment || e.postingKey === keys.refund);
          expect(posted).toHaveLength(accepted.has(id) ? 1 : 0);
        }
        // Never more refunded than paid, on the account and on each claim.
        for (const claimId of [undefined, ...CLAIMS]) {
          const { paidCents, refundedCents } = patientPaymentTotals(ledger.entries, claimId);
          expect(refundedCents).toBeLessThanOrEqual(paidCents);
        }
        // The patient's balance moved by exactly the payments less the refunds.
        const net = [...accepted.values()].reduce((sum, r) => sum + (r.kind === 'payment' ? -r.amountCents : r.amountCents), 0);
        expect(ledger.balances.patient).toBe(60_000 + net);
      }),
      { numRuns: 1000 },
    );
  });

  it('a refund on a claim stays within what the account has left to refund (found by the property above)', () => {
    let ledger = startingLedger();
    const post = (input: PatientPaymentInput) => {
      const decision = decidePatientPayment(ACCOUNT, ledger.entries, input, '2026-02-01T09:00:00Z');
      if (decision.status !== 'post') return decision.status;
      const outcome = applyPosting(ledger, decision.posting);
      if (outcome.status === 'posted') ledger = outcome.ledger;
      return outcome.status;
    };
    expect(post({ paymentId: 'R-1', kind: 'payment', method: 'card', amountCents: 5_000, claimId: 'CLM-A' })).toBe('posted');
    // Refunded at the account level: nothing is left to refund, though the claim's own refunds are zero.
    expect(post({ paymentId: 'R-2', kind: 'refund', method: 'card', amountCents: 5_000 })).toBe('posted');
    expect(post({ paymentId: 'R-3', kind: 'refund', method: 'card', amountCents: 5_000, claimId: 'CLM-A' })).toBe('refund-too-large');
  });
});
