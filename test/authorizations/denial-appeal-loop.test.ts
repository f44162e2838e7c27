/**
 * The whole loop on the local stack: a lumbar MRI goes out without an authorization (the hospital's
 * profile of the payer did not yet list the code), the payer denies it CO-197; the clerk obtains the
 * authorization afterwards through the AuthorizationRequest workflow (a 278 the sandbox payer
 * certifies); the appeal carries its number, the payer overturns the denial and pays the MRI.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balancesByClaim, zeroBalances } from '#functions/accounts/balances.ts';
import { listWorkItems } from '#functions/queues/work-items.ts';
import type { AuthorizationDecision } from '#schemas/authorization-request.ts';
import type { WorkItem, WorkQueue } from '#schemas/work-item.ts';
import { claim, COMMERCIAL, coverage, line, patient } from '#test/payers/exchange/fixtures.ts';
import { execution, putClaimOnTheBooks, startLifecycle } from '#test/support/lifecycle-scenario.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';

const DAY = 86_400_000;
const rae = patient('PAT-7201', { firstName: 'Rae', lastName: 'Retro', dateOfBirth: '1969-02-02' });
const raeCoverage = coverage(rae, 'FULL72001');
const mri = claim('PCN-PA-LOOP', raeCoverage, [line('72148', 150_000)], { diagnoses: [{ code: 'M54.50' }] });

let env: PayerStack;
let lifecycle: string;

const invoke = async <T = Record<string, unknown>>(name: string, payload: unknown): Promise<T> => {
  const reply = await env.lambda.send(
    new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode(JSON.stringify(payload)) }),
  );
  const body = JSON.parse(new TextDecoder().decode(reply.Payload)) as T;
  if (reply.FunctionError) throw new Error(`${name}: ${JSON.stringify(body)}`);
  return body;
};
const decide = (workItemId: string, action: string, reason: string) =>
  invoke('ResolveWorkItem', { workItemId, action, reason, decidedBy: 'billing-clerk-1' });
const itemsOf = async (queue: WorkQueue): Promise<WorkItem[]> =>
  (await listWorkItems(env.store, { queue, status: 'open', limit: 200 })).items.filter((i) => i.claimId === mri.claimId);

beforeAll(async () => {
  env = await startPayerStack([[rae, raeCoverage]]);
  // The payer added the MRI to its prior-authorization list recently: our profile does not list it yet.
  await env.store.reference.putPayerProfile({ ...COMMERCIAL, authorizationRequiredCodes: [] });
  await putClaimOnTheBooks(env, mri);
  lifecycle = await startLifecycle(env, mri.claimId);
  await env.stack.advanceClock(2 * 3_600_000);
  await env.stack.advanceClock(8 * DAY);
}, 180_000);
afterAll(async () => env?.stack.stop());

describe('no authorization → CO-197 → authorization obtained → appeal overturned → paid', () => {
  let authorizationNumber: string;

  it('the payer denies the MRI for want of an authorization', async () => {
    expect((await env.store.claims.get(mri.claimId))?.claim.status).toBe('denied');
    const [denial] = await itemsOf('denials');
    expect(denial).toMatchObject({ details: expect.objectContaining({ carc: ['CO-197'] }) });
  });

  it('the clerk obtains the authorization afterwards, covering the date of service', async () => {
    const { executionArn } = await env.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: env.stack.stateMachineArns.AuthorizationRequest,
        name: 'auth-PA-7201-MRI',
        input: JSON.stringify({
          authorizationId: 'PA-7201-MRI',
          patientId: rae.patientId,
          coverageId: raeCoverage.coverageId,
          providerId: 'PRV-HOSP',
          services: [{ procedureCode: '72148', units: 1 }],
          diagnosisCodes: ['M5450'],
          serviceTypeCode: '73',
          validFrom: mri.lines[0]!.serviceDateFrom,
          validThrough: '2026-04-30',
        }),
      }),
    );
    await env.stack.settle();
    const done = await execution(env, executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    const decision = JSON.parse(done.output ?? '{}') as AuthorizationDecision;
    expect(decision).toMatchObject({ status: 'approved', approvedUnits: 1 });
    authorizationNumber = decision.authorizationNumber!;
  });

  it('the appeal carries the number; the payer overturns the denial and pays the MRI', async () => {
    const [denial] = await itemsOf('denials');
    await decide(denial!.workItemId, 'appeal', 'authorization obtained after the service');
    await env.stack.settle();
    const drafted = await invoke('DraftAppeal', { claimId: mri.claimId, denialWorkItemId: denial!.workItemId, executionId: 'loop' });
    const stored = await env.stack.s3.send(
      new GetObjectCommand({ Bucket: env.stack.bucketNames.Reports, Key: `appeals/${drafted.appealId}/packet.json` }),
    );
    const packet = JSON.parse((await stored.Body?.transformToString('utf8')) ?? '{}');
    expect(packet.evidence).toEqual(
      expect.arrayContaining([{ kind: 'authorization-number', description: expect.any(String), reference: authorizationNumber }]),
    );
    await decide(drafted.workItemId as string, 'approve', 'packet complete');
    const result = await invoke('SubmitAppeal', { claimId: mri.claimId, appealId: drafted.appealId, workItemId: drafted.workItemId });
    expect(result).toMatchObject({ outcome: 'overturned', appealStatus: 'won' });
    await env.stack.advanceClock(DAY);
    await env.stack.settle();
    await env.stack.advanceClock(8 * DAY);
    const owed = balancesByClaim((await env.store.ledger.getLedger(mri.accountId)).entries).get(mri.claimId) ?? zeroBalances();
    expect(owed.primary).toBe(0);
    expect(['paid', 'closed']).toContain((await env.store.claims.get(mri.claimId))?.claim.status);
    expect((await execution(env, lifecycle)).status).not.toBe('FAILED');
  });
});
