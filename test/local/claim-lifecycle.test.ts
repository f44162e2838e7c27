/**
 * A claim's life through the ClaimLifecycle workflow on the local stack, with the embedded sandbox
 * payer: the workflow waits on task tokens that the acknowledgement and remittance functions resume.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '#functions/store/index.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { startPayerStack } from '#test/support/payer-stack.ts';
import { addDays } from '#functions/claims/calendar.ts';
import { listWorkItems, resolveWorkItem } from '#functions/queues/work-items.ts';
import { sendTaskSuccessWith } from '#functions/task-tokens/resume.ts';
import {
  claim,
  COMMERCIAL,
  coverage,
  dana,
  danaCoverage,
  doctor,
  line,
  newDoctor,
  nico,
  nicoCoverage,
  patient,
  terry,
  terryCoverage,
} from '#test/payers/exchange/fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let stack: LocalStack;
let sfn: SFNClient;
let store: Store;
let lambda: LambdaClient;

const pending = patient('PAT-3001', { firstName: 'Pat', lastName: 'Pendleton' });
const pendingCoverage = coverage(pending, 'PEND30001');
const paidVisit = claim('PCN-LC1', danaCoverage, [line('99213', 9_000, { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' })]);
// Rendered by a physician the payer has not enrolled yet: clean to the scrubber, rejected at the payer's front door (277CA A7:562).
const rejectedVisit = claim(
  'PCN-LC2',
  danaCoverage,
  [line('99214', 15_000, { serviceDateFrom: '2026-01-13', serviceDateTo: '2026-01-13' })],
  {
    renderingProviderId: newDoctor.providerId,
  },
);
const unknownMemberVisit = claim('PCN-LC5', nicoCoverage, [
  line('99213', 9_000, { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' }),
]);
const endedPlanVisit = claim('PCN-LC3', terryCoverage, [
  line('99213', 9_000, { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' }),
]);
const pendedVisit = claim('PCN-LC4', pendingCoverage, [
  line('99213', 9_000, { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' }),
]);

beforeAll(async () => {
  ({ stack, sfn, store, lambda } = await startPayerStack([
    [dana, danaCoverage],
    [nico, nicoCoverage],
    [terry, terryCoverage],
    [pending, pendingCoverage],
  ]));
  for (const c of [paidVisit, rejectedVisit, endedPlanVisit, pendedVisit, unknownMemberVisit]) await store.claims.create(c, c.createdAt);
});
afterAll(async () => stack?.stop());

async function start(claimId: string): Promise<string> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: stack.stateMachineArns.ClaimLifecycle,
      name: `life-${claimId}`,
      input: JSON.stringify({ claimId }),
    }),
  );
  await stack.settle();
  return executionArn!;
}
const describe_ = (executionArn: string) => sfn.send(new DescribeExecutionCommand({ executionArn }));
async function statesEntered(executionArn: string): Promise<string[]> {
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return (events ?? []).flatMap((e) => (e.stateEnteredEventDetails?.name ? [e.stateEnteredEventDetails.name] : []));
}

describe('a claim goes through its life with the payer (ClaimLifecycle)', () => {
  let paidArn: string;
  let rejectedArn: string;
  let pendedArn: string;
  let endedArn: string;
  let unknownArn: string;

  it('is checked for eligibility, submitted, and then waits for the payer without polling', async () => {
    paidArn = await start(paidVisit.claimId);
    rejectedArn = await start(rejectedVisit.claimId);
    pendedArn = await start(pendedVisit.claimId);
    for (const arn of [paidArn, rejectedArn, pendedArn]) expect((await describe_(arn)).status).toBe('RUNNING');
    expect(await statesEntered(paidArn)).toEqual([
      'CheckInput',
      'Begin',
      'Scrub',
      'IsClean',
      'VerifyEligibility',
      'IsCovered',
      'Submit',
      'AwaitAcknowledgement',
    ]);
    expect((await store.claims.get(paidVisit.claimId))?.claim.status).toBe('submitted');
  });

  it('a plan that ended, or a member the payer does not know, holds the claim before it is sent, for a person to resolve', async () => {
    endedArn = await start(endedPlanVisit.claimId);
    unknownArn = await start(unknownMemberVisit.claimId);
    for (const [arn, visit] of [
      [endedArn, endedPlanVisit],
      [unknownArn, unknownMemberVisit],
    ] as const) {
      expect((await describe_(arn)).status).toBe('RUNNING');
      expect(await statesEntered(arn)).toEqual([
        'CheckInput',
        'Begin',
        'Scrub',
        'IsClean',
        'VerifyEligibility',
        'IsCovered',
        'HoldForEligibility',
      ]);
      expect((await store.claims.get(visit.claimId))?.claim.status).toBe('scrubbed');
    }
    const holds = await listWorkItems(store, { queue: 'holds' });
    const held = holds.items.filter((i) => i.claimId === endedPlanVisit.claimId || i.claimId === unknownMemberVisit.claimId);
    expect(held.map((i) => [i.claimId, i.kind, i.awaited, i.amountCents])).toEqual(
      expect.arrayContaining([
        [endedPlanVisit.claimId, 'eligibility', true, 9_000],
        [unknownMemberVisit.claimId, 'eligibility', true, 9_000],
      ]),
    );
    // Filing deadline: the payer's timely-filing days from the date of service.
    expect(held.find((i) => i.claimId === endedPlanVisit.claimId)?.deadline).toBe(addDays('2026-01-12', COMMERCIAL.timelyFilingDays));
  });

  it('the clerk dismisses the ended plan (the claim stops, not eligible) and corrects the unknown member id, which sends the claim on', async () => {
    const holdOf = async (claimId: string) => (await store.workItems.forClaim(claimId, 'holds'))[0]!;
    const resume = sendTaskSuccessWith(sfn);
    const at = new Date('2026-01-20T10:00:00Z');
    await resolveWorkItem(
      store,
      resume,
      {
        workItemId: (await holdOf(endedPlanVisit.claimId)).workItemId,
        action: 'dismiss',
        reason: 'plan ended; billing the patient',
        decidedBy: 'clerk-1',
      },
      at,
    );
    await store.patients.putCoverage({ ...nicoCoverage, memberId: 'FULL40004' });
    await resolveWorkItem(
      store,
      resume,
      {
        workItemId: (await holdOf(unknownMemberVisit.claimId)).workItemId,
        action: 'resume',
        reason: 'member id corrected from the card',
        decidedBy: 'clerk-1',
      },
      at,
    );
    await stack.settle();
    const ended = await describe_(endedArn);
    expect(ended.status).toBe('FAILED');
    expect(ended.error).toBe('Claim.NotEligible');
    expect((await describe_(unknownArn)).status).toBe('RUNNING');
    expect((await statesEntered(unknownArn)).slice(6)).toEqual([
      'HoldForEligibility',
      'CountHold',
      'AfterHold',
      'VerifyEligibility',
      'IsCovered',
      'Submit',
      'AwaitAcknowledgement',
    ]);
    expect((await store.claims.get(unknownMemberVisit.claimId))?.claim.status).toBe('submitted');
  });

  it('the 277CA resumes the waiting workflows: the claim of the physician the payer has not enrolled is rejected, the others wait for their remittance', async () => {
    await stack.advanceClock(2 * HOUR);
    // The rejection waits in the rejections queue with the payer's category and the charges at stake, and the workflow waits on it.
    expect((await describe_(rejectedArn)).status).toBe('RUNNING');
    expect((await statesEntered(rejectedArn)).at(-1)).toBe('WorkRejection');
    const rejections = (await listWorkItems(store, { queue: 'rejections' })).items.filter((i) => i.claimId === rejectedVisit.claimId);
    expect(rejections.map((i) => [i.kind, i.amountCents, i.details.statusCode, i.actions])).toEqual([
      ['277CA', 15_000, 'A7', ['resubmit', 'dismiss']],
    ]);
    expect((await store.claims.get(rejectedVisit.claimId))?.claim.status).toBe('rejected');
    expect(await statesEntered(paidArn)).toContain('AwaitAdjudication');
    expect((await describe_(paidArn)).status).toBe('RUNNING');
  });

  it('the clerk moves the rejected visit to the enrolled physician and resubmits it: scrubbed again and sent again as an original', async () => {
    const amend = await lambda.send(
      new InvokeCommand({
        FunctionName: 'AmendClaim',
        Payload: new TextEncoder().encode(
          JSON.stringify({
            claimId: rejectedVisit.claimId,
            amendedBy: 'clerk-1',
            reason: 'rendered by the enrolled physician covering the clinic',
            changes: { renderingProviderId: doctor.providerId },
          }),
        ),
      }),
    );
    expect(amend.FunctionError).toBeUndefined();
    const [rejection] = (await listWorkItems(store, { queue: 'rejections' })).items.filter((i) => i.claimId === rejectedVisit.claimId);
    await resolveWorkItem(
      store,
      sendTaskSuccessWith(sfn),
      { workItemId: rejection!.workItemId, action: 'resubmit', reason: 'rendering provider corrected', decidedBy: 'clerk-1' },
      new Date('2026-01-20T12:00:00Z'),
    );
    await stack.settle();
    expect((await statesEntered(rejectedArn)).slice(-10)).toEqual([
      'WorkRejection',
      'RejectionDecided',
      'CanResubmit',
      'PrepareResubmission',
      'Scrub',
      'IsClean',
      'VerifyEligibility',
      'IsCovered',
      'Submit',
      'AwaitAcknowledgement',
    ]);
    const record = (await store.claims.get(rejectedVisit.claimId))!;
    expect(record.claim).toMatchObject({ status: 'submitted', frequencyCode: '1', renderingProviderId: doctor.providerId });
    expect(await store.submissions.get(`${rejectedVisit.claimId}-LC-1`)).not.toBeNull();
  });

  it('the 835 resumes the paid claim, which ends paid', async () => {
    await stack.advanceClock(8 * DAY);
    const paid = await describe_(paidArn);
    expect(paid.status).toBe('SUCCEEDED');
    expect(JSON.parse(paid.output!)).toMatchObject({
      claimId: paidVisit.claimId,
      status: 'paid',
      payerId: COMMERCIAL.payerId,
      followUps: 0,
    });
    expect((await store.claims.get(paidVisit.claimId))?.claim.status).toBe('paid');
    // The rejected claim, fixed and resubmitted by the clerk, is paid in the same payment cycle.
    expect((await describe_(rejectedArn)).status).toBe('SUCCEEDED');
    expect(['paid', 'closed']).toContain((await store.claims.get(rejectedVisit.claimId))?.claim.status);
    // The claim held for an unknown member id, corrected and resumed by the clerk, is paid too.
    expect((await describe_(unknownArn)).status).toBe('SUCCEEDED');
    expect((await store.claims.get(unknownMemberVisit.claimId))?.claim.status).toBe('paid');
  });

  it('a pended claim outlasts the 30-day wait: the workflow asks the payer (276/277) at growing intervals and ends paid when the 835 comes', async () => {
    expect((await describe_(pendedArn)).status).toBe('RUNNING');
    await stack.advanceClock(40 * DAY);
    const execution = await describe_(pendedArn);
    expect(execution.status).toBe('SUCCEEDED');
    // The sandbox pends 45 days: asked at day 30, then 3 and 7 days later; paid during the 14-day wait.
    expect(JSON.parse(execution.output!)).toMatchObject({ status: 'paid', followUps: 3 });
    const entered = await statesEntered(pendedArn);
    expect(entered.filter((s) => s === 'FollowUp')).toHaveLength(3);
    expect(entered.filter((s) => s === 'AwaitAdjudication')).toHaveLength(4);
    // What the payer answered to each 276 is on the claim's timeline, not dropped, at the growing intervals.
    const answers = (await store.claims.get(pendedVisit.claimId))!.timeline.filter((e) => e.type === 'status-answered');
    expect(answers.map((a) => a.type === 'status-answered' && [a.found, a.phase])).toEqual([
      [true, 'pending'],
      [true, 'pending'],
      [true, 'pending'],
    ]);
    const gapsInHours = answers.slice(1).map((a, i) => Math.round((Date.parse(a.at) - Date.parse(answers[i]!.at)) / HOUR));
    expect(gapsInHours).toEqual([3 * 24, 7 * 24]);
    // Nothing is left waiting on any claim.
    for (const c of [paidVisit, rejectedVisit, pendedVisit]) expect(await store.waits.takeIfEnded(c.claimId, 'paid')).toBeNull();
  });
});

describe('a ClaimLifecycle started with the wrong input', () => {
  it.each(['null', '[]', '42', '"CLM-1"', '{}', '{"claimId": 7}'])(
    'fails at once with Workflow.InvalidInput for %s, naming what it takes',
    async (input) => {
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: stack.stateMachineArns.ClaimLifecycle, input }));
      await stack.settle();
      const execution = await describe_(executionArn!);
      expect(execution).toMatchObject({ status: 'FAILED', error: 'Workflow.InvalidInput', cause: expect.stringContaining('{ "claimId":') });
      expect(await statesEntered(executionArn!)).toEqual(['CheckInput', 'InvalidInput']);
    },
  );
});

describe('the other workflows started with the wrong input', () => {
  const wrong = ['null', '[]', '42', '"CLM-1"', '{}'];
  it.each([
    ...wrong.map((input) => ['EligibilityCheck', input] as const),
    ['EligibilityCheck', '{"patientId": "PAT-1", "coverageId": 7, "providerId": "PRV-1"}'] as const,
    ['EligibilityCheck', '{"claimId": 7}'] as const,
    ...wrong.map((input) => ['ClaimSubmission', input] as const),
    ['ClaimSubmission', '{"batchId": "B-1", "payerId": "SBXCOMM01", "claimIds": []}'] as const,
  ])('%s fails at once with Workflow.InvalidInput for %s, naming what it takes', async (machine, input) => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: stack.stateMachineArns[machine], input }));
    await stack.settle();
    const execution = await describe_(executionArn!);
    expect(execution).toMatchObject({
      status: 'FAILED',
      error: 'Workflow.InvalidInput',
      cause: expect.stringContaining(`${machine} takes {`),
    });
    expect(await statesEntered(executionArn!)).toEqual(['CheckInput', 'InvalidInput']);
  });
});
