/**
 * The account ledger as a value: append-only entries, the posting keys already used, and the
 * balances they imply. Posting returns a new ledger or a typed reason; nothing is mutated.
 */
import type { AccountBalances, LedgerEntry, Posting } from '#schemas/ledger-entry.ts';
import { MAX_POSTING_ENTRIES } from '#schemas/ledger-entry.ts';
import { addSplits, zeroBalances } from './balances.ts';
import { entryProblems } from './entry-rules.ts';
import { entryIdFor, reversalPostingKey } from './posting-key.ts';

export interface Ledger {
  readonly accountId: string;
  readonly entries: readonly LedgerEntry[];
  readonly postingKeys: ReadonlySet<string>;
  /** Entry ids that a reversal has already cancelled. */
  readonly reversedEntryIds: ReadonlySet<string>;
  readonly balances: AccountBalances;
}

export type PostingOutcome =
  | { readonly status: 'posted'; readonly ledger: Ledger }
  | { readonly status: 'already-posted'; readonly postingKey: string }
  | { readonly status: 'rejected'; readonly problems: readonly string[] };

/** An empty ledger for one account. */
export function emptyLedger(accountId: string): Ledger {
  return { accountId, entries: [], postingKeys: new Set(), reversedEntryIds: new Set(), balances: zeroBalances() };
}

/**
 * Checks a posting against the rules that need no history: one account, one key, well-formed
 * entries, unique entry ids. Shared by the in-memory ledger and the DynamoDB store.
 */
export function postingProblems(posting: Posting): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const entry of posting.entries) {
    if (entry.accountId !== posting.accountId) problems.push(`entry ${entry.entryId}: belongs to another account`);
    if (entry.postingKey !== posting.postingKey) problems.push(`entry ${entry.entryId}: carries a different posting key`);
    if (ids.has(entry.entryId)) problems.push(`entry ${entry.entryId}: appears twice`);
    ids.add(entry.entryId);
    problems.push(...entryProblems(entry));
  }
  if (posting.entries.length === 0) problems.push(`posting has no entries`);
  if (posting.entries.length > MAX_POSTING_ENTRIES) problems.push(`posting has more than ${MAX_POSTING_ENTRIES} entries`);
  return problems;
}

/** Checks that a reversal entry exactly cancels an entry that exists and is not yet reversed. */
function reversalProblems(entry: LedgerEntry, byId: ReadonlyMap<string, LedgerEntry>, reversed: ReadonlySet<string>): string[] {
  const target = entry.reversesEntryId ? byId.get(entry.reversesEntryId) : undefined;
  if (!target) return [`entry ${entry.entryId}: reverses an entry not on this account`];
  if (target.kind === 'reversal') return [`entry ${entry.entryId}: a reversal cannot itself be reversed; post a new entry`];
  if (reversed.has(target.entryId)) return [`entry ${entry.entryId}: entry ${target.entryId} is already reversed`];
  const expected = target.splits
    .map((s) => `${s.responsibility}:${-s.amountCents}`)
    .sort()
    .join(',');
  const actual = entry.splits
    .map((s) => `${s.responsibility}:${s.amountCents}`)
    .sort()
    .join(',');
  return expected === actual ? [] : [`entry ${entry.entryId}: does not exactly cancel entry ${target.entryId}`];
}

/**
 * Posts all entries of a posting or none. A posting key seen before is a no-op that says so
 * ("already-posted"), which is what makes a replayed remittance harmless.
 */
export function applyPosting(ledger: Ledger, posting: Posting): PostingOutcome {
  if (ledger.postingKeys.has(posting.postingKey)) return { status: 'already-posted', postingKey: posting.postingKey };
  const problems = postingProblems(posting);
  if (posting.accountId !== ledger.accountId) problems.push(`posting is for another account`);
  const byId = new Map(ledger.entries.map((e) => [e.entryId, e]));
  const reversed = new Set(ledger.reversedEntryIds);
  for (const entry of posting.entries) {
    if (byId.has(entry.entryId)) problems.push(`entry ${entry.entryId}: already on the ledger`);
    if (entry.kind === 'reversal') {
      const found = reversalProblems(entry, byId, reversed);
      problems.push(...found);
      if (found.length === 0 && entry.reversesEntryId) reversed.add(entry.reversesEntryId);
    }
  }
  if (problems.length > 0) return { status: 'rejected', problems };
  let balances = ledger.balances;
  for (const entry of posting.entries) balances = addSplits(balances, entry.splits);
  return {
    status: 'posted',
    ledger: {
      accountId: ledger.accountId,
      entries: [...ledger.entries, ...posting.entries],
      postingKeys: new Set([...ledger.postingKeys, posting.postingKey]),
      reversedEntryIds: reversed,
      balances,
    },
  };
}

/**
 * Builds the posting that cancels every entry of an earlier posting, one reversal entry each.
 * Its key is derived from the original's, so a posting can be reversed only once.
 */
export function buildReversal(original: Posting, postedAt: string, memo?: string): Posting {
  const postingKey = reversalPostingKey(original.postingKey);
  return {
    postingKey,
    accountId: original.accountId,
    entries: original.entries
      .filter((e) => e.kind !== 'reversal')
      .map((e, index) => ({
        entryId: entryIdFor(postingKey, index),
        accountId: original.accountId,
        kind: 'reversal' as const,
        postingKey,
        postedAt,
        splits: e.splits.map((s) => ({ responsibility: s.responsibility, amountCents: -s.amountCents })),
        reversesEntryId: e.entryId,
        ...(e.claimId ? { claimId: e.claimId } : {}),
        ...(memo ? { memo } : {}),
      })),
  };
}
