/**
 * For any balanced 835 claim (as the engine reads it, converted by the production reader): the
 * ledger changes by exactly the sum of the postings, the insurer keeps exactly the held denials, the
 * patient gets exactly the PR amounts, and applying the same remittance twice posts nothing twice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPosting, chargePosting, emptyLedger, totalBalance, type Ledger } from '#functions/accounts/index.ts';
import { postingsForRemittanceClaim } from '#functions/remittance/posting-plan.ts';
import { remittanceClaimOf } from '#functions/payers/exchange/index.ts';
import type { Claim835, Service835 } from '#functions/x12/index.ts';

const at = '2026-02-01T12:00:00Z';

interface LineDraft {
  charge: number;
  contractual: number;
  pr: [number, number, number];
  denied: number;
  deniedReason: '50' | '96' | '197';
}

/** A service line that balances: paid = charge − CO-45 − PR − denial, never negative. */
const lineDraft: fc.Arbitrary<LineDraft> = fc
  .record({
    charge: fc.integer({ min: 1, max: 2_000_000 }),
    cut: fc.array(fc.nat({ max: 1_000 }), { minLength: 6, maxLength: 6 }),
    deniedReason: fc.constantFrom<'50' | '96' | '197'>('50', '96', '197'),
  })
  .map(({ charge, cut, deniedReason }) => {
    const total = cut.reduce((s, n) => s + n, 0) || 1;
    const share = (n: number) => Math.floor((charge * n) / total);
    const [c, p1, p2, p3, d] = [share(cut[0]!), share(cut[1]!), share(cut[2]!), share(cut[3]!), share(cut[4]!)];
    return { charge, contractual: c, pr: [p1, p2, p3] as [number, number, number], denied: d, deniedReason };
  });

function service(l: LineDraft, i: number): Service835 {
  const groups = [
    {
      groupCode: 'CO',
      adjustments: [
        { reasonCode: '45', amountCents: l.contractual },
        { reasonCode: l.deniedReason, amountCents: l.denied },
      ].filter((a) => a.amountCents > 0),
    },
    {
      groupCode: 'PR',
      adjustments: l.pr.map((amountCents, k) => ({ reasonCode: String(k + 1), amountCents })).filter((a) => a.amountCents > 0),
    },
  ].filter((g) => g.adjustments.length > 0);
  const paid = l.charge - l.contractual - l.denied - l.pr[0] - l.pr[1] - l.pr[2];
  return {
    procedure: { qualifier: 'HC', code: '99213' },
    chargeCents: l.charge,
    paymentCents: paid,
    adjustments: groups,
    references: [{ qualifier: '6R', value: String(i + 1) }],
  };
}

function claim835(lines: LineDraft[]): Claim835 {
  const services = lines.map(service);
  return {
    patientControlNumber: 'PCN-P1',
    statusCode: '1',
    claimFilingIndicator: '12',
    payerClaimControlNumber: 'ICN-P1',
    chargeCents: services.reduce((s, x) => s + x.chargeCents, 0),
    paymentCents: services.reduce((s, x) => s + x.paymentCents, 0),
    patientResponsibilityCents: lines.reduce((s, l) => s + l.pr[0] + l.pr[1] + l.pr[2], 0),
    patient: { entityType: '1', lastName: 'X' } as Claim835['patient'],
    services,
  };
}

function applyAll(
  ledger: Ledger,
  postings: ReturnType<typeof postingsForRemittanceClaim>['postings'],
): { ledger: Ledger; statuses: string[] } {
  const statuses: string[] = [];
  for (const p of postings) {
    const o = applyPosting(ledger, p);
    statuses.push(o.status);
    if (o.status === 'rejected') throw new Error(o.problems.join('; '));
    if (o.status === 'posted') ledger = o.ledger;
  }
  return { ledger, statuses };
}

describe('posting any balanced remittance claim', () => {
  it('moves the ledger by the sum of its postings, to the cent, and only once', () => {
    fc.assert(
      fc.property(fc.array(lineDraft, { minLength: 1, maxLength: 8 }), (lines) => {
        const c = claim835(lines);
        const charge = chargePosting({ accountId: 'ACC-P', claimId: 'CLM-P', amountCents: c.chargeCents, to: 'primary', postedAt: at });
        const charged = applyPosting(emptyLedger('ACC-P'), charge);
        if (charged.status !== 'posted') throw new Error('setup');
        const plan = postingsForRemittanceClaim({
          accountId: 'ACC-P',
          claimId: 'CLM-P',
          payerId: 'SBXCOMM01',
          traceNumber: 'TRN-P',
          claim: remittanceClaimOf(c),
          payerResponsibility: 'primary',
          patientResponsibilityTo: 'patient',
          postedAt: at,
        });
        const once = applyAll(charged.ledger, plan.postings);
        const splitsTotal = plan.postings
          .flatMap((p) => p.entries)
          .flatMap((e) => e.splits)
          .reduce((s, x) => s + x.amountCents, 0);
        expect(totalBalance(once.ledger.balances) - totalBalance(charged.ledger.balances)).toBe(splitsTotal);

        const held = plan.held.reduce((s, h) => s + h.adjustment.amountCents, 0);
        expect(held).toBe(lines.reduce((s, l) => s + l.denied, 0));
        expect(once.ledger.balances).toEqual({ primary: held, secondary: 0, tertiary: 0, patient: c.patientResponsibilityCents });
        // paid + contractual + patient responsibility + held = charges
        const contractual = lines.reduce((s, l) => s + l.contractual, 0);
        expect(c.paymentCents + contractual + (c.patientResponsibilityCents ?? 0) + held).toBe(c.chargeCents);

        const twice = applyAll(
          once.ledger,
          postingsForRemittanceClaim({
            accountId: 'ACC-P',
            claimId: 'CLM-P',
            payerId: 'SBXCOMM01',
            traceNumber: 'TRN-P',
            claim: remittanceClaimOf(c),
            payerResponsibility: 'primary',
            patientResponsibilityTo: 'patient',
            postedAt: '2026-02-09T08:00:00Z',
          }).postings,
        );
        expect(twice.statuses.every((s) => s === 'already-posted')).toBe(true);
        expect(twice.ledger).toBe(once.ledger);
      }),
      { numRuns: 200 },
    );
  });
});
