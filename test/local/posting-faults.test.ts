/**
 * DynamoDB goes down in the middle of an 835 (through the functions' own DynamoDB client: a middleware
 * fails every call while the outage lasts) and stays down longer than the posting batches' retries. The
 * file is not left half-posted with nothing said: it lands in the failed-postings queue with what is
 * and is not on the books (read back from the store), the execution waits on that item, and a biller's
 * `resume` finishes the file exactly: no claim posted twice, none lost, the ledger adding up to BPR02.
 */
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDbClient, s3Client } from '#functions/platform/aws-clients.ts';
import { listWorkItems } from '#functions/queues/work-items.ts';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { payerProfile } from '#test/fixtures/accounts/builders.ts';
import { formatCents } from '#functions/x12/decimal.ts';
import { putSubmittedClaim } from '#test/support/submitted-claim.ts';

let stack: LocalStack;
let sfn: SFNClient;
let store: Store;

/** The outage: once armed, it starts at the first write `startsAt` picks, and lasts until the test ends it. */
const outage = { armed: false, on: false, startedBy: '', failedCalls: 0, startsAt: (_write: string): boolean => false };
/** S3 down for the functions: every GetObject fails while it is on; it starts at the posting's second read (pinned by ETag). */
const s3Outage = { armed: false, on: false, failedCalls: 0 };
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand', 'DeleteItemCommand']);

beforeAll(async () => {
  stack = await startLocalStack({ sandboxPayer: false });
  sfn = new SFNClient({ region: stack.region, credentials: localCredentials, endpoint: stack.endpoints.stepFunctions });
  store = createStore(documentClient(stack.dynamodb), stack.tableName);
  await store.reference.putPayerProfile(payerProfile());
  // The in-process functions' DynamoDB client (the test's own store uses another one, which stays up).
  dynamoDbClient().middlewareStack.add(
    (next, context) => async (args) => {
      if (outage.armed && !outage.on && WRITES.has(context.commandName ?? '') && outage.startsAt(JSON.stringify(args.input))) {
        outage.on = true;
        outage.startedBy = context.commandName ?? '';
      }
      if (outage.on) {
        outage.failedCalls += 1;
        throw Object.assign(new Error('DynamoDB is unavailable'), { name: 'ServiceUnavailable', $fault: 'server' });
      }
      return next(args);
    },
    { step: 'initialize', name: 'dynamodbOutage' },
  );
  s3Client().middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { IfMatch?: string };
      if (context.commandName === 'GetObjectCommand' && s3Outage.armed && input.IfMatch) s3Outage.on = true;
      if (s3Outage.on && context.commandName === 'GetObjectCommand') {
        s3Outage.failedCalls += 1;
        throw Object.assign(new Error('S3 is unavailable'), { name: 'SlowDown', $fault: 'server' });
      }
      return next(args);
    },
    { step: 'initialize', name: 's3Outage' },
  );
});
afterAll(async () => stack?.stop());

const money = formatCents;

const claimFor = (n: string): Promise<void> => putSubmittedClaim(store, n);

/** One payment of the claims' CLPs (CO-45 takes charge minus paid), balanced unless `total` says otherwise; the patient's name is in NM1 (PHI). */
function era(trace: string, claims: readonly { n: string; paid: number }[], total = claims.reduce((s, c) => s + c.paid, 0)): string {
  const body = [
    `BPR*I*${money(total)}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260401`,
    `TRN*1*${trace}*1512345678`,
    'N1*PR*ACME HEALTH PLAN*XV*PAYER-ACME',
    'N1*PE*TEST GENERAL HOSPITAL*XX*1234567893',
    'LX*1',
    ...claims.flatMap((c) => [
      `CLP*PCN-${c.n}*1*100*${money(c.paid)}*0*12*ICN-${c.n}*11*1`,
      `CAS*CO*45*${money(10_000 - c.paid)}`,
      'NM1*QC*1*OUTAGE*PATRICIA****MI*MEMBER77',
    ]),
  ];
  return (
    [
      'ISA*00*          *00*          *ZZ*ACMEPAYER      *ZZ*TESTHOSP       *260401*0900*^*00501*000000501*0*T*:',
      'GS*HP*ACMEPAYER*TESTHOSP*20260401*0900*501*X*005010X221A1',
      'ST*835*0001',
      ...body,
      `SE*${body.length + 2}*0001`,
      'GE*1*501',
      'IEA*1*000000501',
    ].join('~') + '~'
  );
}

async function drop(key: string, body: string): Promise<string> {
  await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: key, Body: body }));
  await stack.settle();
  const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stack.stateMachineArns.PayerFileIntake }));
  for (const e of executions ?? []) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
    if (JSON.parse(described.input!).detail.object.key === key) return e.executionArn!;
  }
  throw new Error(`no execution for ${key}`);
}

const describe_ = (executionArn: string) => sfn.send(new DescribeExecutionCommand({ executionArn }));

async function entered(executionArn: string): Promise<string[]> {
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return events!.filter((e) => e.stateEnteredEventDetails).map((e) => e.stateEnteredEventDetails!.name!);
}

/** Lets simulated minutes pass, a minute at a time, until the execution enters `state` (or gives up). */
async function untilEntered(executionArn: string, state: string): Promise<void> {
  for (let minute = 0; minute < 30 && !(await entered(executionArn)).includes(state); minute++) {
    await stack.advanceClock(60_000);
    await stack.settle();
  }
  expect(await entered(executionArn)).toContain(state);
}

/** What the payer's payments moved on the account's insurer side, and how many payment entries there are. */
async function payments(n: string): Promise<{ cents: number; entries: number }> {
  const paid = (await store.ledger.getLedger(`ACC-${n}`)).entries.filter((e) => e.kind === 'insurance-payment');
  return { cents: 0 - paid.flatMap((e) => e.splits).reduce((s, x) => s + x.amountCents, 0), entries: paid.length };
}

async function failedPostings() {
  return (await listWorkItems(store, { queue: 'failed-postings', status: 'open' })).items.filter((i) => i.kind === 'posting-interrupted');
}

const resolve = (workItemId: string, action: 'resume' | 'dismiss') =>
  stack.lambda.invoke('ResolveWorkItem', { workItemId, action, reason: `outage over, ${action}`, decidedBy: 'biller-7' });

describe('DynamoDB fails mid-file for longer than the posting retries', () => {
  it('lands in failed-postings with what was and was not posted, and a resume finishes the file exactly', async () => {
    for (const n of ['OUT-1', 'OUT-2', 'OUT-3']) await claimFor(n);
    // The outage begins as the second claim's adjudication is written (with its payment, in one transaction).
    Object.assign(outage, {
      armed: true,
      startsAt: (write: string) => write.includes('CLM-OUT-2') && write.includes('adjudicated'),
    });

    const key = 'inbound/2026-04-01/era-outage.835';
    const file = era('EFT-OUT-1', [
      { n: 'OUT-1', paid: 8_000 },
      { n: 'OUT-2', paid: 6_000 },
      { n: 'OUT-3', paid: 5_000 },
    ]);
    const executionArn = await drop(key, file);
    expect(outage.on).toBe(true);
    // The batch retries (2, 4, 8, 16 s with jitter) and gives up, failing the Map; the recording step retries while DynamoDB is down.
    await untilEntered(executionArn, 'RecordFailedPosting');
    expect((await describe_(executionArn)).status).toBe('RUNNING');
    expect(await failedPostings()).toEqual([]);
    // DynamoDB comes back.
    outage.on = false;
    outage.armed = false;
    await untilEntered(executionArn, 'AwaitPostingDecision');
    expect(outage.failedCalls).toBeGreaterThan(5);

    const [item, ...others] = await failedPostings();
    expect(others).toEqual([]);
    // The batch posts its claims several at once, so where the outage cut each one varies from run to run:
    // the item says exactly what the store holds, whatever that is.
    const paidOf: Record<string, number> = { 'OUT-1': 8_000, 'OUT-2': 6_000, 'OUT-3': 5_000 };
    let recorded = 0;
    let partly = 0;
    let postedCents = 0;
    let notPostedPaidCents = 0;
    for (const n of Object.keys(paidOf)) {
      const onLedger = (await payments(n)).cents;
      postedCents += onLedger;
      const adjudicated = (await store.claims.get(`CLM-${n}`))!.timeline.some((e) => e.type === 'adjudicated');
      if (adjudicated) recorded += 1;
      else {
        notPostedPaidCents += paidOf[n]!;
        if (onLedger > 0) partly += 1;
      }
    }
    // The outage began with OUT-2's adjudication, which is written in one transaction with its payment:
    // nothing of OUT-2 is on the ledger, and no claim is left half posted.
    expect((await payments('OUT-2')).cents).toBe(0);
    expect(partly).toBe(0);
    expect(recorded).toBeLessThan(3);
    expect(item).toMatchObject({
      queue: 'failed-postings',
      status: 'open',
      awaited: true,
      actions: ['resume', 'dismiss'],
      amountCents: notPostedPaidCents,
      details: {
        fileKey: key,
        executionId: executionArn.slice(-200),
        // The Distributed Map fails as a whole once a batch has failed past its retries (no failure is tolerated: money).
        error: 'States.ExceedToleratedFailureThreshold',
        transactionSets: 1,
        totalPaymentCents: 19_000,
        claims: 3,
        claimsPosted: recorded,
        claimsPartlyPosted: partly,
        claimsNotPosted: 3 - recorded - partly,
        postedCents,
        notPostedPaidCents,
      },
    });
    for (const phi of ['OUTAGE', 'PATRICIA', 'MEMBER77']) expect(JSON.stringify(item)).not.toContain(phi);
    expect((await describe_(executionArn)).status).toBe('RUNNING');

    // The biller resumes it: posting runs again and finishes the file.
    const decided = await resolve(item!.workItemId, 'resume');
    expect(decided.payload).toMatchObject({ status: 'resolved', resumedWorkflow: true });
    await stack.settle();
    const done = await describe_(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    const posted = JSON.parse(done.output!).posted;
    expect(posted).toMatchObject({
      status: 'posted',
      claims: 3,
      posted: 3 - recorded,
      alreadyPosted: recorded,
      notPosted: 0,
      balanced: true,
      totalPaymentCents: 19_000,
    });
    // Each claim paid once, to the cent; together they are BPR02.
    expect(await payments('OUT-1')).toEqual({ cents: 8_000, entries: 1 });
    expect(await payments('OUT-2')).toEqual({ cents: 6_000, entries: 1 });
    expect(await payments('OUT-3')).toEqual({ cents: 5_000, entries: 1 });
    for (const n of ['OUT-1', 'OUT-2', 'OUT-3']) {
      const record = (await store.claims.get(`CLM-${n}`))!;
      expect(record.claim.status).toBe('paid');
      expect(record.timeline.filter((e) => e.type === 'adjudicated')).toHaveLength(1);
    }
    expect(await failedPostings()).toEqual([]);
    expect(await entered(executionArn)).toEqual(
      expect.arrayContaining(['RecordFailedPosting', 'AwaitPostingDecision', 'IsPostingResumed', 'RemittancePosted']),
    );
  });
});

describe('S3 fails between the check of the file and its posting, for longer than the retries', () => {
  it('lands in failed-postings with nothing posted; a dismiss ends the execution with a named error and posts nothing', async () => {
    for (const n of ['S3-1', 'S3-2']) await claimFor(n);
    const key = 'inbound/2026-04-01/era-s3-outage.835';
    Object.assign(s3Outage, { armed: true, on: false, failedCalls: 0 });
    const executionArn = await drop(
      key,
      era('EFT-S3-1', [
        { n: 'S3-1', paid: 7_000 },
        { n: 'S3-2', paid: 4_000 },
      ]),
    );
    expect(s3Outage.on).toBe(true);
    await untilEntered(executionArn, 'RecordFailedPosting');
    // S3 comes back; the recording step reads the file again.
    Object.assign(s3Outage, { armed: false, on: false });
    await untilEntered(executionArn, 'AwaitPostingDecision');
    const [item] = (await failedPostings()).filter((i) => i.details.fileKey === key);
    expect(item).toMatchObject({
      amountCents: 11_000,
      details: {
        error: 'SlowDown',
        claims: 2,
        claimsPosted: 0,
        claimsPartlyPosted: 0,
        claimsNotPosted: 2,
        postedCents: 0,
        totalPaymentCents: 11_000,
      },
    });

    await resolve(item!.workItemId, 'dismiss');
    await stack.settle();
    const ended = await describe_(executionArn);
    expect(ended.status).toBe('FAILED');
    expect(ended.error).toBe('RemittancePosting.Dismissed');
    expect(await payments('S3-1')).toEqual({ cents: 0, entries: 0 });
    expect((await store.workItems.get(item!.workItemId))?.resolution).toMatchObject({ action: 'dismiss', decidedBy: 'biller-7' });
  });
});

describe('a payment that does not add up is in the failed-postings queue, not only counted', () => {
  it('a payment (BPR02) with no claims, and one whose BPR02 is not its claims, each raise an item with their trace number', async () => {
    await claimFor('BAL-1');
    const orphan = await drop('inbound/2026-04-01/era-orphan.835', era('EFT-ORPHAN-1', [], 12_500));
    const short = await drop('inbound/2026-04-01/era-short.835', era('EFT-SHORT-1', [{ n: 'BAL-1', paid: 8_000 }], 7_000));
    for (const executionArn of [orphan, short]) {
      const done = await describe_(executionArn);
      expect(done.status).toBe('SUCCEEDED');
      expect(JSON.parse(done.output!).posted).toMatchObject({ balanced: false });
    }
    const items = (await listWorkItems(store, { queue: 'failed-postings' })).items.filter((i) => i.kind === 'payment-imbalanced');
    expect(items.map((i) => [i.details.traceNumber, i.amountCents, i.details.fileKey]).sort()).toEqual([
      ['EFT-ORPHAN-1', 12_500, 'inbound/2026-04-01/era-orphan.835'],
      ['EFT-SHORT-1', 7_000, 'inbound/2026-04-01/era-short.835'],
    ]);
  });

  it('a claim whose figures do not balance is not posted and waits in failed-postings', async () => {
    await claimFor('BAL-2');
    // CLP04 $80 but CAS takes only $10 of the $100: the claim does not balance.
    const file = era('EFT-IMB-1', [{ n: 'BAL-2', paid: 8_000 }]).replace('CAS*CO*45*20~', 'CAS*CO*45*10~');
    const done = await describe_(await drop('inbound/2026-04-01/era-imbalanced-claim.835', file));
    expect(JSON.parse(done.output!).posted).toMatchObject({ balanced: false, posted: 0, notPosted: 1 });
    const items = (await listWorkItems(store, { queue: 'failed-postings' })).items.filter((i) => i.claimId === 'CLM-BAL-2');
    expect(items.map((i) => i.kind)).toEqual(['imbalanced']);
    expect(await payments('BAL-2')).toEqual({ cents: 0, entries: 0 });
  });
});
