/**
 * Stores a report book in a table the way the application stores it: claims as a bulk load of the claim
 * repository's own items (header, lines, created event), remittances and appeals through their
 * repositories, and the rest (events, ledger entries, work items with their decisions) as items under
 * the key scheme, written in batches, so a fixed set of past events can be written without replaying
 * every workflow that made them.
 */
import type { ReportBook } from '#functions/reports/book.ts';
import { batchPutItems, type Store } from '#functions/store/index.ts';
import { keys } from '#functions/store/keys.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Writes every record of the book. */
export async function seedBook(store: Store, doc: DynamoDBDocumentClient, tableName: string, book: ReportBook): Promise<void> {
  await store.bulk.load({ claims: book.claims.map((claim) => ({ claim, createdAt: claim.createdAt })) });
  for (const remittance of book.remittances) await store.remittances.save(remittance);
  for (const appeal of book.appeals) await store.claims.putAppeal(appeal);
  const items: Record<string, unknown>[] = [
    ...book.events.map((e) => ({ ...keys.claimEvent(e.claimId, e.at, e.eventId), itemType: 'ClaimEvent', ...e })),
    ...book.ledgerEntries.map((e) => ({ ...keys.entry(e.accountId, e.postedAt, e.entryId), itemType: 'LedgerEntry', ...e })),
    ...book.workItems.map(({ awaited: _awaited, ...w }) => ({ ...keys.workItem(w.workItemId), itemType: 'WorkItem', ...w })),
  ];
  await batchPutItems({ doc, tableName }, items);
}
