import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listWorkItems, resolveWorkItem } from '#functions/queues/work-items.ts';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { ack277ca, ack999, ACK_PHI } from '#test/acknowledgements/fixtures.ts';
import { claim, COMMERCIAL, danaCoverage, line } from '#test/payers/exchange/fixtures.ts';

const envelope835 =
  'ISA*00*          *00*          *ZZ*SANDBOXPAYER   *ZZ*GENERALHOSP    *261127*0900*^*00501*000000101*0*T*:~' +
  'GS*HP*SANDBOXPAYER*GENERALHOSP*20261127*0900*101*X*005010X221A1~ST*835*0001~';

/** A whole (tiny) 835: one payment of a claim that is not ours, so it is counted unmatched, not posted. */
const complete835 =
  envelope835 +
  'BPR*I*150*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20261127~TRN*1*EFT-0000101*1512345678~' +
  'N1*PR*SANDBOX HEALTH PLAN*XV*SBXCOMM01~N1*PE*GENERAL HOSPITAL*XX*1245319599~LX*1~' +
  'CLP*PCN-0001*1*200*150*50*12*PAYERCLM-0001*11*1~CAS*PR*2*50~NM1*QC*1*DOE*JANE****MI*ABC123~' +
  'SE*10*0001~GE*1*101~IEA*1*000000101~';

let stack: LocalStack;
let sfn: SFNClient;
let s3: S3Client;

beforeAll(async () => {
  stack = await startLocalStack();
  const config = { region: stack.region, credentials: localCredentials };
  sfn = new SFNClient({ ...config, endpoint: stack.endpoints.stepFunctions });
  s3 = new S3Client({ ...config, endpoint: stack.endpoints.s3, forcePathStyle: true });
});
afterAll(async () => stack?.stop());

/** The states an execution entered, in order. */
async function pathOf(executionArn: string): Promise<string[]> {
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
  return events!.filter((e) => e.stateEnteredEventDetails).map((e) => e.stateEnteredEventDetails!.name!);
}

/** Lambda attempts that failed (each retry of a task adds one). */
async function failedAttempts(executionArn: string): Promise<string[]> {
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
  return events!
    .map((e) => e.lambdaFunctionFailedEventDetails?.error ?? e.taskFailedEventDetails?.error)
    .filter((x): x is string => Boolean(x));
}

async function quarantineReport(key: string): Promise<Record<string, unknown>> {
  const reportKey = `${key.replace(/^inbound\//, 'quarantine/')}.report.json`;
  const object = await s3.send(new GetObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: reportKey }));
  return JSON.parse(await object.Body!.transformToString()) as Record<string, unknown>;
}

async function dropAndRun(key: string, body: string) {
  await s3.send(new PutObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: key, Body: body }));
  await stack.settle();
  const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stack.stateMachineArns.PayerFileIntake }));
  for (const execution of executions ?? []) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: execution.executionArn }));
    if (JSON.parse(described.input!).detail.object.key === key) return described;
  }
  throw new Error(`no execution for ${key}`);
}

describe('a payer file lands in the inbox', () => {
  it('identifies an 835 remittance and posts it (a claim that is not ours is counted, not lost)', async () => {
    const execution = await dropAndRun('inbound/2026-11-27/era-101.835', complete835);
    expect(execution.status).toBe('SUCCEEDED');
    const output = JSON.parse(execution.output!);
    expect(output).toMatchObject({
      kind: '835',
      transactionSet: '835',
      version: '005010X221A1',
      file: { key: 'inbound/2026-11-27/era-101.835' },
    });
    expect(output.posted).toMatchObject({
      status: 'posted',
      transactionSets: 1,
      claims: 1,
      posted: 0,
      unmatched: 1,
      unmatchedPaidCents: 15_000,
      paidCents: 15_000,
      totalPaymentCents: 15_000,
      balanced: true,
    });
    expect(execution.output).not.toContain('DOE');
    expect(execution.output).not.toContain('ABC123');
    // The claims were posted by a Distributed Map: its Map Run counts them (what `rcm executions describe` shows).
    const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn: execution.executionArn }));
    expect(mapRuns).toHaveLength(1);
    const mapRun = await sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns![0]!.mapRunArn }));
    expect(mapRun).toMatchObject({
      status: 'SUCCEEDED',
      toleratedFailurePercentage: 0,
      itemCounts: { total: 1, succeeded: 1, failed: 0, pending: 0, running: 0, resultsWritten: 1 },
      executionCounts: { total: 1, succeeded: 1 },
    });
    expect(mapRun.mapRunArn).toContain(':mapRun:PayerFileIntake/PostClaims:');
    // The claims file and the batches' results are kept under posting/ (no workflow starts there), without the 835's names.
    const posting = await s3.send(new ListObjectsV2Command({ Bucket: stack.bucketNames.Inbox, Prefix: 'posting/' }));
    const postingKeys = (posting.Contents ?? []).map((o) => o.Key!);
    expect(postingKeys.filter((k) => k.endsWith('/unordered.jsonl'))).toHaveLength(1);
    expect(postingKeys.filter((k) => k.startsWith('posting/results/') && k.endsWith('/manifest.json'))).toHaveLength(1);
    const claimsFile = await (
      await s3.send(
        new GetObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: postingKeys.find((k) => k.endsWith('/unordered.jsonl'))! }),
      )
    ).Body!.transformToString();
    expect(claimsFile).toContain('PCN-0001');
    expect(claimsFile).not.toContain('DOE');
    expect(claimsFile).not.toContain('ABC123');
    // The claim that is not ours waits in a queue a person works, with its money and where it sits.
    const store = createStore(documentClient(stack.dynamodb), stack.tableName);
    const queue = await listWorkItems(store, { queue: 'unmatched-remittances' });
    expect(queue.items).toEqual([
      expect.objectContaining({
        kind: 'unmatched',
        amountCents: 15_000,
        details: expect.objectContaining({ transactionSet: '0001', claimIndex: 0, fileKey: 'inbound/2026-11-27/era-101.835' }),
      }),
    ]);
    expect(JSON.stringify(queue.items)).not.toContain('DOE');
    // The reconciliation report: the payment by its trace number, BPR02 against what became of its claims.
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: stack.bucketNames.Reports, Prefix: 'reconciliation/' }));
    const keys = (listed.Contents ?? []).map((o) => o.Key!).filter((k) => k.includes('era-101.835'));
    expect(keys.map((k) => k.split('.').pop()).sort()).toEqual(['csv', 'json']);
    expect(output.posted.reconciliationReport).toBe(keys.find((k) => k.endsWith('.json')));
    const read = async (key: string) =>
      (await s3.send(new GetObjectCommand({ Bucket: stack.bucketNames.Reports, Key: key }))).Body!.transformToString();
    const report = JSON.parse(await read(keys.find((k) => k.endsWith('.json'))!));
    expect(report.payments).toEqual([
      expect.objectContaining({
        traceNumber: 'EFT-0000101',
        totalPaymentCents: 15_000,
        claimPaidCents: 15_000,
        claimsNotPosted: 1,
        unmatchedPaidCents: 15_000,
        balanced: true,
      }),
    ]);
    const csv = (await read(keys.find((k) => k.endsWith('.csv'))!)).split('\r\n');
    expect(csv[0]).toMatch(/^traceNumber,payerId,paymentMethod,paymentDate,totalPaymentCents,/);
    expect(csv[1]).toMatch(/^EFT-0000101,SBXCOMM01,ACH,2026-11-27,15000,15000,0,1,0,0,1,15000,0,true,RMT-/);
    expect(report).not.toHaveProperty('attention');
    expect(JSON.stringify(report)).not.toContain('DOE');
  });

  it('quarantines a file that is not X12, with a report saying what and where, and loses nothing', async () => {
    const body = 'Dear provider, please find attached...';
    const execution = await dropAndRun('inbound/2026-11-27/letter.txt', body);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('InboundFile.Unrecognized');
    // It waits in the quarantined-files queue for a person, pointing at the file and its report.
    const store = createStore(documentClient(stack.dynamodb), stack.tableName);
    const quarantined = (await listWorkItems(store, { queue: 'quarantined-files' })).items.filter(
      (i) => i.details.fileKey === 'inbound/2026-11-27/letter.txt',
    );
    expect(quarantined).toEqual([
      expect.objectContaining({
        kind: 'inbound-file',
        details: expect.objectContaining({
          quarantineKey: 'quarantine/2026-11-27/letter.txt',
          reportKey: 'quarantine/2026-11-27/letter.txt.report.json',
        }),
      }),
    ]);

    const moved = await s3.send(new GetObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: 'quarantine/2026-11-27/letter.txt' }));
    expect(await moved.Body!.transformToString()).toBe(body);
    const report = JSON.parse(
      await (
        await s3.send(new GetObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: 'quarantine/2026-11-27/letter.txt.report.json' }))
      ).Body!.transformToString(),
    );
    expect(report).toMatchObject({
      originalKey: 'inbound/2026-11-27/letter.txt',
      problem: { reason: expect.stringContaining('expected the ISA segment'), byteOffset: 0 },
      executionId: execution.executionArn,
    });
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: 'inbound/2026-11-27/letter.txt' })),
    ).rejects.toMatchObject({ name: 'NotFound' });
    // The report names positions, never content.
    expect(JSON.stringify(report)).not.toContain('Dear provider');
  });

  it('quarantines each drop of a bad file for a person, even under a name dismissed before; a re-run of the step changes nothing', async () => {
    const key = 'inbound/2026-11-27/remit-again.835';
    const store = createStore(documentClient(stack.dynamodb), stack.tableName);
    const itemsFor = async () =>
      [
        ...(await listWorkItems(store, { queue: 'quarantined-files' })).items,
        ...(await listWorkItems(store, { queue: 'quarantined-files', status: 'resolved' })).items,
      ].filter((i) => i.details.fileKey === key);
    const first = await dropAndRun(key, envelope835.slice(0, 80));
    expect(first.status).toBe('FAILED');
    const [item] = await itemsFor();
    const noWorkflowWaits = async () => {};
    const dismissal = {
      workItemId: item!.workItemId,
      action: 'dismiss' as const,
      reason: 'asked the payer for a resend',
      decidedBy: 'ops-1',
    };
    await resolveWorkItem(store, noWorkflowWaits, dismissal, new Date());

    // The quarantine step runs again for the first drop (a retry after its last call had succeeded):
    // the inbound file is gone, the copy in quarantine serves, and no second item opens.
    const lambda = new LambdaClient({ region: stack.region, credentials: localCredentials, endpoint: stack.endpoints.lambda });
    const rerun = await lambda.send(
      new InvokeCommand({
        FunctionName: 'QuarantineInboundFile',
        Payload: JSON.stringify({
          file: { bucket: stack.bucketNames.Inbox, key, size: 80 },
          problem: { reason: 'MISSING_SE: again', byteOffset: 0 },
          executionId: first.executionArn,
        }),
      }),
    );
    expect(rerun.FunctionError).toBeUndefined();
    expect(await itemsFor()).toHaveLength(1);

    // The resend is still cut short: a new drop, a run of its own, a new item in the open queue.
    await dropAndRun(key, envelope835.slice(0, 90));
    const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stack.stateMachineArns.PayerFileIntake }));
    const runs = [];
    for (const e of executions ?? []) {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
      if (JSON.parse(described.input!).detail.object.key === key) runs.push(described.status);
    }
    expect(runs).toEqual(['FAILED', 'FAILED']);
    const items = await itemsFor();
    expect(items.map((i) => i.status).sort()).toEqual(['open', 'resolved']);
  });

  it('quarantines a 4010 835, and an 835 file that also carries a 999, instead of skipping what it cannot post', async () => {
    const store = createStore(documentClient(stack.dynamodb), stack.tableName);
    for (const [key, body, reason] of [
      [
        'inbound/2026-11-27/era-4010.835',
        complete835.replace('*X*005010X221A1~', '*X*004010X091A1~'),
        'UNREAD_TRANSACTION_SET: transaction set 835 004010X091A1 in a file read for 835 005010X221A1',
      ],
      [
        'inbound/2026-11-27/era-and-999.835',
        complete835 + ack999(7),
        'UNREAD_TRANSACTION_SET: transaction set 999 005010X231A1 in a file read for 835 005010X221A1',
      ],
    ] as const) {
      const execution = await dropAndRun(key, body);
      // Before: SUCCEEDED with 0 payments (the 4010 835) or without the 999 ever applied.
      expect(execution.status).toBe('FAILED');
      expect(await pathOf(execution.executionArn!)).toContain('QuarantineRemittance');
      const report = await quarantineReport(key);
      expect(report).toMatchObject({ problem: { reason, segment: 'ST', byteOffset: body.lastIndexOf('ST*') } });
      const items = (await listWorkItems(store, { queue: 'quarantined-files' })).items.filter((i) => i.details.fileKey === key);
      expect(items).toHaveLength(1);
    }
  });

  it('quarantines a truncated interchange and names the segment', async () => {
    const execution = await dropAndRun('inbound/truncated.835', envelope835.slice(0, 60));
    expect(execution.status).toBe('FAILED');
    const report = JSON.parse(
      await (
        await s3.send(new GetObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: 'quarantine/truncated.835.report.json' }))
      ).Body!.transformToString(),
    );
    expect(report.problem).toMatchObject({ segment: 'ISA' });
  });

  it('keeps PHI-free history: the Lambda steps are recorded with their names', async () => {
    const execution = await dropAndRun('inbound/era-102.835', complete835);
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn: execution.executionArn }));
    const entered = events!.filter((e) => e.stateEnteredEventDetails).map((e) => e.stateEnteredEventDetails!.name);
    // The claims are posted by the PostClaims Distributed Map, whose batches run as child executions (their own histories).
    expect(entered).toEqual([
      'InspectFile',
      'IsRecognized',
      'SplitRemittance',
      'IsRemittanceReadable',
      'PostClaims',
      'HasOrderedClaims',
      'FinishPosting',
      'RemittancePosted',
    ]);
  });

  it('quarantines an 835 that is only an envelope head (cut short after ST): nothing is posted', async () => {
    const execution = await dropAndRun('inbound/era-103.835', envelope835);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('InboundFile.IncompleteRemittance');
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn: execution.executionArn }));
    const entered = events!.filter((e) => e.stateEnteredEventDetails).map((e) => e.stateEnteredEventDetails!.name);
    expect(entered).toEqual([
      'InspectFile',
      'IsRecognized',
      'SplitRemittance',
      'IsRemittanceReadable',
      'QuarantineRemittance',
      'RemittanceQuarantined',
    ]);
    const report = JSON.parse(
      await (
        await s3.send(new GetObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: 'quarantine/era-103.835.report.json' }))
      ).Body!.transformToString(),
    );
    expect(report).toMatchObject({
      originalKey: 'inbound/era-103.835',
      problem: { reason: expect.stringContaining('MISSING_SE') },
      executionId: execution.executionArn,
    });
  });

  it('quarantines an 835 with a NUL byte inside a claim: the report names segment, position, element and byte; nothing is posted', async () => {
    const key = 'inbound/2026-11-27/era-nul.835';
    const damaged = complete835.replace('CLP*PCN-0001', 'CLP*PCN-00\u000001').replace('EFT-0000101', 'EFT-0000NUL');
    const execution = await dropAndRun(key, damaged);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('InboundFile.IncompleteRemittance');
    expect(await pathOf(execution.executionArn!)).toEqual([
      'InspectFile',
      'IsRecognized',
      'SplitRemittance',
      'IsRemittanceReadable',
      'QuarantineRemittance',
      'RemittanceQuarantined',
    ]);
    const report = await quarantineReport(key);
    expect(report).toMatchObject({
      originalKey: key,
      problem: {
        reason: expect.stringMatching(/^CONTROL_CHARACTER: .*CLP01/),
        segment: 'CLP',
        segmentPosition: 9,
        element: 1,
        byteOffset: damaged.indexOf('CLP*'),
      },
      executionId: execution.executionArn,
    });
    // Nothing of it reached a queue as a claim or a payment: only the quarantined file waits for a person.
    const store = createStore(documentClient(stack.dynamodb), stack.tableName);
    const unmatched = (await listWorkItems(store, { queue: 'unmatched-remittances' })).items;
    expect(unmatched.filter((i) => i.details.fileKey === key)).toEqual([]);
    const quarantined = (await listWorkItems(store, { queue: 'quarantined-files' })).items.filter((i) => i.details.fileKey === key);
    expect(quarantined).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ segment: 'CLP', segmentPosition: 9, element: 1 }) }),
    ]);
    expect(JSON.stringify(report)).not.toContain('PCN-00');
  });
});

describe('a payer acknowledgement lands in the inbox', () => {
  // Two claims we sent in one batch; the payer's 999 and 277CA answer for them.
  const accepted = claim('PCN-ACK1', danaCoverage, [line('99213', 9_000)], { status: 'submitted' });
  const rejected = claim('PCN-ACK2', danaCoverage, [line('99213', 9_500)], { status: 'submitted' });
  let store: Store;
  let groupControlNumber: number;

  const statuses = async () => [(await store.claims.get(accepted.claimId))!, (await store.claims.get(rejected.claimId))!];
  const untouched = async () => {
    for (const record of await statuses()) {
      expect(record.claim.status).toBe('submitted');
      expect(record.timeline.map((e) => e.type)).toEqual(['created']);
    }
  };

  beforeAll(async () => {
    store = createStore(documentClient(stack.dynamodb), stack.tableName);
    await store.reference.putPayerProfile(COMMERCIAL);
    for (const c of [accepted, rejected]) await store.claims.create(c, '2026-11-20T09:00:00Z');
    const batch = await store.submissions.prepare(
      { batchId: 'B-ACK-1', payerId: COMMERCIAL.payerId, claimIds: [accepted.claimId, rejected.claimId] },
      '2026-11-20T10:00:00Z',
    );
    groupControlNumber = batch.firstGroupControlNumber;
    await store.submissions.recordQueued(batch.batchId, {
      transactionSets: [
        {
          claimType: '837P',
          groupControlNumber: String(groupControlNumber),
          controlNumber: '0001',
          patientControlNumbers: ['PCN-ACK1', 'PCN-ACK2'],
        },
      ],
      queuedAt: '2026-11-20T10:00:00Z',
      manifestKey: 'outbox/B-ACK-1.json',
    });
  });

  it('quarantines a 277CA cut mid-segment with a report naming where, fails once with a named error, and changes no claim', async () => {
    const cutAt = ack277ca.indexOf('STC*A3') + 'STC*A3:3'.length;
    const key = 'inbound/2026-11-27/277CA-cut.x12';
    const execution = await dropAndRun(key, ack277ca.slice(0, cutAt));
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('InboundFile.IncompleteAcknowledgement');
    expect(await pathOf(execution.executionArn!)).toEqual([
      'InspectFile',
      'IsRecognized',
      'ApplyAcknowledgement',
      'IsAcknowledgementReadable',
      'QuarantineAcknowledgement',
      'AcknowledgementQuarantined',
    ]);
    expect(await failedAttempts(execution.executionArn!)).toEqual([]);

    const report = await quarantineReport(key);
    expect(report).toMatchObject({
      originalKey: key,
      quarantineKey: 'quarantine/2026-11-27/277CA-cut.x12',
      problem: { reason: expect.stringContaining('TRUNCATED'), byteOffset: ack277ca.indexOf('STC*A3') },
      executionId: execution.executionArn,
    });
    await expect(s3.send(new HeadObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: key }))).rejects.toMatchObject({
      name: 'NotFound',
    });
    // Neither claim was touched: not even the one whose acceptance came before the cut.
    await untouched();
    // Positions and codes only: no names or member ids in what ops reads.
    for (const phi of ACK_PHI) {
      expect(JSON.stringify(report)).not.toContain(phi);
      expect(JSON.stringify(execution)).not.toContain(phi);
    }
  });

  it('quarantines a 999 cut before its SE (nothing applied), naming the segment it ends on', async () => {
    const whole = ack999(groupControlNumber);
    const key = 'inbound/2026-11-27/999-cut.x12';
    const execution = await dropAndRun(key, whole.slice(0, whole.indexOf('SE*')));
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('InboundFile.IncompleteAcknowledgement');
    expect(await pathOf(execution.executionArn!)).toContain('QuarantineAcknowledgement');
    expect(await failedAttempts(execution.executionArn!)).toEqual([]);
    expect(await quarantineReport(key)).toMatchObject({
      originalKey: key,
      problem: { reason: expect.stringContaining('MISSING_SE'), byteOffset: whole.indexOf('AK9'), segment: 'AK9' },
    });
    await untouched();
  });

  it('quarantines a 277CA cut before its SE, though every claim in it was readable', async () => {
    const key = 'inbound/2026-11-27/277CA-no-trailer.x12';
    const execution = await dropAndRun(key, ack277ca.slice(0, ack277ca.indexOf('SE*')));
    expect(execution.error).toBe('InboundFile.IncompleteAcknowledgement');
    expect(await quarantineReport(key)).toMatchObject({ problem: { reason: expect.stringContaining('MISSING_SE'), segment: 'DTP' } });
    await untouched();
  });

  it('quarantines a 277CA with a NUL byte inside a segment, naming where, and changes no claim', async () => {
    const key = 'inbound/2026-11-27/277CA-nul.x12';
    const execution = await dropAndRun(key, ack277ca.replace('STC*A3', 'STC*A\u00003'));
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('InboundFile.IncompleteAcknowledgement');
    expect(await pathOf(execution.executionArn!)).toContain('QuarantineAcknowledgement');
    expect(await quarantineReport(key)).toMatchObject({
      problem: {
        reason: expect.stringMatching(/^CONTROL_CHARACTER: .*STC01/),
        byteOffset: ack277ca.indexOf('STC*A3'),
        segment: 'STC',
        element: 1,
      },
    });
    await untouched();
  });

  it('quarantines a 999 with a NUL byte inside a segment, and changes no claim', async () => {
    const key = 'inbound/2026-11-27/999-nul.x12';
    const execution = await dropAndRun(key, ack999(groupControlNumber).replace('AK9*', 'AK9*\u0000'));
    expect(execution.error).toBe('InboundFile.IncompleteAcknowledgement');
    expect(await quarantineReport(key)).toMatchObject({ problem: { segment: 'AK9', element: 1 } });
    await untouched();
  });

  it('still applies a whole 999 and 277CA: the batch accepted, then one claim accepted and one rejected at the front door', async () => {
    const first = await dropAndRun('inbound/2026-11-27/999-whole.x12', ack999(groupControlNumber));
    expect(first.status).toBe('SUCCEEDED');
    expect(JSON.parse(first.output!).applied).toMatchObject({ kind: '999', status: 'applied', accepted: 2, rejected: 0, unmatched: 0 });
    expect((await statuses()).map((r) => r.claim.status)).toEqual(['accepted', 'accepted']);

    const second = await dropAndRun('inbound/2026-11-27/277CA-whole.x12', ack277ca);
    expect(second.status).toBe('SUCCEEDED');
    expect(await pathOf(second.executionArn!)).toEqual([
      'InspectFile',
      'IsRecognized',
      'ApplyAcknowledgement',
      'IsAcknowledgementReadable',
      'AcknowledgementApplied',
    ]);
    expect(JSON.parse(second.output!).applied).toMatchObject({ kind: '277CA', status: 'applied', accepted: 1, rejected: 1, unmatched: 0 });
    expect((await statuses()).map((r) => r.claim.status)).toEqual(['accepted', 'rejected']);
    for (const phi of ACK_PHI) expect(second.output).not.toContain(phi);
  });
});
