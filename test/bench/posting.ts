/**
 * Remittance posting at payer scale on the local stack (issue 16): a 10,000-claim 835 dropped in the
 * inbox and posted by PayerFileIntake end to end (split, the Distributed Maps' batches, PLB and
 * reconciliation), beside DynamoDB Local's own ceiling for the transaction shape posting writes,
 * measured in the same run: clean claims' seven-item writes, several claims to a TransactWriteItems,
 * as posting groups them (see `ceiling`). The ceiling runs three times around the posting
 * (once before, twice after) and its median is the figure; the machine's load is printed beside it.
 *
 * JSON lines: {"bench":"posting","figure":"claims/s"|"ceiling tx/s"|"ceiling claims/s"|"ratio to ceiling"|"10k-claim 835 end to end s",...};
 * the ratio is claims/s over the ceiling's claims/s (a ceiling transaction carries several claims).
 * BENCH_POSTING_CLAIMS sets the number of claims (default 10,000).
 */
import { loadavg } from 'node:os';
import {
  BatchWriteItemCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { eachBounded } from '#functions/platform/bounded.ts';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import { formatCents } from '#functions/x12/decimal.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { FAST_START_JVM_OPTIONS, LONG_RUN_JVM_OPTIONS } from '#infra/local/dynamodb.ts';
import { startLocalStack } from '#infra/local/stack.ts';
import { payerProfile } from '#test/fixtures/accounts/builders.ts';
import { putSubmittedClaims } from '#test/support/submitted-claim.ts';

function report(figure: string, value: number, unit: string, human: string): void {
  if (human) console.log(human);
  console.log(JSON.stringify({ bench: 'posting', figure, value: Number(value.toFixed(3)), unit }));
}

/** Clean claims one shared transaction holds at most (seven items each, DynamoDB's limit 100). */
const CLAIMS_PER_TRANSACTION = 14;
/** Transactions in flight for the ceiling: where DynamoDB Local commits the most claims here (8 beat 4 and 16). */
const CEILING_IN_FLIGHT = 8;

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs `work(i)` for i in [0, n), `inFlight` at a time. */
const pool = (n: number, inFlight: number, work: (i: number) => Promise<unknown>) =>
  eachBounded(
    Array.from({ length: n }, (_, i) => i),
    inFlight,
    work,
  );

/**
 * DynamoDB Local's ceiling for posting's transaction shape. A clean claim writes seven items: the
 * posting marker and two entries put only if absent, the account summary's balances added to in place
 * (it must exist), the adjudication event put only if absent, the claim header updated under its
 * version, and a check that no workflow waits on the claim. Clean claims of different accounts written
 * at the same moment share one TransactWriteItems (functions/store/transaction-groups.ts), up to
 * fourteen claims (98 items); so the ceiling is `count` claims on distinct accounts in transactions of
 * {@link CLAIMS_PER_TRANSACTION}, {@link CEILING_IN_FLIGHT} in flight (created first, untimed).
 * Returns claims and transactions per second.
 */
async function ceiling(client: DynamoDBClient, tableName: string, round: number, count = 2_000): Promise<{ claims: number; tx: number }> {
  const s = (v: string) => ({ S: v });
  const n = (v: number) => ({ N: String(v) });
  const id = (i: number) => `CEIL-${round}-${i}`;
  const zero = { M: { primary: n(0), secondary: n(0), tertiary: n(0), patient: n(0) } };
  const existing: Record<string, AttributeValue>[] = Array.from({ length: count }, (_, i): Record<string, AttributeValue>[] => [
    { pk: s(`ACCOUNT#${id(i)}`), sk: s('#ACCOUNT'), balances: zero, version: n(1) },
    { pk: s(`CLAIM#${id(i)}`), sk: s('#CLAIM'), status: s('submitted'), version: n(1) },
  ]).flat();
  await pool(Math.ceil(existing.length / 25), 4, async (b) => {
    let left = existing.slice(b * 25, b * 25 + 25).map((Item) => ({ PutRequest: { Item } }));
    while (left.length) {
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: left } }));
      left = (out.UnprocessedItems?.[tableName] ?? []) as typeof left;
    }
  });
  const claimItems = (i: number): TransactWriteItem[] => {
    const account = { pk: s(`ACCOUNT#${id(i)}`), sk: s('#ACCOUNT') };
    const claim = { pk: s(`CLAIM#${id(i)}`), sk: s('#CLAIM') };
    const absent = 'attribute_not_exists(pk)';
    return [
      { Put: { TableName: tableName, Item: { pk: s(`POSTING#${id(i)}`), sk: s('#POSTING') }, ConditionExpression: absent } },
      ...[0, 1].map((e) => ({
        Put: {
          TableName: tableName,
          Item: { pk: account.pk, sk: s(`ENTRY#2026-04-02#${e}`), amountCents: n(-100 * e) },
          ConditionExpression: absent,
        },
      })),
      {
        Update: {
          TableName: tableName,
          Key: account,
          UpdateExpression: 'SET balances.#r0 = balances.#r0 + :d0, lastPostingKey = :k ADD version :n',
          ConditionExpression: 'attribute_exists(balances)',
          ExpressionAttributeNames: { '#r0': 'primary' },
          ExpressionAttributeValues: { ':d0': n(-10_000), ':k': s(id(i)), ':n': n(1) },
        },
      },
      { Put: { TableName: tableName, Item: { pk: claim.pk, sk: s(`EVENT#2026-04-02#${i}`) }, ConditionExpression: absent } },
      {
        Update: {
          TableName: tableName,
          Key: claim,
          UpdateExpression: 'SET #status = :status, version = :next, gsi2pk = :g2',
          ConditionExpression: 'version = :expected',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': s('paid'), ':next': n(2), ':expected': n(1), ':g2': s(`ICN#${id(i)}`) },
        },
      },
      { ConditionCheck: { TableName: tableName, Key: { pk: claim.pk, sk: s('#WAIT') }, ConditionExpression: absent } },
    ];
  };
  const transactions = Math.ceil(count / CLAIMS_PER_TRANSACTION);
  const started = performance.now();
  await pool(transactions, CEILING_IN_FLIGHT, async (t) => {
    const first = t * CLAIMS_PER_TRANSACTION;
    const claims = Array.from({ length: Math.min(CLAIMS_PER_TRANSACTION, count - first) }, (_, k) => first + k);
    await client.send(new TransactWriteItemsCommand({ TransactItems: claims.flatMap(claimItems) }));
  });
  const seconds = (performance.now() - started) / 1000;
  return { claims: count / seconds, tx: transactions / seconds };
}

/** One 835 of `claims` claims on PCN-P<i> (ten payments), each $100 charged, $80 paid, CO-45 $20; the NM1 holds a name (PHI). */
function bigEra(claims: number): Buffer {
  const payments = 10;
  const per = Math.ceil(claims / payments);
  const segments = [
    'ISA*00*          *00*          *ZZ*ACMEPAYER      *ZZ*TESTHOSP       *260401*0900*^*00501*000000901*0*T*:',
    'GS*HP*ACMEPAYER*TESTHOSP*20260401*0900*901*X*005010X221A1',
  ];
  let sets = 0;
  for (let p = 0; p < payments; p++) {
    const first = p * per;
    const last = Math.min(claims, first + per);
    if (first >= last) break;
    sets += 1;
    const control = String(sets).padStart(4, '0');
    const body = [
      `BPR*I*${formatCents(8_000 * (last - first))}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260401`,
      `TRN*1*EFT-BENCH-${p}*1512345678`,
      'N1*PR*ACME HEALTH PLAN*XV*PAYER-ACME',
      'N1*PE*TEST GENERAL HOSPITAL*XX*1234567893',
      'LX*1',
    ];
    for (let i = first; i < last; i++)
      body.push(`CLP*PCN-P${i}*1*100*80*0*12*ICN-P${i}*11*1`, 'CAS*CO*45*20', 'NM1*QC*1*BENCH*PAT****MI*M1');
    segments.push(`ST*835*${control}`, ...body, `SE*${body.length + 2}*${control}`);
  }
  segments.push(`GE*${sets}*901`, 'IEA*1*000000901');
  return Buffer.from(segments.join('~') + '~');
}

/** Seeds `claims` submitted $100 claims (patient, coverage, claim, charge) as one bulk load (seeding.ts measures it). */
async function seed(store: Store, claims: number): Promise<number> {
  const started = performance.now();
  await putSubmittedClaims(
    store,
    Array.from({ length: claims }, (_, i) => `P${i}`),
  );
  return (performance.now() - started) / 1000;
}

/** Posts a 10,000-claim 835 through PayerFileIntake and reports the figures. */
export async function postingBench(claims = Number(process.env.BENCH_POSTING_CLAIMS ?? 10_000)): Promise<void> {
  process.env.LOG_LEVEL ??= 'SILENT';
  const stack = await startLocalStack({
    sandboxPayer: false,
    dynamoDbJvmOptions: process.env.BENCH_JVM === 'fast' ? FAST_START_JVM_OPTIONS : LONG_RUN_JVM_OPTIONS,
  });
  try {
    const store = createStore(documentClient(stack.dynamodb), stack.tableName);
    await store.reference.putPayerProfile(payerProfile());
    const seeded = await seed(store, claims);
    console.log(`posting: seeded ${claims} submitted claims in ${seeded.toFixed(1)} s (one bulk load, BatchWriteItem)`);

    const ceilings = [await ceiling(stack.dynamodb, stack.tableName, 0)];
    const file = bigEra(claims);
    const key = 'inbound/bench/era-10k.835';
    const started = performance.now();
    await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: key, Body: file }));
    await stack.settle();
    const seconds = (performance.now() - started) / 1000;
    ceilings.push(await ceiling(stack.dynamodb, stack.tableName, 1), await ceiling(stack.dynamodb, stack.tableName, 2));

    const sfn = new SFNClient({ region: stack.region, credentials: localCredentials, endpoint: stack.endpoints.stepFunctions });
    const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stack.stateMachineArns.PayerFileIntake }));
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: executions![0]!.executionArn }));
    const posted = JSON.parse(execution.output ?? '{}').posted as { posted?: number; balanced?: boolean; paidCents?: number } | undefined;
    if (execution.status !== 'SUCCEEDED' || posted?.posted !== claims || posted.balanced !== true || posted.paidCents !== 8_000 * claims)
      throw new Error(`the 835 was not posted whole: ${execution.status} ${JSON.stringify(posted)}`);

    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    const ceilingClaims = median(ceilings.map((c) => c.claims));
    const tx = median(ceilings.map((c) => c.tx));
    const rate = claims / seconds;
    report(
      'claims/s',
      rate,
      'claims/s',
      `posting: ${claims}-claim 835 (${(file.length / 1024 / 1024).toFixed(1)} MB) posted end to end in ${seconds.toFixed(1)} s: ${rate.toFixed(0)} claims/s (load average ${load})`,
    );
    report(
      'ceiling tx/s',
      tx,
      'tx/s',
      `posting: DynamoDB Local ceiling, clean claims' seven-item writes ${CLAIMS_PER_TRANSACTION} to a TransactWriteItems, ${CEILING_IN_FLIGHT} in flight: ${tx.toFixed(1)} tx/s (median of ${ceilings.map((c) => c.tx.toFixed(1)).join(', ')})`,
    );
    report(
      'ceiling claims/s',
      ceilingClaims,
      'claims/s',
      `posting: the same ceiling in claims: ${ceilingClaims.toFixed(0)} claims/s (median of ${ceilings.map((c) => c.claims.toFixed(0)).join(', ')})`,
    );
    report(
      'ratio to ceiling',
      rate / ceilingClaims,
      'x',
      `posting: claims/s over the ceiling's claims/s = ${(rate / ceilingClaims).toFixed(3)} (goal >= 0.8)`,
    );
    report(
      '10k-claim 835 end to end s',
      seconds,
      's',
      `posting: ${claims}-claim 835 reconciled end to end in ${seconds.toFixed(1)} s (goal < 60 s)`,
    );
  } finally {
    await stack.stop();
  }
}
