import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials } from '#infra/local/credentials.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { isolatedRcm } from '#test/support/isolated-rcm.ts';

const { stacksDir, rcm } = isolatedRcm(60_000);

let stack: LocalStack | undefined;
beforeAll(async () => {
  process.env.RCM_STACKS_DIR = stacksDir;
  // A data directory outside .local/stack, as `rcm demo --keep-running` or `rcm local --data-dir` use.
  stack = await startLocalStack({ dataDir: mkdtempSync(join(tmpdir(), 'rcm-data-')) });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  delete process.env.RCM_STACKS_DIR;
});

describe('rcm finds the stack of this checkout and speaks plainly', () => {
  it('finds a stack whatever its data directory, and says the time is the simulated clock', async () => {
    const { stdout } = await rcm('clock', 'now');
    expect(stdout).toMatch(/^\d{4}-\d{2}-\d{2}T.*simulated clock/);
    expect(JSON.parse((await rcm('clock', 'now', '--json')).stdout)).toMatchObject({ clock: 'simulated' });
  });

  it('describes a FAILED execution and exits 0: the lookup worked', async () => {
    const sfn = new SFNClient({ endpoint: stack!.endpoints.stepFunctions, region: stack!.region, credentials: localCredentials });
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: stack!.stateMachineArns.EligibilityCheck,
        input: JSON.stringify({ claimId: 'NO-SUCH-CLAIM' }),
      }),
    );
    await stack!.settle();
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('FAILED');
    const { stdout } = await rcm('executions', 'describe', executionArn!);
    expect(stdout).toContain('FAILED');
    expect(stdout).toContain('RecordNotFoundError');
    expect(stdout).toContain('(simulated clock)');
    // The history says which clock its times are on, and never cuts a detail mid-word; --wide shows it whole.
    const history = (await rcm('executions', 'history', executionArn!)).stdout;
    expect(history).toContain('TIME (simulated clock)');
    const failed = history.split('\n').find((l) => l.includes('ExecutionFailed'))!;
    expect(failed).toMatch(/RecordNotFoundError/);
    const wide = (await rcm('executions', 'history', executionArn!, '--wide')).stdout;
    const wideFailed = wide.split('\n').find((l) => l.includes('ExecutionFailed'))!;
    expect(wideFailed.length).toBeGreaterThanOrEqual(failed.length);
    if (failed.endsWith('…')) expect(failed.replace(/…$/, '').trimEnd().split(' ').at(-1)).toMatch(/^\S+$/);
  });

  it("describes a remittance intake with its Map Run's progress: posted and remaining claims", async () => {
    const config = { region: stack!.region, credentials: localCredentials };
    const s3 = new S3Client({ ...config, endpoint: stack!.endpoints.s3, forcePathStyle: true });
    const sfn = new SFNClient({ ...config, endpoint: stack!.endpoints.stepFunctions });
    // A tiny 835 of two claims that are not ours: each is posted as unmatched, counted, not lost.
    const claim = (n: number) => `CLP*PCN-000${n}*1*200*150*50*12*PAYERCLM-000${n}*11*1~CAS*PR*2*50~NM1*QC*1*DOE*JANE****MI*ABC123~`;
    const x12 =
      'ISA*00*          *00*          *ZZ*SANDBOXPAYER   *ZZ*GENERALHOSP    *261127*0900*^*00501*000000201*0*P*:~' +
      'GS*HP*SANDBOXPAYER*GENERALHOSP*20261127*0900*201*X*005010X221A1~ST*835*0001~' +
      'BPR*I*300*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20261127~TRN*1*EFT-0000201*1512345678~' +
      'N1*PR*SANDBOX HEALTH PLAN*XV*SBXCOMM01~N1*PE*GENERAL HOSPITAL*XX*1245319599~LX*1~' +
      claim(1) +
      claim(2) +
      'SE*13*0001~GE*1*201~IEA*1*000000201~';
    await s3.send(new PutObjectCommand({ Bucket: stack!.bucketNames.Inbox, Key: 'inbound/cli/era-201.835', Body: x12 }));
    await stack!.settle();
    const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stack!.stateMachineArns.PayerFileIntake }));
    expect(executions).toHaveLength(1);
    const { stdout } = await rcm('executions', 'describe', executions![0]!.executionArn!);
    expect(stdout).toMatch(/map run\s+PostClaims: 2 posted \/ 0 remaining of 2/);
    const described = JSON.parse((await rcm('executions', 'describe', executions![0]!.executionArn!, '--json')).stdout) as {
      mapRuns: { state: string; itemCounts: { total: number; succeeded: number } }[];
    };
    expect(described.mapRuns).toEqual([
      expect.objectContaining({ state: 'PostClaims', itemCounts: expect.objectContaining({ total: 2, succeeded: 2 }) }),
    ]);
  });

  it('with no stack running and no AWS region, says so and how to start one, instead of "Region is missing"', async () => {
    await stack!.stop();
    stack = undefined;
    await expect(rcm('executions', 'list')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No local stack of this checkout is running. Start one with `npm run local`'),
    });
  });
});
