/** Builders for postings made by people rather than remittances: charges, patient payments, write-offs. */
import type { LedgerEntry, LedgerEntryKind, Posting } from '#schemas/ledger-entry.ts';
import { entryIdFor } from './posting-key.ts';

export interface EntryDraft {
  readonly kind: LedgerEntryKind;
  readonly splits: LedgerEntry['splits'];
  readonly claimId?: string;
  readonly reasonCode?: string;
  readonly memo?: string;
}

/** A posting whose entry ids are derived from its key (so a retry writes the same entries). */
export function makePosting(accountId: string, postingKey: string, postedAt: string, drafts: readonly EntryDraft[]): Posting {
  return {
    postingKey,
    accountId,
    entries: drafts.map((d, index) => ({
      entryId: entryIdFor(postingKey, index),
      accountId,
      postingKey,
      postedAt,
      kind: d.kind,
      splits: d.splits,
      ...(d.claimId ? { claimId: d.claimId } : {}),
      ...(d.reasonCode ? { reasonCode: d.reasonCode } : {}),
      ...(d.memo ? { memo: d.memo } : {}),
    })),
  };
}
