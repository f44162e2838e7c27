/**
 * A posting run cut off at each of its writes in turn (DynamoDB Local; the store's client fails every
 * call from the k-th write on): what the store then says is posted matches the ledger, the failed-postings item of
 * that stop says so, and running the file again posts exactly what was missing, nothing twice.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { providerAccountId } from '#functions/accounts/clerk-postings.ts';
import { recordFailedPosting, MAX_POSTING_STOPS } from '#functions/remittance/failed-posting.ts';
import { postRemittanceFile } from '#functions/remittance/post-remittance-file.ts';
import { postingProgress } from '#functions/remittance/posting-progress.ts';
import { awaitWorkItem, resolveWorkItem } from '#functions/queues/work-items.ts';
import { resumeIfWaiting } from '#functions/task-tokens/claim-waits.ts';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import { localCredentials, localRegion } from '#infra/local/credentials.ts';
import { payerProfile } from '#test/fixtures/accounts/builders.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';
import { formatCents } from '#functions/x12/decimal.ts';
import { putSubmittedClaim } from '#test/support/submitted-claim.ts';

let table: TestTable;
let store: Store;
/** The store of the run that meets the outage: its own client, cut off from the `cutAt`-th write on. */
let faulty: Store;
const outage = { cutAt: Number.POSITIVE_INFINITY, writes: 0 };
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand', 'DeleteItemCommand']);

beforeAll(async () => {
  table = await createTestTable();
  store = createStore(documentClient(table.client), table.tableName);
  const client = new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), region: localRegion, credentials: localCredentials });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (WRITES.has(context.commandName ?? '')) outage.writes += 1;
      if (outage.writes >= outage.cutAt) throw Object.assign(new Error('DynamoDB is unavailable'), { name: 'ServiceUnavailable' });
      return next(args);
    },
    { step: 'initialize', name: 'outage' },
  );
  faulty = createStore(documentClient(client), table.tableName);
  await store.reference.putPayerProfile(payerProfile());
});
afterAll(async () => table.drop());

const money = formatCents;
const NOW = new Date('2026-04-02T00:00:00Z');

const claimFor = (n: string): Promise<void> => putSubmittedClaim(store, n);

/**
 * One balanced payment with $4.25 prompt-pay interest (PLB L6, added to BPR02); a denied claim (paid 0,
 * CO-50 held) posts no money but records its adjudication.
 */
function era(trace: string, claims: readonly { n: string; paid: number }[]): Uint8Array {
  const total = claims.reduce((s, c) => s + c.paid, 0) + 425;
  const body = [
    `BPR*I*${money(total)}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260401`,
    `TRN*1*${trace}*1512345678`,
    'N1*PR*ACME HEALTH PLAN*XV*PAYER-ACME',
    'N1*PE*TEST GENERAL HOSPITAL*XX*1234567893',
    'LX*1',
    ...claims.flatMap((c) => [
      `CLP*PCN-${c.n}*${c.paid === 0 ? 4 : 1}*100*${money(c.paid)}*0*12*ICN-${c.n}*11*1`,
      c.paid === 0 ? 'CAS*CO*50*100' : `CAS*CO*45*${money(10_000 - c.paid)}`,
    ]),
    `PLB*1234567893*20261231*L6:${trace}*-4.25`,
  ];
  const x12 =
    [
      'ISA*00*          *00*          *ZZ*ACMEPAYER      *ZZ*TESTHOSP       *260401*0900*^*00501*000000601*0*T*:',
      'GS*HP*ACMEPAYER*TESTHOSP*20260401*0900*601*X*005010X221A1',
      'ST*835*0001',
      ...body,
      `SE*${body.length + 2}*0001`,
      'GE*1*601',
      'IEA*1*000000601',
    ].join('~') + '~';
  return new TextEncoder().encode(x12);
}

async function paid(n: string): Promise<{ cents: number; entries: number }> {
  const entries = (await store.ledger.getLedger(`ACC-${n}`)).entries.filter((e) => e.kind === 'insurance-payment');
  return { cents: 0 - entries.flatMap((e) => e.splits).reduce((s, x) => s + x.amountCents, 0), entries: entries.length };
}

let run = 0;
/** Writes a run that met no outage made (the cut range covers them all, and beyond). */
let writesOfWholeRun = 0;

describe('a posting run cut off at any write', () => {
  it('at every write: the store says what is posted, the item says it, and posting again finishes the file exactly', async () => {
    // Every write position of the run, and one past its last write (a run the outage never reaches).
    for (let cutAt = 1; cutAt <= 13; cutAt++) {
      run += 1;
      const claims = [
        { n: `P${run}-1`, paid: 8_000 },
        { n: `P${run}-2`, paid: 0 },
        { n: `P${run}-3`, paid: 5_000 },
      ];
      for (const c of claims) await claimFor(c.n);
      // Each claim's workflow waits for its adjudication; it must be told exactly once, whenever the run stops.
      for (const c of claims) await store.waits.put(`CLM-${c.n}`, 'adjudication', `token-${c.n}`, '2026-03-03T08:00:00Z');
      const told: string[] = [];
      const tell = async (token: string) => void told.push(token);
      const file = era(`EFT-P${run}`, claims);
      Object.assign(outage, { cutAt, writes: 0 });
      const stopped = await postRemittanceFile(faulty, {
        source: file,
        receivedAt: '2026-04-02T00:00:00Z',
        now: () => NOW,
        onClaimStatus: (claimId, status) => resumeIfWaiting(faulty, tell, claimId, status),
      }).then(
        () => false,
        (error: Error) => {
          expect(error.name).toBe('ServiceUnavailable');
          return true;
        },
      );
      outage.cutAt = Number.POSITIVE_INFINITY;
      writesOfWholeRun = Math.max(writesOfWholeRun, stopped ? 0 : outage.writes);

      const progress = await postingProgress(store, file);
      const onLedger = await Promise.all(claims.map((c) => paid(c.n)));
      expect(progress.claims).toBe(3);
      expect(progress.claimsPosted + progress.claimsPartlyPosted + progress.claimsNotPosted).toBe(3);
      expect(progress.postedCents).toBe(onLedger.reduce((s, x) => s + x.cents, 0));
      if (!stopped) expect(progress).toMatchObject({ claimsPosted: 3, notPostedPaidCents: 0 });
      const adjudicated = await Promise.all(
        claims.map(async (c) => (await store.claims.get(`CLM-${c.n}`))!.timeline.filter((e) => e.type === 'adjudicated').length),
      );
      expect(progress.claimsPosted).toBe(adjudicated.reduce((s, x) => s + x, 0));
      const { item } = await recordFailedPosting(
        store,
        { fileKey: `inbound/era-P${run}.835`, executionId: `exec-P${run}`, error: 'ServiceUnavailable', progress },
        NOW,
      );
      expect(item.details).toMatchObject({ claimsPosted: progress.claimsPosted, postedCents: progress.postedCents });

      // Resumed: the whole file is on the books, each claim once, adding up to BPR02.
      await postRemittanceFile(store, {
        source: file,
        receivedAt: '2026-04-02T00:00:00Z',
        now: () => NOW,
        onClaimStatus: (claimId, status) => resumeIfWaiting(store, tell, claimId, status),
      });
      expect(told.sort()).toEqual(claims.map((c) => `token-${c.n}`));
      expect(await Promise.all(claims.map((c) => paid(c.n)))).toEqual([
        { cents: 8_000, entries: 1 },
        { cents: 0, entries: 0 },
        { cents: 5_000, entries: 1 },
      ]);
      expect(await postingProgress(store, file)).toMatchObject({
        claimsPosted: 3,
        claimsNotPosted: 0,
        postedCents: 13_000,
        totalPaymentCents: 13_425,
      });
      // The claims' payments and the interest, once each: what the ledger took from the payer is BPR02.
      const interest = (await store.ledger.getLedger(providerAccountId('PAYER-ACME'))).entries.filter((e) =>
        e.postingKey.includes(`EFT-P${run}`),
      );
      expect(interest.map((e) => e.splits.reduce((sum, x) => sum + x.amountCents, 0))).toEqual([-425]);
      // The denial waits in its queue once.
      expect((await store.workItems.forClaim(`CLM-P${run}-2`, 'denials')).length).toBe(1);
      for (const c of claims)
        expect((await store.claims.get(`CLM-${c.n}`))!.timeline.filter((e) => e.type === 'adjudicated')).toHaveLength(1);
    }
    expect(writesOfWholeRun).toBeGreaterThan(0);
    expect(writesOfWholeRun).toBeLessThan(13);
  });
});

describe('the failed-postings item of a stopped posting', () => {
  const progress = {
    transactionSets: 1,
    totalPaymentCents: 100,
    claims: 1,
    claimsPosted: 0,
    claimsPartlyPosted: 0,
    claimsNotPosted: 1,
    postedCents: 0,
    notPostedPaidCents: 100,
  };
  const failed = {
    fileKey: 'inbound/era-x.835',
    executionId: 'arn:aws:states:us-east-1:1:execution:PayerFileIntake:x',
    error: 'States.TaskFailed',
    progress,
  };
  const resume = async () => undefined;

  it('a retried recording step finds its item; a stop after a resume raises the next one; a workflow waits on it by id', async () => {
    const first = await recordFailedPosting(store, failed, NOW);
    expect(await recordFailedPosting(store, failed, NOW)).toEqual(first);
    const waited = await awaitWorkItem(store, resume, { workItemId: first.item.workItemId, queue: 'failed-postings', taskToken: 'tok-fp' });
    expect(waited).toEqual({ workItemId: first.item.workItemId, resumedNow: false });
    await expect(awaitWorkItem(store, resume, { workItemId: first.item.workItemId, queue: 'denials', taskToken: 'tok-x' })).rejects.toThrow(
      /another queue/,
    );
    const decided = await resolveWorkItem(
      store,
      resume,
      { workItemId: first.item.workItemId, action: 'resume', reason: 'outage over', decidedBy: 'biller-7' },
      NOW,
    );
    expect(decided).toMatchObject({ status: 'resolved', resumedWorkflow: true });
    const second = await recordFailedPosting(store, failed, NOW);
    expect(second).toMatchObject({ stop: 1, exhausted: false });
    expect(second.item.workItemId).not.toBe(first.item.workItemId);
  });

  it('stops raising new items after the last allowed stop was decided', async () => {
    const many = { ...failed, executionId: 'exec-many' };
    for (let stop = 0; stop < MAX_POSTING_STOPS; stop++) {
      const { item } = await recordFailedPosting(store, many, NOW);
      await resolveWorkItem(
        store,
        resume,
        { workItemId: item.workItemId, action: 'resume', reason: 'try again', decidedBy: 'biller-7' },
        NOW,
      );
    }
    expect(await recordFailedPosting(store, many, NOW)).toMatchObject({ exhausted: true });
  });

  it('asks for exactly one of claimId and workItemId', async () => {
    await expect(awaitWorkItem(store, resume, { queue: 'failed-postings', taskToken: 'tok-none' })).rejects.toThrow(/exactly one/);
  });
});
