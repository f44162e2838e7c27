/**
 * The console's feed as it runs in AWS, against the local stack and a console table in its DynamoDB
 * Local: the status-change event of a claim's lifecycle enters the index with the state it sits in; as
 * the claim moves (acknowledged, then waiting for adjudication) the minute's refresher reads where it
 * went and the counts per state follow it; an execution whose start event was lost is found by the
 * refresher. The event the rule delivers is read as EventBridge sends it.
 */
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoConsoleStores } from '#functions/console/console-stores.ts';
import { consoleTable } from '#functions/console/console-table.ts';
import { ExecutionFeed, observeStatusChange } from '#functions/console/execution-feed.ts';
import { refreshExecutionIndex } from '#functions/console/execution-refresher.ts';
import { statusChangeEvent } from '#functions/console/feed-handlers.ts';
import { ensureTable } from '#infra/local/dynamodb.ts';
import type { Claim } from '#schemas/claim.ts';
import { claim, coverage, line, patient } from '#test/payers/exchange/fixtures.ts';
import { putClaimOnTheBooks, startLifecycle, statesEntered } from '#test/support/lifecycle-scenario.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';

const bea = patient('PAT-9801', { firstName: 'Bea', lastName: 'Feed', dateOfBirth: '1980-05-01' });
const beaCoverage = coverage(bea, 'COPAY98010');
const visit: Claim = claim('PCN-FEED-A', beaCoverage, [line('99213', 15_000)], { diagnoses: [{ code: 'I10' }] });
const followUp: Claim = claim('PCN-FEED-B', beaCoverage, [line('99214', 21_000)], { diagnoses: [{ code: 'I10' }] });

let env: PayerStack;
let feed: ExecutionFeed;

beforeAll(async () => {
  env = await startPayerStack([[bea, beaCoverage]]);
  await ensureTable(env.stack.dynamodb, 'ConsoleState', consoleTable);
  feed = new ExecutionFeed(env.sfn, dynamoConsoleStores(env.stack.dynamodb, 'ConsoleState').executions);
  await putClaimOnTheBooks(env, visit);
  await putClaimOnTheBooks(env, followUp);
});
afterAll(async () => env?.stack.stop());

/** The status-change event Step Functions sends for an execution as it is now (input and output left out by the rule). */
async function statusEvent(executionArn: string) {
  const d = await env.sfn.send(new DescribeExecutionCommand({ executionArn }));
  return {
    version: '0',
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    detail: {
      executionArn,
      stateMachineArn: d.stateMachineArn,
      name: d.name,
      status: d.status,
      startDate: d.startDate!.getTime(),
      stopDate: d.stopDate ? d.stopDate.getTime() : null,
    },
  };
}

describe('the console feed in AWS', () => {
  it('indexes a claim from its status event, follows it from state to state with the refresher, and finds executions whose events were lost', async () => {
    const executionArn = await startLifecycle(env, visit.claimId);
    const event = statusChangeEvent.parse(await statusEvent(executionArn));
    await observeStatusChange(feed, event.detail);
    const indexed = await feed.index.get(executionArn);
    expect(indexed).toMatchObject({ name: `life-${visit.claimId}`, workflow: 'ClaimLifecycle', status: 'RUNNING', claimId: visit.claimId });
    const firstState = indexed!.currentState!;
    expect(firstState).toBeTruthy();
    expect(await feed.index.countsByState({ workflow: 'ClaimLifecycle', status: 'RUNNING' }, env.stack.clock.now())).toEqual({
      [firstState]: 1,
    });

    // The follow-up's start event never arrives; the clock moves the first claim on (no status event: it still runs).
    await startLifecycle(env, followUp.claimId);
    await env.stack.advanceClock(2 * 3_600_000);
    const stateMachineArns = [env.stack.stateMachineArns.ClaimLifecycle!];
    expect(await refreshExecutionIndex(env.sfn, feed, stateMachineArns)).toEqual({ discovered: 1, refreshed: 2 });

    const moved = await feed.index.get(executionArn);
    const described = await env.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(moved!.status).toBe(described.status);
    expect(moved!.currentState).toBe((await statesEntered(env, executionArn)).at(-1));
    expect(moved!.currentState).not.toBe(firstState);
    const counts = await feed.index.countsByState({ workflow: 'ClaimLifecycle' }, env.stack.clock.now());
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(2);
    expect((await feed.index.search({ text: followUp.claimId }, env.stack.clock.now())).executions.map((e) => e.claimId)).toEqual([
      followUp.claimId,
    ]);
    // Known and running: a second pass discovers nothing and refreshes both.
    expect(await refreshExecutionIndex(env.sfn, feed, stateMachineArns)).toEqual({ discovered: 0, refreshed: 2 });
  });

  it('reads the event as EventBridge sends it, numbers quoted or not, and never keeps its input or output', () => {
    const detail = {
      executionArn: 'arn:aws:states:us-east-1:111122223333:execution:ClaimLifecycle:life-CLM-1',
      stateMachineArn: 'arn:aws:states:us-east-1:111122223333:stateMachine:ClaimLifecycle',
      name: 'life-CLM-1',
      status: 'SUCCEEDED',
      startDate: 1_767_000_000_000,
      stopDate: 1_767_000_500_000,
      input: '{"claimId":"CLM-1"}',
      output: '{"paidCents":100}',
    };
    expect(statusChangeEvent.parse({ detail }).detail).toEqual({
      executionArn: detail.executionArn,
      stateMachineArn: detail.stateMachineArn,
      name: 'life-CLM-1',
      status: 'SUCCEEDED',
      startDate: 1_767_000_000_000,
      stopDate: 1_767_000_500_000,
    });
    expect(statusChangeEvent.parse({ detail: { ...detail, startDate: '1767000000000', stopDate: 'null' } }).detail).toMatchObject({
      startDate: 1_767_000_000_000,
      stopDate: null,
    });
  });
});
