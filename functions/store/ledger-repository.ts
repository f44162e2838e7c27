/**
 * Account ledgers in DynamoDB. A posting is one TransactWriteItems: a posting marker that may
 * exist only once (idempotency), the entries, and the account summary guarded by its version
 * (optimistic concurrency). A lost race re-reads the summary and tries again.
 */
import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from './claim-repository.ts';
import { addSplits, zeroBalances } from '#functions/accounts/balances.ts';
import { buildReversal, postingProblems } from '#functions/accounts/ledger.ts';
import {
  accountBalancesSchema,
  ledgerEntrySchema,
  postingSchema,
  type AccountBalances,
  type LedgerEntry,
  type Posting,
} from '#schemas/ledger-entry.ts';
import { indexKeys, indexPartitions, keys, withoutKeys } from './keys.ts';
import { queryAll } from './query.ts';
import { additiveUpdateItem, transactionGroups, type AdditiveUpdate } from './transaction-groups.ts';
import { backoff, isConflict, StoredItemError, type TableContext, capacityOf } from './table.ts';
import { AppError } from '#functions/errors/index.ts';

export type StorePostingOutcome =
  | {
      readonly status: 'posted';
      readonly postingKey: string;
      readonly version: number;
      readonly balances: AccountBalances;
      readonly attempts: number;
    }
  | { readonly status: 'already-posted'; readonly postingKey: string };

export interface AccountLedger {
  readonly accountId: string;
  readonly version: number;
  readonly balances: AccountBalances;
  /** Entries in posting-time order. */
  readonly entries: readonly LedgerEntry[];
}

/** A posting that breaks a ledger rule (bad sign, wrong account...). Not retried. */
export class LedgerRuleError extends AppError {
  override readonly name = 'LedgerRuleError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`posting rejected: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

/** The posting to reverse does not exist (or is itself a reversal). */
export class PostingNotFoundError extends AppError {
  override readonly name = 'PostingNotFoundError';
}

export interface LedgerRepositoryOptions {
  /** How many times a posting may lose the version race before giving up. */
  readonly maxAttempts?: number;
}

interface AccountSummary {
  readonly version: number;
  readonly balances: AccountBalances;
}

/** A posting's stored items: its marker (the idempotency key, with the payer claim number index) and its entries. */
export function postingItems(posting: Posting): Record<string, unknown>[] {
  return [
    {
      ...keys.posting(posting.postingKey),
      itemType: 'Posting',
      ...posting,
      ...(posting.remittance
        ? indexKeys.postingByPayerClaimNumber(posting.remittance.payerId, posting.remittance.payerClaimControlNumber, posting.postingKey)
        : {}),
    },
    ...posting.entries.map((entry) => ({
      ...keys.entry(entry.accountId, entry.postedAt, entry.entryId),
      itemType: 'LedgerEntry',
      ...entry,
    })),
  ];
}

/** An account's stored summary: its balances, the version (postings so far) and the last posting's key. */
export function accountSummaryItem(
  accountId: string,
  balances: AccountBalances,
  version: number,
  lastPostingKey: string,
): Record<string, unknown> {
  return { ...keys.account(accountId), itemType: 'Account', accountId, balances, version, lastPostingKey };
}

/** Creates the ledger repository over a document client and table name. */
export function ledgerRepository(ctx: TableContext, options: LedgerRepositoryOptions = {}) {
  const maxAttempts = options.maxAttempts ?? 60;
  const groups = transactionGroups(ctx);

  async function readSummary(accountId: string): Promise<AccountSummary | null> {
    const out = await ctx.doc.send(
      new GetCommand({ TableName: ctx.tableName, Key: keys.account(accountId), ConsistentRead: true, ...capacityOf(ctx) }),
    );
    ctx.meter?.record('ledger.readSummary', out.ConsumedCapacity);
    if (!out.Item) return null;
    return { version: Number(out.Item.version), balances: accountBalancesSchema.parse(out.Item.balances) };
  }

  function transaction(posting: Posting, summary: AccountSummary | null) {
    const balances = posting.entries.reduce((b, e) => addSplits(b, e.splits), summary?.balances ?? zeroBalances());
    const version = (summary?.version ?? 0) + 1;
    const accountKey = keys.account(posting.accountId);
    const accountWrite = summary
      ? {
          Update: {
            TableName: ctx.tableName,
            Key: accountKey,
            UpdateExpression: 'SET balances = :b, version = :next, lastPostingKey = :k',
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':b': balances, ':next': version, ':expected': summary.version, ':k': posting.postingKey },
          },
        }
      : {
          Put: {
            TableName: ctx.tableName,
            Item: accountSummaryItem(posting.accountId, balances, version, posting.postingKey),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        };
    const [marker, ...entries] = markerAndEntries(posting);
    // Index 0 is the idempotency marker: its failure alone means "already posted"; 2.. are the entries.
    return { balances, version, items: [marker!, accountWrite, ...entries] };
  }

  /** The posting's marker (put only if absent: the idempotency key) and its entries (each put only if absent). */
  function markerAndEntries(posting: Posting): TransactItem[] {
    return postingItems(posting).map((Item) => ({
      Put: { TableName: ctx.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
    }));
  }

  const failed = (reason: CancellationReason | undefined) => reason?.Code !== undefined && reason.Code !== 'None';

  /**
   * Posts every entry of the posting, or nothing. A posting key already on file returns
   * "already-posted" without writing; a lost version race is retried with back-off.
   */
  async function post(posting: Posting): Promise<StorePostingOutcome> {
    if (posting.entries.some((e) => e.kind === 'reversal')) {
      throw new LedgerRuleError([`account ${posting.accountId}: reversals are posted with reverse(), which reads the original entries`]);
    }
    return write(posting);
  }

  /** The transactional write shared by post() and reverse(); reversals arrive here only from buildReversal. */
  async function write(posting: Posting): Promise<StorePostingOutcome> {
    const parsed = postingSchema.parse(posting);
    const problems = postingProblems(parsed);
    if (problems.length > 0) throw new LedgerRuleError(problems);
    for (let attempt = 1; ; attempt += 1) {
      const summary = await readSummary(parsed.accountId);
      const tx = transaction(parsed, summary);
      try {
        const out = await ctx.doc.send(new TransactWriteCommand({ TransactItems: tx.items, ...capacityOf(ctx) }));
        ctx.meter?.record('ledger.post', out.ConsumedCapacity);
        return { status: 'posted', postingKey: parsed.postingKey, version: tx.version, balances: tx.balances, attempts: attempt };
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          const reasons = error.CancellationReasons ?? [];
          if (reasons[0]?.Code === 'ConditionalCheckFailed') return { status: 'already-posted', postingKey: parsed.postingKey };
          const entryCollision = reasons.slice(2).some((r) => r.Code === 'ConditionalCheckFailed');
          if (entryCollision) throw new LedgerRuleError([`an entry id of posting on account ${parsed.accountId} is already on the ledger`]);
          if (!reasons.some(failed) && reasons.length > 0) throw error;
        } else if (!isConflict(error)) {
          throw error;
        }
        if (attempt >= maxAttempts)
          throw new Error(`account ${parsed.accountId}: gave up after ${attempt} concurrent-update conflicts`, { cause: error });
        await backoff(attempt);
      }
    }
  }

  /**
   * Posts only while the account is at `expectedVersion`, the version the caller read and checked a rule
   * against (a refund against what was paid): `stale`, writing nothing, when another posting came
   * between, so the caller reads again and checks again. Version 0 is an account with no posting yet.
   */
  async function postAtVersion(posting: Posting, expectedVersion: number): Promise<StorePostingOutcome | { readonly status: 'stale' }> {
    const parsed = postingSchema.parse(posting);
    if (parsed.entries.some((e) => e.kind === 'reversal')) throw new LedgerRuleError([`account ${parsed.accountId}: use reverse()`]);
    const problems = postingProblems(parsed);
    if (problems.length > 0) throw new LedgerRuleError(problems);
    const summary = await readSummary(parsed.accountId);
    if ((summary?.version ?? 0) !== expectedVersion) return { status: 'stale' };
    const tx = transaction(parsed, summary);
    try {
      const out = await ctx.doc.send(new TransactWriteCommand({ TransactItems: tx.items, ...capacityOf(ctx) }));
      ctx.meter?.record('ledger.post', out.ConsumedCapacity);
      return { status: 'posted', postingKey: parsed.postingKey, version: tx.version, balances: tx.balances, attempts: 1 };
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return { status: 'already-posted', postingKey: parsed.postingKey };
        if (reasons.slice(2).some((r) => r.Code === 'ConditionalCheckFailed'))
          throw new LedgerRuleError([`an entry id of posting on account ${parsed.accountId} is already on the ledger`]);
        if (reasons.some(failed)) return { status: 'stale' };
        throw error;
      }
      if (isConflict(error)) return { status: 'stale' };
      throw error;
    }
  }

  /**
   * Posts postings of one account together with the caller's own writes (e.g. the claim's adjudication
   * event, see `ClaimRepository.eventWrites`) in one TransactWriteItems, without reading the account
   * first: the summary's balances and version are added to in place (so postings of one account do
   * not race on a version they read), and it must exist. All or nothing: `written`, or `not-written`
   * when any condition failed or the transaction met another (a posting already on file, a stale
   * claim, an account with no summary yet, a conflict); the caller then posts step by step, which
   * tells those apart. More than 100 items in all is `not-written` without a call. Clean postings of
   * other claims written at the same moment may share the transaction (those of this account then add
   * to its summary in one update); each still gets its own verdict.
   */
  async function postWith(postings: readonly Posting[], also: readonly TransactItem[]): Promise<'written' | 'not-written'> {
    // Other claims' clean postings arriving at the same time share the transaction, and those of the
    // same account share one update of its summary (transaction-groups.ts).
    const { items, summary } = postingParts(postings, also);
    return groups.write(items, 'ledger.postWith', summary);
  }

  /** The items {@link postWith} writes, all or nothing, for these postings with the caller's own writes (pure). */
  function postingWrites(postings: readonly Posting[], also: readonly TransactItem[]): TransactItem[] {
    const { items, summary } = postingParts(postings, also);
    return [...items, additiveUpdateItem(summary)];
  }

  /** The postings' markers and entries with the caller's items, and the addition to the account's summary. */
  function postingParts(postings: readonly Posting[], also: readonly TransactItem[]): { items: TransactItem[]; summary: AdditiveUpdate } {
    const parsed = postings.map((p) => postingSchema.parse(p));
    const accountId = parsed[0]?.accountId;
    if (!accountId || parsed.some((p) => p.accountId !== accountId)) throw new Error('postWith: postings of one account');
    for (const p of parsed) {
      if (p.entries.some((e) => e.kind === 'reversal')) throw new LedgerRuleError([`account ${accountId}: use reverse()`]);
      const problems = postingProblems(p);
      if (problems.length > 0) throw new LedgerRuleError(problems);
    }
    const delta = parsed.flatMap((p) => p.entries).reduce((b, e) => addSplits(b, e.splits), zeroBalances());
    const summary: AdditiveUpdate = {
      tableName: ctx.tableName,
      key: keys.account(accountId),
      add: { ...Object.fromEntries(Object.entries(delta).map(([r, cents]) => [`balances.${r}`, cents])), version: parsed.length },
      set: { lastPostingKey: parsed.at(-1)!.postingKey },
      condition: 'attribute_exists(balances)',
    };
    return { items: [...parsed.flatMap(markerAndEntries), ...also], summary };
  }

  /** The posting as it was recorded, or null. */
  async function getPosting(postingKey: string): Promise<Posting | null> {
    const out = await ctx.doc.send(new GetCommand({ TableName: ctx.tableName, Key: keys.posting(postingKey), ...capacityOf(ctx) }));
    ctx.meter?.record('ledger.getPosting', out.ConsumedCapacity);
    if (!out.Item) return null;
    const parsed = postingSchema.safeParse(withoutKeys(out.Item));
    if (!parsed.success) throw new StoredItemError(`posting marker for account ${String(out.Item.accountId)} fails its contract`);
    return parsed.data;
  }

  /**
   * Reverses every entry of an earlier posting. The reversal's key is derived from the original's,
   * so reversing twice (or replaying the reversal) is "already-posted".
   */
  async function reverse(originalPostingKey: string, postedAt: string, memo?: string): Promise<StorePostingOutcome> {
    const original = await getPosting(originalPostingKey);
    if (!original) throw new PostingNotFoundError('no posting with that key is on file');
    if (original.entries.every((e) => e.kind === 'reversal')) {
      throw new PostingNotFoundError(`posting on account ${original.accountId} is itself a reversal; post a new entry instead`);
    }
    return write(buildReversal(original, postedAt, memo));
  }

  /** Every 835 posting made for one payer claim number (CLP07), from the gsi2 index. */
  async function listRemittancePostings(payerId: string, payerClaimControlNumber: string): Promise<Posting[]> {
    const items = await queryAll(ctx, 'ledger.listRemittancePostings', {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.postingsOfPayerClaim(payerId, payerClaimControlNumber) },
    });
    return items.map((item) => {
      const parsed = postingSchema.safeParse(withoutKeys(item));
      if (!parsed.success) throw new StoredItemError(`posting marker for payer claim ${payerClaimControlNumber} fails its contract`);
      return parsed.data;
    });
  }

  /**
   * Handles an 835 CLP02 22 (the payer reverses its earlier adjudication of a claim): reverses
   * every posting made from that payer claim number that is not yet reversed. Replays are no-ops.
   * Index reads are eventually consistent: a reversal arriving within a second of the original
   * posting could miss it (remittances are days apart in practice).
   */
  async function reversePayerClaim(payerId: string, payerClaimControlNumber: string, postedAt: string): Promise<StorePostingOutcome[]> {
    const postings = await listRemittancePostings(payerId, payerClaimControlNumber);
    const outcomes: StorePostingOutcome[] = [];
    for (const original of postings)
      outcomes.push(await write(buildReversal(original, postedAt, `CLP02 22 reversal of payer claim ${payerClaimControlNumber}`)));
    return outcomes;
  }

  /** The account's balances, version and entries in time order, in one Query. */
  async function getLedger(accountId: string): Promise<AccountLedger> {
    const entries: LedgerEntry[] = [];
    let summary: AccountSummary | null = null;
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await ctx.doc.send(
        new QueryCommand({
          TableName: ctx.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.account(accountId).pk },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
          ...capacityOf(ctx),
        }),
      );
      ctx.meter?.record('ledger.getLedger', out.ConsumedCapacity);
      for (const item of out.Items ?? []) {
        if (item.sk === '#ACCOUNT') summary = { version: Number(item.version), balances: accountBalancesSchema.parse(item.balances) };
        else {
          const parsed = ledgerEntrySchema.safeParse(withoutKeys(item));
          if (!parsed.success) throw new StoredItemError(`ledger entry on account ${accountId} fails its contract`);
          entries.push(parsed.data);
        }
      }
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return { accountId, version: summary?.version ?? 0, balances: summary?.balances ?? zeroBalances(), entries };
  }

  return { post, postAtVersion, postWith, postingWrites, reverse, reversePayerClaim, listRemittancePostings, getPosting, getLedger };
}

export type LedgerRepository = ReturnType<typeof ledgerRepository>;
