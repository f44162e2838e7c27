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
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { remittanceClaimOf } from '#functions/payers/exchange/index.ts';
import { eachBounded } from '#functions/platform/bounded.ts';
import { adjudicationOf } from '#functions/remittance/posting-run.ts';
import { remittanceIdFor } from '#functions/remittance/remittance-ids.ts';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import { CLEAN_CLAIMS_PER_TRANSACTION } from '#functions/store/transaction-groups.ts';
import { formatCents } from '#functions/x12/decimal.ts';
import type { Claim835 } from '#functions/x12/index.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { FAST_START_JVM_OPTIONS, LONG_RUN_JVM_OPTIONS } from '#infra/local/dynamodb.ts';
import { startLocalStack } from '#infra/local/stack.ts';
import { payerProfile } from '#test/fixtures/accounts/builders.ts';
import { splitClaims } from '#test/support/split-claims.ts';
import { putSubmittedClaims } from '#test/support/submitted-claim.ts';

function report(figure: string, value: number, unit: string, human: string): void {
  if (human) console.log(human);
  console.log(JSON.stringify({ bench: 'posting', figure, value: Number(value.toFixed(3)), unit }));
}

/** Transactions in flight for the ceiling: where DynamoDB Local commits the most claims here (8 beat 4 and 16). */
const CEILING_IN_FLIGHT = 8;

/** When the ceiling's claims were received (their postings' date). */
const RECEIVED = '2026-04-02T00:00:00Z';

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs `work(i)` for i in [0, n), `inFlight` at a time. */
const pool = (n: number, inFlight: number, work: (i: number) => Promise<unknown>) =>
  eachBounded(
    Array.from({ length: n }, (_, i) => i),
    inFlight,
    work,
  );

/**
 * DynamoDB Local's ceiling for posting's transactions: the very items a clean claim's posting writes
 * (built by the posting's own pieces: `adjudicationOf`, `claims.eventWrites`, `remittances.waitWrite`,
 * `ledger.postingWrites`), with nothing else around them (no reads, no workflow, no Lambda). That is
 * seven items a claim: the posting marker and two entries put only if absent, the account's balances
 * added to in place, the adjudication event put only if absent, the claim header updated under its
 * version with its indexes, and a check that no workflow waits. Clean claims of different accounts
 * share a TransactWriteItems (functions/store/transaction-groups.ts), up to {@link CLEAN_CLAIMS_PER_TRANSACTION};
 * {@link CEILING_IN_FLIGHT} transactions in flight. `count` fresh claims are seeded, split and read
 * first, untimed. Returns claims and transactions per second.
 */
async function ceiling(
  store: Store,
  doc: DynamoDBDocumentClient,
  round: number,
  count = 2_000,
): Promise<{ claims: number; tx: number; database?: number }> {
  const prefix = `C${round}-`;
  await putSubmittedClaims(
    store,
    Array.from({ length: count }, (_, i) => `${prefix}${i}`),
  );
  const { unordered: items } = await splitClaims(bigEra(count, prefix));
  const snapshots = await store.claims.snapshotsByPatientControlNumbers(
    items.map((i) => i.claim.patientControlNumber),
    8,
  );
  const coverages = await store.patients.coveragesOfPatients(
    [...snapshots.values()].flat().map((s) => s.claim.patientId),
    8,
  );
  const writes = items.map((item) => {
    const claim = remittanceClaimOf(item.claim as Claim835);
    const snapshot = snapshots.get(claim.patientControlNumber)![0]!;
    const remittanceId = remittanceIdFor(item.header.payerId, item.header.traceNumber);
    const decided = adjudicationOf(item.header, remittanceId, claim, snapshot.claim, coverages.get(snapshot.claim.patientId)!, RECEIVED);
    if ('unpostable' in decided) throw new Error(`ceiling claim not postable: ${decided.unpostable}`);
    const move = store.claims.eventWrites(snapshot, decided.adjudicated);
    if (!move.ok) throw new Error(`ceiling claim cannot move: ${move.reason}`);
    return store.ledger.postingWrites(decided.plan.postings, [...move.items, store.remittances.waitWrite(snapshot.claim.claimId, null)]);
  });
  const transactions = Math.ceil(count / CLEAN_CLAIMS_PER_TRANSACTION);
  const started = performance.now();
  const cpu = await cpuPerClaim(count, () =>
    pool(transactions, CEILING_IN_FLIGHT, async (t) => {
      const TransactItems = writes.slice(t * CLEAN_CLAIMS_PER_TRANSACTION, (t + 1) * CLEAN_CLAIMS_PER_TRANSACTION).flat();
      await doc.send(new TransactWriteCommand({ TransactItems }));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { claims: count / seconds, tx: transactions / seconds, database: cpu.database };
}

/** One 835 of `claims` claims on PCN-<prefix><i> (ten payments), each $100 charged, $80 paid, CO-45 $20; the NM1 holds a name (PHI). */
function bigEra(claims: number, prefix = 'P'): Buffer {
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
      `TRN*1*EFT-BENCH-${prefix}${p}*1512345678`,
      'N1*PR*ACME HEALTH PLAN*XV*PAYER-ACME',
      'N3*1 PAYER WAY',
      'N4*HARTFORD*CT*06101',
      'N1*PE*TEST GENERAL HOSPITAL*XX*1234567893',
      'LX*1',
    ];
    for (let i = first; i < last; i++)
      body.push(`CLP*PCN-${prefix}${i}*1*100*80*0*12*ICN-${prefix}${i}*11*1`, 'CAS*CO*45*20', 'NM1*QC*1*BENCH*PAT****MI*M1');
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

/** `/proc/<pid>/stat`'s parent pid and CPU ticks (user + system), or undefined. */
function procStat(pid: string): { ppid: string; ticks: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: fields[1]!, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

let dynamoDbPid: string | null | undefined;

/**
 * CPU seconds used so far by this process's DynamoDB Local (a Java descendant whose command line names
 * DynamoDBLocal.jar, found once in /proc); undefined where there is no /proc.
 */
function dynamoDbCpuSeconds(): number | undefined {
  if (dynamoDbPid === undefined) {
    const descends = (pid: string): boolean => {
      for (let p: string | undefined = pid, hops = 0; p && p !== '0' && hops < 10; p = procStat(p)?.ppid, hops++)
        if (p === String(process.pid)) return true;
      return false;
    };
    try {
      dynamoDbPid =
        readdirSync('/proc')
          .filter((d) => /^\d+$/.test(d))
          .find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('DynamoDBLocal.jar') && descends(pid)) ?? null;
    } catch {
      dynamoDbPid = null;
    }
  }
  const ticks = dynamoDbPid ? procStat(dynamoDbPid)?.ticks : undefined;
  return ticks === undefined ? undefined : ticks / 100;
}

/** Milliseconds of CPU per claim spent by DynamoDB Local and by this process (the functions) while `work` runs. */
async function cpuPerClaim(claims: number, work: () => Promise<unknown>): Promise<{ database?: number; node: number }> {
  const database = dynamoDbCpuSeconds();
  const node = process.cpuUsage();
  await work();
  const used = process.cpuUsage(node);
  const after = dynamoDbCpuSeconds();
  return {
    ...(database !== undefined && after !== undefined ? { database: ((after - database) * 1000) / claims } : {}),
    node: (used.user + used.system) / 1000 / claims,
  };
}

/** Posts a 10,000-claim 835 through PayerFileIntake and reports the figures. */
export async function postingBench(claims = Number(process.env.BENCH_POSTING_CLAIMS ?? 10_000)): Promise<void> {
  process.env.LOG_LEVEL ??= 'SILENT';
  const stack = await startLocalStack({
    sandboxPayer: false,
    dynamoDbJvmOptions: process.env.BENCH_JVM === 'fast' ? FAST_START_JVM_OPTIONS : LONG_RUN_JVM_OPTIONS,
  });
  try {
    dynamoDbCpuSeconds(); // finds DynamoDB Local's pid now, outside every timed window
    const doc = documentClient(stack.dynamodb);
    const store = createStore(doc, stack.tableName);
    await store.reference.putPayerProfile(payerProfile());
    const seeded = await seed(store, claims);
    console.log(`posting: seeded ${claims} submitted claims in ${seeded.toFixed(1)} s (one bulk load, BatchWriteItem)`);

    const ceilings = [await ceiling(store, doc, 0)];
    const file = bigEra(claims);
    const key = 'inbound/bench/era-10k.835';
    const started = performance.now();
    const cpu = await cpuPerClaim(claims, async () => {
      await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: key, Body: file }));
      await stack.settle();
    });
    const seconds = (performance.now() - started) / 1000;
    ceilings.push(await ceiling(store, doc, 1), await ceiling(store, doc, 2));

    const sfn = new SFNClient({ region: stack.region, credentials: localCredentials, endpoint: stack.endpoints.stepFunctions });
    const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stack.stateMachineArns.PayerFileIntake }));
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: executions![0]!.executionArn }));
    const posted = JSON.parse(execution.output ?? '{}').posted as { posted?: number; balanced?: boolean; paidCents?: number } | undefined;
    if (execution.status !== 'SUCCEEDED' || posted?.posted !== claims || posted.balanced !== true || posted.paidCents !== 8_000 * claims)
      throw new Error(`the 835 was not posted whole: ${execution.status} ${JSON.stringify(posted)}`);

    const ms = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? 'n/a' : `${x.toFixed(2)} ms`);
    console.log(
      `posting: CPU a claim: DynamoDB Local ${ms(cpu.database)} posting, ${ms(median(ceilings.map((c) => c.database ?? NaN)))} in the ceiling; the functions (node) ${ms(cpu.node)}`,
    );

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
      `posting: DynamoDB Local ceiling, the items clean claims post, ${CLEAN_CLAIMS_PER_TRANSACTION} claims to a TransactWriteItems, ${CEILING_IN_FLIGHT} in flight: ${tx.toFixed(1)} tx/s (median of ${ceilings.map((c) => c.tx.toFixed(1)).join(', ')})`,
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
