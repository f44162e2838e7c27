import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listWorkItems } from '#functions/queues/work-items.ts';
import { createStore, documentClient } from '#functions/store/index.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';

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
  });

  it('quarantines a file that is not X12, with a report saying what and where, and loses nothing', async () => {
    const body = 'Dear provider, please find attached...';
    const execution = await dropAndRun('inbound/2026-11-27/letter.txt', body);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('InboundFile.Unrecognized');

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
    expect(entered).toEqual(['InspectFile', 'IsRecognized', 'PostRemittance', 'IsRemittanceReadable', 'RemittancePosted']);
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
      'PostRemittance',
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
});
