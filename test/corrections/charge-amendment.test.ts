/** The ledger's charge follows an amended claim's total, once, to the party the charge was billed to. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balancesByClaim, chargePosting, postingProblems } from '#functions/accounts/index.ts';
import { chargeAmendmentPosting, ledgerChargeOf } from '#functions/corrections/charge-amendment.ts';
import type { LedgerEntry } from '#schemas/ledger-entry.ts';

const claim = { claimId: 'CLM-1', accountId: 'ACC-1', totalChargeCents: 13_500 };
const AT = '2026-02-01T00:00:00Z';
const charged = (cents: number): LedgerEntry[] =>
  chargePosting({ accountId: 'ACC-1', claimId: 'CLM-1', amountCents: cents, to: 'primary', postedAt: AT }).entries;

describe('the charge follows the claim', () => {
  it('a lower total posts the difference off the insurer’s balance, keyed by the claim’s n-th charge change', () => {
    const posting = chargeAmendmentPosting(charged(13_500), { ...claim, totalChargeCents: 10_500 }, AT, 'AMD-1')!;
    expect(posting.postingKey).toBe('charge-amendment|CLM-1|1');
    expect(posting.entries[0]!.memo).toContain('AMD-1');
    const next = chargeAmendmentPosting([...charged(13_500), ...posting.entries], { ...claim, totalChargeCents: 11_000 }, AT)!;
    expect(next.postingKey).toBe('charge-amendment|CLM-1|2');
    expect(next.entries[0]!.splits).toEqual([{ responsibility: 'primary', amountCents: 500 }]);
    expect(posting.entries).toMatchObject([
      { kind: 'other-adjustment', reasonCode: 'AMEND-CHG', splits: [{ responsibility: 'primary', amountCents: -3_000 }] },
    ]);
    expect(postingProblems(posting)).toEqual([]);
  });

  it('nothing when the ledger already agrees, or when the claim was never charged', () => {
    expect(chargeAmendmentPosting(charged(13_500), claim, AT)).toBeNull();
    expect(chargeAmendmentPosting([], { ...claim, totalChargeCents: 1 }, AT)).toBeNull();
  });

  it('property: after any sequence of amendments, the ledger charge equals the last total, and posting again adds nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 8 }), (totals) => {
        let entries = charged(claim.totalChargeCents);
        totals.forEach((total) => {
          const posting = chargeAmendmentPosting(entries, { ...claim, totalChargeCents: total }, AT);
          if (posting) entries = [...entries, ...posting.entries];
        });
        const last = totals.at(-1)!;
        expect(ledgerChargeOf(entries, 'CLM-1').cents).toBe(last);
        expect(balancesByClaim(entries).get('CLM-1')?.primary).toBe(last);
        expect(chargeAmendmentPosting(entries, { ...claim, totalChargeCents: last }, AT)).toBeNull();
        const keys = entries.map((e) => e.postingKey);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });
});
