import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPosting,
  balancesOf,
  buildReversal,
  emptyLedger,
  makePosting,
  type EntryDraft,
  type Ledger,
} from '#functions/accounts/index.ts';
import type { Responsibility } from '#schemas/common.ts';
import type { Posting } from '#schemas/ledger-entry.ts';

const at = '2026-01-15T10:00:00Z';
const accounts = ['ACC-A', 'ACC-B'] as const;
const insurer = fc.constantFrom<Exclude<Responsibility, 'patient'>>('primary', 'secondary', 'tertiary');
const party = fc.constantFrom<Responsibility>('primary', 'secondary', 'tertiary', 'patient');
const amount = fc.integer({ min: 1, max: 5_000_000 });

/** One well-formed entry of any kind except reversal. */
const draft: fc.Arbitrary<EntryDraft> = fc.oneof(
  fc.record({ r: party, a: amount }).map(({ r, a }) => ({ kind: 'charge' as const, splits: [{ responsibility: r, amountCents: a }] })),
  fc
    .record({ r: insurer, a: amount })
    .map(({ r, a }) => ({ kind: 'insurance-payment' as const, splits: [{ responsibility: r, amountCents: -a }] })),
  amount.map((a) => ({ kind: 'patient-payment' as const, splits: [{ responsibility: 'patient' as const, amountCents: -a }] })),
  fc
    .record({ r: insurer, a: amount })
    .map(({ r, a }) => ({ kind: 'contractual-adjustment' as const, splits: [{ responsibility: r, amountCents: -a }] })),
  fc
    .record({ r: party, a: fc.integer({ min: -50_000, max: 50_000 }).filter((n) => n !== 0) })
    .map(({ r, a }) => ({ kind: 'other-adjustment' as const, splits: [{ responsibility: r, amountCents: a }] })),
  fc.record({ r: party, a: amount }).map(({ r, a }) => ({ kind: 'write-off' as const, splits: [{ responsibility: r, amountCents: -a }] })),
  fc.record({ r: party, a: amount }).map(({ r, a }) => ({ kind: 'refund' as const, splits: [{ responsibility: r, amountCents: a }] })),
  fc
    .record({ from: party, to: party, a: amount })
    .filter(({ from, to }) => from !== to)
    .map(({ from, to, a }) => ({
      kind: 'transfer' as const,
      splits: [
        { responsibility: from, amountCents: -a },
        { responsibility: to, amountCents: a },
      ],
    })),
);

/** A step: post under a key drawn from a small pool (so replays happen), or reverse an earlier posting. */
type Step =
  | { readonly op: 'post'; readonly account: number; readonly key: number; readonly drafts: EntryDraft[] }
  | { readonly op: 'reverse'; readonly pick: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('post' as const),
      account: fc.integer({ min: 0, max: 1 }),
      key: fc.integer({ min: 0, max: 12 }),
      drafts: fc.array(draft, { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reverse' as const), pick: fc.nat() }) },
);

interface World {
  ledgers: Map<string, Ledger>;
  posted: Posting[];
  replays: number;
}

function run(steps: readonly Step[]): World {
  const world: World = { ledgers: new Map(accounts.map((a) => [a, emptyLedger(a)])), posted: [], replays: 0 };
  for (const s of steps) {
    let posting: Posting;
    if (s.op === 'post') {
      const accountId = accounts[s.account] ?? 'ACC-A';
      // The key is unique system-wide; a reused key replays whatever was posted first under it.
      const key = `835|PAYER|TRN-${s.key}|line`;
      const earlier = world.posted.find((p) => p.postingKey === key);
      posting = earlier ?? makePosting(accountId, key, at, s.drafts);
    } else {
      const originals = world.posted.filter((p) => !p.postingKey.startsWith('reversal|'));
      const target = originals[s.pick % Math.max(originals.length, 1)];
      if (!target) continue;
      posting = buildReversal(target, at);
    }
    const ledger = world.ledgers.get(posting.accountId) ?? emptyLedger(posting.accountId);
    const outcome = applyPosting(ledger, posting);
    if (outcome.status === 'rejected') throw new Error(outcome.problems.join('; '));
    if (outcome.status === 'already-posted') world.replays += 1;
    else {
      world.ledgers.set(posting.accountId, outcome.ledger);
      world.posted.push(posting);
    }
  }
  return world;
}

describe('ledger invariants (fast-check)', () => {
  it('every account balance equals the sum of its entries, whatever the sequence of postings, reversals and replays', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const world = run(steps);
        for (const ledger of world.ledgers.values()) {
          // summed here independently of the ledger's own arithmetic
          const sums = { primary: 0, secondary: 0, tertiary: 0, patient: 0 };
          for (const entry of ledger.entries) for (const split of entry.splits) sums[split.responsibility] += split.amountCents;
          expect(ledger.balances).toEqual(sums);
          expect(balancesOf(ledger.entries)).toEqual(sums);
          for (const entry of ledger.entries) expect(entry.accountId).toBe(ledger.accountId);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never posts the same posting key (remittance line) twice', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const world = run(steps);
        const all = [...world.ledgers.values()].flatMap((l) => l.entries);
        const keysPerPosting = new Map<string, number>();
        for (const p of world.posted) keysPerPosting.set(p.postingKey, (keysPerPosting.get(p.postingKey) ?? 0) + 1);
        for (const count of keysPerPosting.values()) expect(count).toBe(1);
        // every entry on the books belongs to exactly one accepted posting, with no duplicated ids
        expect(new Set(all.map((e) => e.entryId)).size).toBe(all.length);
        expect(all.length).toBe(world.posted.reduce((n, p) => n + p.entries.length, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('a reversal followed by the corrected posting equals posting the correction alone', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(draft, { minLength: 1, maxLength: 3 }), { maxLength: 5 }),
        fc.array(draft, { minLength: 1, maxLength: 4 }),
        fc.array(draft, { minLength: 1, maxLength: 4 }),
        (history, wrong, correction) => {
          const must = (l: Ledger, p: Posting): Ledger => {
            const o = applyPosting(l, p);
            if (o.status !== 'posted') throw new Error(o.status);
            return o.ledger;
          };
          let base = emptyLedger('ACC-A');
          history.forEach((drafts, i) => {
            base = must(base, makePosting('ACC-A', `h${i}`, at, drafts));
          });
          const wrongPosting = makePosting('ACC-A', '835|P|TRN-1|CLM|ICN|1', at, wrong);
          const correctionPosting = makePosting('ACC-A', '835|P|TRN-2|CLM|ICN|1', at, correction);
          const corrected = must(must(must(base, wrongPosting), buildReversal(wrongPosting, at)), correctionPosting);
          const direct = must(base, correctionPosting);
          expect(corrected.balances).toEqual(direct.balances);
        },
      ),
      { numRuns: 300 },
    );
  });
});
