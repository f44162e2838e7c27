/**
 * Bulk loads (a migration's book, seeding a test or a benchmark): patients, coverages, authorizations,
 * new claims and the postings of new accounts written with BatchWriteItem (batch-writes.ts) instead of
 * one request or transaction per record, with the same items the repositories write.
 *
 * BatchWriteItem has no conditions, so each kind of record says why an unconditional put is right:
 * - patients, coverages, authorizations: the repositories' own puts create or replace; so does a batch.
 *   Each patient's coverage list (#COVERAGES) is merged with the one on file (or the coverages stored
 *   before one was kept), as putCoverage adds to it.
 * - claims: `claims.create` writes only a new claim id. The loader reads the headers first (BatchGetItem)
 *   and leaves claims already on file alone (`existing`), as create would. It lists the new claims
 *   under their CLP01 (set-lists.ts: the #CLAIMS items, merged with the lists on file or, for a CLP01
 *   without one, with its claims stored before; written before the headers).
 * - postings: `ledger.post` writes a posting key once and guards the account summary by its version. The
 *   loader reads the summaries and the posting markers first. A posting whose key is on file for another
 *   account is already posted. An account without a summary has no posting on file (post writes the
 *   summary with every posting; a marker of its own there is left by a load stopped half-way), so its
 *   postings are folded into one summary (balances, version = number of postings) and written in batch;
 *   postings to an account already on file go through `ledger.post`, one transaction each.
 *
 * Commit order: the claims' lines and events, the postings' markers and entries, and the patient
 * records go first; the claim headers and account summaries, the items the checks read, only once all of
 * them are written. A load stopped half-way (BatchWriteIncompleteError) is simply run again: a header or
 * summary on file means its claim or account was written whole.
 * The check and the write are not atomic: a load owns the ids it creates, and nothing else writes them
 * while it runs (a migration into a new stage, a test's seed).
 */
import { addSplits, zeroBalances } from '#functions/accounts/balances.ts';
import { postingProblems } from '#functions/accounts/ledger.ts';
import type { Authorization } from '#schemas/authorization.ts';
import { authorizationSchema } from '#schemas/authorization.ts';
import type { Claim } from '#schemas/claim.ts';
import { coverageSchema, type Coverage } from '#schemas/coverage.ts';
import { postingSchema, type Posting } from '#schemas/ledger-entry.ts';
import { patientSchema, type Patient } from '#schemas/patient.ts';
import { authorizationItem } from './authorization-repository.ts';
import { batchPutItems, storedKeyId, storedKeys, type BatchOptions } from './batch-writes.ts';
import { claimsOfPatientControlNumber, coveragesOfPatient, ListsToLoad } from './set-lists.ts';
import type { ClaimRepository } from './claim-repository.ts';
import { keys } from './keys.ts';
import { accountSummaryItem, LedgerRuleError, postingItems, type LedgerRepository } from './ledger-repository.ts';
import { coverageItem, patientItem } from './patient-repository.ts';
import type { TableContext } from './table.ts';

/** The records of one bulk load; every part is optional. */
export interface BulkRecords {
  readonly patients?: readonly Patient[];
  readonly coverages?: readonly Coverage[];
  readonly authorizations?: readonly Authorization[];
  /** New claims with the instant of their "created" event; a claim id already on file is left alone. */
  readonly claims?: readonly { readonly claim: Claim; readonly createdAt: string }[];
  /** Postings (charges and the like, no reversals), in the order they would be posted; a posting key given twice is posted once. */
  readonly postings?: readonly Posting[];
}

/** What a bulk load did. */
export interface BulkLoadReport {
  /** Items written by BatchWriteItem and the requests that took (retries of unprocessed items included). */
  readonly items: number;
  readonly requests: number;
  readonly retries: number;
  readonly claims: { readonly created: number; readonly existing: number };
  /** `batched`: on new accounts, in batch; `transactional`: on accounts already on file, through ledger.post. */
  readonly postings: { readonly batched: number; readonly transactional: number; readonly alreadyPosted: number };
}

/** The ledger items of one account that has no posting on file: its postings' markers and entries, and its summary. */
function newAccountItems(accountId: string, postings: readonly Posting[]) {
  let balances = zeroBalances();
  const bodies: Record<string, unknown>[] = [];
  const entryIds = new Set<string>();
  for (const posting of postings) {
    for (const entry of posting.entries) {
      if (entryIds.has(entry.entryId))
        throw new LedgerRuleError([`an entry id of posting on account ${accountId} is already on the ledger`]);
      entryIds.add(entry.entryId);
      balances = addSplits(balances, entry.splits);
    }
    bodies.push(...postingItems(posting));
  }
  const summary = accountSummaryItem(accountId, balances, postings.length, postings.at(-1)!.postingKey);
  return { bodies, summary };
}

/** The first of each id, in order (what a create-once repository would keep). */
function firstOfEach<T>(values: readonly T[], id: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(id(v)) && seen.add(id(v)));
}

/** Creates the bulk loader over the table and the two repositories whose conditional writes it stands in for. */
export function bulkLoader(ctx: TableContext, repositories: { readonly claims: ClaimRepository; readonly ledger: LedgerRepository }) {
  return {
    /**
     * Writes every record of `records` (see the module comment for what is checked first). Throws
     * BatchWriteIncompleteError when DynamoDB kept items unprocessed past the attempts (run it again),
     * LedgerRuleError for a posting that breaks a ledger rule (nothing is written then).
     */
    async load(records: BulkRecords, options: BatchOptions = {}): Promise<BulkLoadReport> {
      const postings = firstOfEach(
        (records.postings ?? []).map((p) => postingSchema.parse(p)),
        (p) => p.postingKey,
      );
      const problems = postings.flatMap((p) => [
        ...postingProblems(p),
        ...(p.entries.some((e) => e.kind === 'reversal') ? [`account ${p.accountId}: reversals are posted with reverse()`] : []),
      ]);
      if (problems.length > 0) throw new LedgerRuleError(problems);
      const claims = firstOfEach(records.claims ?? [], (c) => c.claim.claimId);
      const accounts = [...new Set(postings.map((p) => p.accountId))];

      const onFile = await storedKeys(
        ctx,
        [
          ...claims.map((c) => keys.claim(c.claim.claimId)),
          ...claims.map((c) => claimsOfPatientControlNumber.key(c.claim.patientControlNumber)),
          ...(records.coverages ?? []).map((c) => coveragesOfPatient.key(c.patientId)),
          ...accounts.map((a) => keys.account(a)),
          ...postings.map((p) => keys.posting(p.postingKey)),
        ],
        { ...options, attributes: ['accountId', claimsOfPatientControlNumber.attribute, coveragesOfPatient.attribute] },
      );
      const newClaims = claims.filter((c) => !onFile.has(storedKeyId(keys.claim(c.claim.claimId))));
      const isNewAccount = (accountId: string) => !onFile.has(storedKeyId(keys.account(accountId)));
      const postedElsewhere = (p: Posting) => {
        const marker = onFile.get(storedKeyId(keys.posting(p.postingKey)));
        return marker !== undefined && marker.accountId !== p.accountId;
      };

      const bodies: Record<string, unknown>[] = [
        ...(records.patients ?? []).map((p) => patientItem(patientSchema.parse(p))),
        ...(records.authorizations ?? []).map((a) => authorizationItem(authorizationSchema.parse(a))),
      ];
      // Each owner's list (a patient's coverages, a CLP01's claims) names what is on file and what is loaded.
      const inFlight = options.concurrency ?? 8;
      const coverageLists = await ListsToLoad.of(
        ctx,
        coveragesOfPatient,
        (records.coverages ?? []).map((c) => c.patientId),
        onFile,
        bodies,
        inFlight,
      );
      for (const coverage of records.coverages ?? []) {
        const item = coverageItem(coverageSchema.parse(coverage));
        bodies.push(item);
        coverageLists.add(coverage.patientId, item.sk);
      }
      const commits: Record<string, unknown>[] = [];
      const claimLists = await ListsToLoad.of(
        ctx,
        claimsOfPatientControlNumber,
        newClaims.map((c) => c.claim.patientControlNumber),
        onFile,
        bodies,
        inFlight,
      );
      for (const { claim, createdAt } of newClaims) {
        const [header, ...rest] = repositories.claims.createItems(claim, createdAt);
        bodies.push(...rest);
        commits.push(header!);
        claimLists.add(claim.patientControlNumber, claim.claimId);
      }
      const byAccount = new Map<string, Posting[]>();
      const elsewhere = postings.filter(postedElsewhere).length;
      for (const p of postings.filter((p) => isNewAccount(p.accountId) && !postedElsewhere(p)))
        byAccount.set(p.accountId, [...(byAccount.get(p.accountId) ?? []), p]);
      for (const [accountId, own] of byAccount) {
        const { bodies: ledgerBodies, summary } = newAccountItems(accountId, own);
        bodies.push(...ledgerBodies);
        commits.push(summary);
      }

      const first = await batchPutItems(ctx, bodies, options);
      const second = await batchPutItems(ctx, commits, options);
      let transactional = 0;
      let alreadyPosted = elsewhere;
      for (const posting of postings.filter((p) => !isNewAccount(p.accountId) && !postedElsewhere(p))) {
        const outcome = await repositories.ledger.post(posting);
        if (outcome.status === 'posted') transactional += 1;
        else alreadyPosted += 1;
      }
      return {
        items: first.items + second.items,
        requests: first.requests + second.requests,
        retries: first.retries + second.retries,
        claims: { created: newClaims.length, existing: claims.length - newClaims.length },
        postings: { batched: postings.length - transactional - alreadyPosted, transactional, alreadyPosted },
      };
    },
  };
}
