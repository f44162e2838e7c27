import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkItem } from '#functions/queues/work-items.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';

const run = promisify(execFile);
let env: PayerStack;

beforeAll(async () => {
  env = await startPayerStack([]);
  const now = new Date('2026-01-20T09:00:00Z');
  const base = { queue: 'denials' as const, payerId: 'PAYER1', details: { carc: ['CO-16'] }, raisedBy: 'PostRemittance' };
  await openWorkItem(
    env.store,
    {
      ...base,
      workItemId: 'DEN-1',
      kind: 'correctable',
      claimId: 'CLM-1',
      amountCents: 12_500,
      deadline: '2026-03-01',
      summary: 'CO-16 missing information: correct and resubmit by 2026-03-01',
      actions: ['correct', 'write-off'],
    },
    now,
  );
  await openWorkItem(
    env.store,
    {
      ...base,
      workItemId: 'DEN-2',
      kind: 'appealable',
      claimId: 'CLM-2',
      amountCents: 98_000,
      deadline: '2026-02-15',
      summary: 'CO-50 medical necessity: appeal by 2026-02-15',
      actions: ['appeal', 'write-off'],
    },
    now,
  );
}, 120_000);
afterAll(async () => {
  await env?.stack.stop();
});

async function invoke(functionName: string, payload: unknown): Promise<{ error?: string; body: Record<string, unknown> }> {
  const out = await env.lambda.send(
    new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode(JSON.stringify(payload)) }),
  );
  const body = JSON.parse(new TextDecoder().decode(out.Payload)) as Record<string, unknown>;
  return out.FunctionError ? { error: out.FunctionError, body } : { body };
}

describe('work queues through the Lambda API', () => {
  it('lists the denials queue, soonest deadline first, and decides an item with who and why', async () => {
    const page = await invoke('ListWorkItems', { queue: 'denials' });
    expect((page.body.items as { workItemId: string }[]).map((i) => i.workItemId)).toEqual(['DEN-2', 'DEN-1']);
    const decided = await invoke('ResolveWorkItem', {
      workItemId: 'DEN-1',
      action: 'write-off',
      reason: 'payer will not take it back',
      decidedBy: 'biller-3',
    });
    expect(decided.body).toMatchObject({
      status: 'resolved',
      item: { status: 'resolved', resolution: { action: 'write-off', decidedBy: 'biller-3' } },
    });
    const item = await invoke('GetWorkItem', { workItemId: 'DEN-1' });
    expect(item.body).toMatchObject({ resolution: { reason: 'payer will not take it back' } });
  });

  it('answers a bad request with a typed error that names the field', async () => {
    const bad = await invoke('ResolveWorkItem', { workItemId: 'DEN-2', action: 'shred', reason: 'x', decidedBy: 'b' });
    expect(bad.error).toBeDefined();
    expect(bad.body).toMatchObject({ errorType: 'InputValidationError', errorMessage: expect.stringContaining('action') });
    const missing = await invoke('GetWorkItem', { workItemId: 'NOPE' });
    expect(missing.body).toMatchObject({ errorType: 'RecordNotFoundError' });
  });

  it('is worked from the rcm tool: list, show and resolve', async () => {
    const endpoint = ['--endpoint', env.stack.endpoints.lambda];
    const list = await run('node', ['bin/rcm.js', 'queue', 'list', 'denials', ...endpoint]);
    expect(list.stdout).toContain('DEN-2');
    expect(list.stdout).toContain('$980.00');
    expect(list.stdout).not.toContain('DEN-1');
    const show = await run('node', ['bin/rcm.js', 'queue', 'show', 'DEN-2', ...endpoint]);
    expect(show.stdout).toContain('CO-50 medical necessity');
    const resolve = await run('node', [
      'bin/rcm.js',
      'queue',
      'resolve',
      'DEN-2',
      '--action',
      'appeal',
      '--reason',
      'records support it',
      '--by',
      'biller-4',
      ...endpoint,
    ]);
    expect(resolve.stdout).toContain('DEN-2: appeal recorded');
    const json = await run('node', ['bin/rcm.js', 'queue', 'list', 'denials', '--resolved', '--json', ...endpoint]);
    expect((JSON.parse(json.stdout) as { items: { workItemId: string }[] }).items.map((i) => i.workItemId).sort()).toEqual([
      'DEN-1',
      'DEN-2',
    ]);
    await expect(
      run('node', ['bin/rcm.js', 'queue', 'resolve', 'DEN-9', '--action', 'appeal', '--reason', 'nope', ...endpoint]),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('RecordNotFoundError'),
    });
    // A queue name the system does not have is refused before any call, with the names it does have.
    await expect(run('node', ['bin/rcm.js', 'queue', 'list', 'denial', ...endpoint])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('unknown queue denial; one of denials, appeals, holds'),
    });
  });
});
