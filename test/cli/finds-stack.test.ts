import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
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

  it('with no stack running and no AWS region, says so and how to start one, instead of "Region is missing"', async () => {
    await stack!.stop();
    stack = undefined;
    await expect(rcm('executions', 'list')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No local stack of this checkout is running. Start one with `npm run local`'),
    });
  });
});
