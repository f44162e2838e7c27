/**
 * For any ledger (any kinds of entries, on the visit's claims, on other claims and on none, 835 line
 * postings for lines that exist and lines that do not, reversals of any of them), the statement's
 * amount due is the patient's balance on the visit's claims to the cent, every row obeys billed −
 * insurance paid − adjustments − patient paid = due, and the rows add up to the totals.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balancesOf } from '#functions/accounts/balances.ts';
import { remittancePostingKey } from '#functions/accounts/posting-key.ts';
import { makePosting } from '#functions/accounts/postings.ts';
import { buildReversal } from '#functions/accounts/ledger.ts';
import { buildStatement, type StatementFigures } from '#functions/statements/figures.ts';
import { ledgerEntryKind, type LedgerEntry, type LedgerEntryKind, type Posting } from '#schemas/ledger-entry.ts';
import { responsibility } from '#schemas/common.ts';
import { claim, coverage, line, patient, SECONDARY } from '#test/payers/exchange/fixtures.ts';

const pat = patient('PAT-7100');
const primary = claim('PCN-PR1', coverage(pat, 'STD71000'), [line('99213', 12_000), line('36415', 1_500), line('85025', 3_300)]);
const secondary = claim('PCN-PR1-S', coverage(pat, 'SEC71000', { payerId: SECONDARY.payerId, priority: 'secondary' }), primary.lines, {
  claimId: `${primary.claimId}-S`,
  priorClaimId: primary.claimId,
});
const chain = [primary, secondary];

// Every kind the ledger has except reversals, which the property makes of earlier entries.
const kinds = ledgerEntryKind.options.filter((kind): kind is Exclude<LedgerEntryKind, 'reversal'> => kind !== 'reversal');
const parties = responsibility.options;

const splitArb = fc.record({ responsibility: fc.constantFrom(...parties), amountCents: fc.integer({ min: -500_000, max: 500_000 }) });
const postingArb = fc.record({
  kind: fc.constantFrom(...kinds),
  splits: fc.array(splitArb, { minLength: 1, maxLength: 3 }),
  claimId: fc.constantFrom<string | undefined>(primary.claimId, secondary.claimId, 'CLM-OTHER', undefined),
  // An 835 line posting (lines 1-3 exist, 9 does not, "claim" is claim level) or a clerk's posting.
  line: fc.constantFrom<number | 'claim' | 'none'>(1, 2, 3, 9, 'claim', 'none'),
  reverse: fc.boolean(),
});

type Draft = typeof postingArb extends fc.Arbitrary<infer T> ? T : never;

function postingsOf(drafts: Draft[]): Posting[] {
  return drafts.flatMap((d, i) => {
    const postingKey =
      d.line === 'none'
        ? `clerk|${i}`
        : remittancePostingKey({
            payerId: 'P',
            traceNumber: `T${i}`,
            patientControlNumber: 'PCN',
            payerClaimControlNumber: 'ICN',
            line: d.line,
          });
    const posting = makePosting(primary.accountId, postingKey, '2026-01-20T10:00:00.000Z', [
      { kind: d.kind, splits: d.splits, ...(d.claimId ? { claimId: d.claimId } : {}) },
    ]);
    return d.reverse ? [posting, buildReversal(posting, '2026-01-21T10:00:00.000Z')] : [posting];
  });
}

const identity = (row: StatementFigures): number => row.billedCents - row.insurancePaidCents - row.adjustmentsCents - row.patientPaidCents;

describe('statement figures', () => {
  it('agree with the ledger to the cent, for any ledger', () => {
    fc.assert(
      fc.property(fc.array(postingArb, { maxLength: 25 }), (drafts) => {
        const entries: LedgerEntry[] = postingsOf(drafts).flatMap((p) => p.entries);
        const statement = buildStatement({
          statementId: 'PST-P',
          statementRequestId: 'STM-P',
          accountId: primary.accountId,
          statementDate: '2026-02-01',
          dueDate: '2026-03-03',
          chains: [chain],
          entries,
        });
        const onVisit = balancesOf(entries.filter((e) => e.claimId === primary.claimId || e.claimId === secondary.claimId));
        const [visit] = statement.visits;

        expect(statement.totals.amountDueCents).toBe(onVisit.patient);
        expect(statement.totals.pendingInsuranceCents).toBe(onVisit.primary + onVisit.secondary + onVisit.tertiary);
        for (const row of [...visit!.lines, visit!.otherActivity]) {
          expect(row.amountDueCents).toBe(identity(row));
          for (const value of Object.values(row)) if (typeof value === 'number') expect(Number.isSafeInteger(value)).toBe(true);
        }
        const rows = [...visit!.lines, visit!.otherActivity];
        const sum = (pick: (r: StatementFigures) => number) => rows.reduce((s, r) => s + pick(r), 0);
        expect(visit!.totals.billedCents).toBe(sum((r) => r.billedCents));
        expect(visit!.totals.insurancePaidCents).toBe(sum((r) => r.insurancePaidCents));
        expect(visit!.totals.adjustmentsCents).toBe(sum((r) => r.adjustmentsCents));
        expect(visit!.totals.patientPaidCents).toBe(sum((r) => r.patientPaidCents));
        expect(visit!.totals.amountDueCents).toBe(sum((r) => r.amountDueCents) - visit!.pendingInsuranceCents);
        // The lines bill what the claim's lines charge.
        expect(visit!.lines.map((l) => l.billedCents)).toEqual(primary.lines.map((l) => l.chargeCents));
      }),
      { numRuns: 300 },
    );
  });
});
