import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arAging, bucketOf } from '#functions/reports/aging.ts';
import { asOfCut, type ReportBook } from '#functions/reports/book.ts';
import { fixedBook } from './fixed-book.ts';

const responsibility = fc.constantFrom('primary', 'secondary', 'tertiary', 'patient');
const day = fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2025, 6, 1) + n * 86_400_000).toISOString().slice(0, 10));

/** Random ledgers over the fixed book's claims (and entries with no claim), posted on random days. */
const entries = fc.array(
  fc.record({
    claimN: fc.integer({ min: 0, max: 6 }), // 0 and 6: no claim / an unknown claim id
    postedOn: day,
    splits: fc.array(fc.record({ responsibility, amountCents: fc.integer({ min: -5_000_000, max: 5_000_000 }) }), {
      minLength: 1,
      maxLength: 2,
    }),
  }),
  { maxLength: 60 },
);

describe('A/R aging (property)', () => {
  it('the buckets of every row view add up to the open A/R to the cent, whatever the ledger', () => {
    fc.assert(
      fc.property(entries, day, (raw, asOf) => {
        const book: ReportBook = {
          ...fixedBook,
          asOf,
          ledgerEntries: raw.map((e, i) => ({
            entryId: `E${i}`,
            accountId: 'ACC-P',
            kind: 'other-adjustment' as const,
            postingKey: `p${i}`,
            postedAt: `${e.postedOn}T00:00:00.000Z`,
            splits: e.splits,
            ...(e.claimN === 0 ? {} : { claimId: `CLM-R${e.claimN}` }),
          })),
        };
        const aging = arAging(asOfCut(book));
        const open = book.ledgerEntries
          .filter((e) => e.postedAt.slice(0, 10) <= asOf)
          .flatMap((e) => e.splits)
          .reduce((s, x) => s + x.amountCents, 0);
        expect(aging.openArCents).toBe(open);
        expect(aging.total.bucketCents.reduce((s, c) => s + c, 0)).toBe(open);
        for (const view of [aging.byPayer, aging.byResponsibility]) {
          const bucketSums = [0, 1, 2, 3, 4].map((b) => view.reduce((s, row) => s + row.bucketCents[b]!, 0));
          expect(bucketSums).toEqual(aging.total.bucketCents);
          for (const row of view) expect(row.bucketCents.reduce((s, c) => s + c, 0)).toBe(row.totalCents);
        }
      }),
    );
  });

  it('bucket edges: 30 is current, 31 the next bucket, 120 the fourth, 121 over 120', () => {
    expect([0, 30, 31, 60, 61, 90, 91, 120, 121, -3].map(bucketOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 0]);
  });
});
