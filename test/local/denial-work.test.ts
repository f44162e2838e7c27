/**
 * A denial worked to the end on the local stack: the sandbox payer bundles an ECG interpretation into
 * the ECG (CO-97), the posting run raises a classified denial in the denials queue, the claim's workflow
 * waits on it, a biller decides to write it off through the Lambda API, and the claim closes with the
 * insurer's balance at zero, to the cent.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balancesByClaim, zeroBalances } from '#functions/accounts/balances.ts';
import { chargePosting } from '#functions/accounts/clerk-postings.ts';
import { listWorkItems } from '#functions/queues/work-items.ts';
import { claim, coverage, line, patient } from '#test/payers/exchange/fixtures.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';

const DAY = 86_400_000;
const kim = patient('PAT-4001', { firstName: 'Kim', lastName: 'Bundle' });
const kimCoverage = coverage(kim, 'COPAY40001');
const ecg = claim(
  'PCN-DW1',
  kimCoverage,
  [
    line('93000', 6_000, { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' }),
    line('93010', 2_500, { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' }),
  ],
  { diagnoses: [{ code: 'I10' }] },
);

let env: PayerStack;
let executionArn: string;

beforeAll(async () => {
  env = await startPayerStack([[kim, kimCoverage]]);
  await env.store.claims.create(ecg, ecg.createdAt);
  await env.store.ledger.post(
    chargePosting({
      accountId: ecg.accountId,
      claimId: ecg.claimId,
      amountCents: ecg.totalChargeCents,
      to: 'primary',
      postedAt: ecg.createdAt,
    }),
  );
}, 120_000);
afterAll(async () => env?.stack.stop());

const statesEntered = async (arn: string): Promise<string[]> => {
  const { events } = await env.sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 1000 }));
  return (events ?? []).flatMap((e) => (e.stateEnteredEventDetails?.name ? [e.stateEnteredEventDetails.name] : []));
};
const owed = async () => balancesByClaim((await env.store.ledger.getLedger(ecg.accountId)).entries).get(ecg.claimId) ?? zeroBalances();

describe('a denied line is worked to the end', () => {
  it('is raised in the denials queue, classified, with its amount and deadline, and the workflow waits on it', async () => {
    ({ executionArn } = (await env.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: env.stack.stateMachineArns.ClaimLifecycle,
        name: `life-${ecg.claimId}`,
        input: JSON.stringify({ claimId: ecg.claimId }),
      }),
    )) as { executionArn: string });
    await env.stack.settle();
    await env.stack.advanceClock(2 * 3_600_000);
    await env.stack.advanceClock(8 * DAY);
    expect((await env.store.claims.get(ecg.claimId))?.claim.status).toBe('partially-paid');
    const denials = (await listWorkItems(env.store, { queue: 'denials' })).items.filter((i) => i.claimId === ecg.claimId);
    expect(denials).toHaveLength(1);
    expect(denials[0]).toMatchObject({
      kind: 'correctable',
      amountCents: 2_500,
      awaited: true,
      actions: ['correct', 'write-off'],
      details: expect.objectContaining({ carc: ['CO-97'], recommendedAction: 'correct-and-resubmit' }),
    });
    expect(denials[0]!.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await env.sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    expect((await statesEntered(executionArn)).at(-1)).toBe('WorkDenial');
    expect((await owed()).primary).toBe(2_500);
  });

  it('a biller writes it off through the Lambda API: the claim closes and the insurer owes nothing', async () => {
    const [denial] = (await listWorkItems(env.store, { queue: 'denials' })).items.filter((i) => i.claimId === ecg.claimId);
    const reply = await env.lambda.send(
      new InvokeCommand({
        FunctionName: 'ResolveWorkItem',
        Payload: new TextEncoder().encode(
          JSON.stringify({ workItemId: denial!.workItemId, action: 'write-off', reason: 'bundled by contract', decidedBy: 'biller-2' }),
        ),
      }),
    );
    expect(reply.FunctionError).toBeUndefined();
    await env.stack.settle();
    const execution = await env.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toMatchObject({ claimId: ecg.claimId, status: 'closed', writtenOffCents: 2_500 });
    expect((await statesEntered(executionArn)).slice(-4)).toEqual(['WorkDenial', 'DenialDecided', 'WriteOff', 'WrittenOff']);
    expect((await env.store.claims.get(ecg.claimId))?.claim.status).toBe('closed');
    const balances = await owed();
    expect(balances.primary).toBe(0);
    const writeOffs = (await env.store.ledger.getLedger(ecg.accountId)).entries.filter((e) => e.kind === 'write-off');
    expect(writeOffs.map((e) => [e.reasonCode, e.splits])).toEqual([['CO-97', [{ responsibility: 'primary', amountCents: -2_500 }]]]);
  });
});
