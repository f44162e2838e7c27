/**
 * Appeals worked on the local stack by the claim's own workflow, with each of its steps also called again
 * as a retry would (DraftAppeal, a person's decision, SubmitAppeal or WriteOffDenial), against DynamoDB Local, the S3
 * server and the embedded sandbox payer. A medical-necessity denial (CO-50) is appealed with the
 * records and overturned: the payer's next 835 reverses the denial, pays the line, and the claim ends
 * paid with the insurer owing nothing. An authorization denial (CO-197) with no authorization on file is
 * upheld and comes back as an appeal-upheld denial offering the second level. A packet the team rejects
 * is written off once, however often the step runs.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balancesByClaim, zeroBalances } from '#functions/accounts/balances.ts';
import { chargePosting } from '#functions/accounts/clerk-postings.ts';
import { listWorkItems } from '#functions/queues/work-items.ts';
import type { Claim } from '#schemas/claim.ts';
import type { WorkItem, WorkQueue } from '#schemas/work-item.ts';
import { claim, COMMERCIAL, coverage, line, patient } from '#test/payers/exchange/fixtures.ts';
import { execution, lifecycleArn, statesEntered } from '#test/support/lifecycle-scenario.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';

const DAY = 86_400_000;
const ana = patient('PAT-8001', { firstName: 'Ana', lastName: 'Overturn', dateOfBirth: '1971-03-09' });
const anaCoverage = coverage(ana, 'COPAY80001');
const ben = patient('PAT-8002', { firstName: 'Ben', lastName: 'Upheld', dateOfBirth: '1964-10-30' });
const benCoverage = coverage(ben, 'STD80002');
const cleo = patient('PAT-8003', { firstName: 'Cleo', lastName: 'Rejected', dateOfBirth: '1988-05-17' });
const cleoCoverage = coverage(cleo, 'COPAY80003');

// 97110 without a musculoskeletal diagnosis: the sandbox denies the line CO-50 (N115), pays the visit.
const therapy = (pcn: string, cov: typeof anaCoverage): Claim =>
  claim(pcn, cov, [line('99213', 15_000), line('97110', 8_000, { units: 2 })], { diagnoses: [{ code: 'I10' }] });
const anaClaim = therapy('PCN-APL-A', anaCoverage);
const cleoClaim = therapy('PCN-APL-C', cleoCoverage);
// A lumbar MRI billed without an authorization: CO-197 (M62).
const benClaim = claim('PCN-APL-B', benCoverage, [line('72148', 150_000)], { diagnoses: [{ code: 'M54.50' }] });

let env: PayerStack;

const invoke = async <T = Record<string, unknown>>(name: string, payload: unknown): Promise<T> => {
  const reply = await env.lambda.send(
    new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode(JSON.stringify(payload)) }),
  );
  const body = JSON.parse(new TextDecoder().decode(reply.Payload)) as T;
  if (reply.FunctionError) throw new Error(`${name}: ${JSON.stringify(body)}`);
  return body;
};
const decide = (workItemId: string, action: string, reason: string, payload?: Record<string, unknown>) =>
  invoke('ResolveWorkItem', { workItemId, action, reason, decidedBy: 'appeals-nurse-1', ...(payload ? { payload } : {}) });
const itemsOf = async (claimId: string, queue: WorkQueue, status: 'open' | 'resolved' = 'open'): Promise<WorkItem[]> =>
  (await listWorkItems(env.store, { queue, status, limit: 200 })).items.filter((i) => i.claimId === claimId);
const owed = async (c: Claim) => balancesByClaim((await env.store.ledger.getLedger(c.accountId)).entries).get(c.claimId) ?? zeroBalances();
const report = async (key: string): Promise<string | null> => {
  try {
    const out = await env.stack.s3.send(new GetObjectCommand({ Bucket: env.stack.bucketNames.Reports, Key: key }));
    return (await out.Body?.transformToString('utf8')) ?? '';
  } catch {
    return null;
  }
};

beforeAll(async () => {
  env = await startPayerStack([
    [ana, anaCoverage],
    [ben, benCoverage],
    [cleo, cleoCoverage],
  ]);
  // The hospital's profile of this payer does not yet list the MRI as needing an authorization (the payer
  // added it recently), so the scrubber lets the claim go and the payer denies it CO-197.
  await env.store.reference.putPayerProfile({ ...COMMERCIAL, authorizationRequiredCodes: [] });
  for (const c of [anaClaim, benClaim, cleoClaim]) {
    await env.store.claims.create(c, c.createdAt);
    await env.store.ledger.post(
      chargePosting({ accountId: c.accountId, claimId: c.claimId, amountCents: c.totalChargeCents, to: 'primary', postedAt: c.createdAt }),
    );
    await env.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: env.stack.stateMachineArns.ClaimLifecycle,
        name: `life-${c.claimId}`,
        input: JSON.stringify({ claimId: c.claimId }),
      }),
    );
  }
  await env.stack.settle();
  await env.stack.advanceClock(2 * 3_600_000);
  await env.stack.advanceClock(8 * DAY);
}, 180_000);
afterAll(async () => env?.stack.stop());

/** A person appeals the claim's open denial; the appeal is drafted as the workflow's DraftAppeal step will. */
const lifecycleOf = (c: Claim) => lifecycleArn(env, `life-${c.claimId}`);

async function appealDenial(c: Claim): Promise<{ denial: WorkItem; drafted: Record<string, unknown> }> {
  const [denial] = await itemsOf(c.claimId, 'denials');
  expect(denial, `denial of ${c.claimId}`).toBeDefined();
  await decide(denial!.workItemId, 'appeal', 'the records support the service');
  await env.stack.settle();
  const drafted = await invoke('DraftAppeal', {
    claimId: c.claimId,
    denialWorkItemId: denial!.workItemId,
    executionId: `life-${c.claimId}`,
  });
  return { denial: denial!, drafted };
}

describe('a CO-50 denial appealed with the records is overturned and paid', () => {
  let appeal: Record<string, unknown>;

  it('drafts the packet and letter into the Reports bucket and asks a person to approve it before the deadline', async () => {
    expect((await env.store.claims.get(anaClaim.claimId))?.claim.status).toBe('partially-paid');
    const { denial, drafted } = await appealDenial(anaClaim);
    appeal = drafted;
    expect(denial).toMatchObject({ kind: 'appealable', amountCents: 8_000, details: expect.objectContaining({ carc: ['CO-50'] }) });
    expect(drafted).toMatchObject({ level: 1, dueDate: denial.deadline });
    // From 2026-01-28 to the end of the due date, and a week less for the escalation.
    expect(drafted.deadlineSeconds).toBe((Date.parse(`${denial.deadline}T00:00:00Z`) + DAY - env.stack.clock.now()) / 1000);
    expect(drafted.escalateAfterSeconds).toBe((drafted.deadlineSeconds as number) - 7 * 86_400);
    // A retried draft is the same draft.
    expect(await invoke('DraftAppeal', { claimId: anaClaim.claimId, denialWorkItemId: denial.workItemId, executionId: 'retry' })).toEqual(
      drafted,
    );

    const letter = await report(`appeals/${drafted.appealId}/letter.txt`);
    const packet = JSON.parse((await report(`appeals/${drafted.appealId}/packet.json`)) ?? '{}');
    expect(letter).toContain('Patient: Ana Overturn, date of birth 1971-03-09, member id COPAY80001');
    expect(letter).toContain('Denial: CO-50, N115');
    expect(letter).toContain('amount in dispute $80.00');
    expect(packet).toMatchObject({
      appealId: drafted.appealId,
      disputedCents: 8_000,
      evidence: [{ kind: 'medical-records' }, { kind: 'remittance-advice' }],
    });

    const [item] = await itemsOf(anaClaim.claimId, 'appeals');
    expect(item).toMatchObject({
      workItemId: drafted.workItemId,
      kind: 'level-1',
      actions: ['approve', 'edit', 'reject'],
      amountCents: 8_000,
      deadline: drafted.dueDate,
    });
    for (const phi of ['Ana', 'Overturn', '1971-03-09', 'COPAY80001']) expect(JSON.stringify(item)).not.toContain(phi);
    const stored = (await env.store.claims.get(anaClaim.claimId))!.appeals;
    expect(stored).toEqual([expect.objectContaining({ appealId: drafted.appealId, status: 'awaiting-approval', disputedCents: 8_000 })]);
  });

  it('once approved, the sandbox payer overturns it and the claim waits for its reprocessed 835', async () => {
    await decide(appeal.workItemId as string, 'approve', 'packet complete');
    const submitted = { claimId: anaClaim.claimId, appealId: appeal.appealId, workItemId: appeal.workItemId };
    expect(await invoke('SubmitAppeal', submitted)).toEqual({
      appealId: appeal.appealId,
      level: 1,
      outcome: 'overturned',
      nextLevel: false,
      appealStatus: 'won',
    });
    // The step retried files nothing twice: the payer's answer is on the appeal.
    expect(await invoke('SubmitAppeal', submitted)).toMatchObject({ outcome: 'overturned' });
    const record = (await env.store.claims.get(anaClaim.claimId))!;
    expect(record.claim.status).toBe('accepted');
    // Events of one instant (the simulated clock stands still) are listed by id, so compare as sets.
    expect(
      record.timeline
        .filter((e) => e.type === 'appealed' || e.type === 'appeal-decided')
        .map((e) => (e.type === 'appeal-decided' ? `${e.type}:${e.outcome}` : e.type))
        .sort(),
    ).toEqual(['appeal-decided:won', 'appealed']);
    const packet = JSON.parse((await report(`appeals/${appeal.appealId}/packet.json`)) ?? '{}');
    expect(packet.review).toMatchObject({ action: 'approve', decidedBy: 'appeals-nurse-1' });
  });

  it("the payer's next 835 reverses the denial and pays the line: the claim is paid and the insurer owes nothing", async () => {
    await env.stack.advanceClock(DAY);
    await env.stack.settle();
    const record = (await env.store.claims.get(anaClaim.claimId))!;
    expect(record.claim.status).toBe('paid');
    const adjudications = record.timeline.flatMap((e) => (e.type === 'adjudicated' ? [e] : []));
    const denied = adjudications.find((e) => e.deniedLineCount > 0);
    expect(adjudications.map((e) => e.claimStatusCode).sort()).toEqual(['1', '1', '22']);
    // The reversal takes back the denial's adjudication; the new one comes from the payer's next payment.
    const reversal = adjudications.find((e) => e.claimStatusCode === '22')!;
    const last = adjudications.find((e) => e.claimStatusCode === '1' && e.remittanceId !== denied!.remittanceId)!;
    expect(reversal).toMatchObject({ payerClaimControlNumber: denied!.payerClaimControlNumber, paidCents: -denied!.paidCents });
    expect(last.remittanceId).toBe(reversal.remittanceId);
    expect(last.deniedLineCount).toBe(0);
    const balances = await owed(anaClaim);
    expect(balances.primary).toBe(0);
    expect(balances.patient).toBe(last.patientResponsibilityCents);
    // Allowed: the visit 90.00 (25.00 copay, 10% coinsurance 9.00), the therapy 2 x 32.00 (10% coinsurance 6.40).
    expect(denied).toMatchObject({ paidCents: 5_600, patientResponsibilityCents: 3_400, deniedLineCount: 1 });
    expect(last).toMatchObject({ paidCents: 5_600 + 5_760, patientResponsibilityCents: 3_400 + 640 });
    expect(balances.patient).toBe(4_040);
    for (const queue of ['failed-postings', 'unmatched-remittances'] as const) expect(await itemsOf(anaClaim.claimId, queue)).toEqual([]);
    // The claim's own workflow drafted, waited for the approval, filed the appeal and waited for the 835.
    const arn = lifecycleOf(anaClaim);
    expect((await execution(env, arn)).status).toBe('SUCCEEDED');
    // Overturned and paid, Ana owes her share: the lifecycle sends her statement.
    expect((await statesEntered(env, arn)).slice(-13)).toEqual([
      'WorkDenial',
      'DenialDecided',
      'DraftAppeal',
      'AwaitAppealApproval',
      'AppealDecided',
      'SubmitAppeal',
      'AppealOutcome',
      'AwaitAdjudication',
      'HowAdjudicated',
      'Settle',
      'StatementDue',
      'ProduceStatement',
      'Paid',
    ]);
  });
});

describe('a CO-197 denial without an authorization on file is upheld', () => {
  it('the packet names the gap; the payer upholds it and a denial offering the second level comes back', async () => {
    const { drafted } = await appealDenial(benClaim);
    const packet = JSON.parse((await report(`appeals/${drafted.appealId}/packet.json`)) ?? '{}');
    expect(packet.evidence.map((e: { kind: string }) => e.kind)).toEqual(['medical-records', 'remittance-advice']);
    expect(packet.gaps).toHaveLength(1);

    // Nobody decided a week before the deadline: the same item is escalated, and the workflow keeps waiting on it.
    const escalated = await invoke('EscalateAppeal', { claimId: benClaim.claimId, appealId: drafted.appealId });
    expect(escalated).toMatchObject({ appealId: drafted.appealId, workItemId: drafted.workItemId, escalatedNow: true });
    expect(escalated.remainingSeconds).toBe(drafted.deadlineSeconds);
    const [item] = await itemsOf(benClaim.claimId, 'appeals');
    expect(item).toMatchObject({ workItemId: drafted.workItemId, status: 'open', details: expect.objectContaining({ escalated: true }) });
    expect(item!.summary).toMatch(/^ESCALATED: Level 1 appeal of CO-197/);
    expect(await invoke('EscalateAppeal', { claimId: benClaim.claimId, appealId: drafted.appealId })).toMatchObject({
      escalatedNow: false,
    });

    await decide(drafted.workItemId as string, 'edit', 'adding a note for the reviewer', {
      note: 'Emergent imaging: see the enclosed records.',
    });
    const result = await invoke('SubmitAppeal', { claimId: benClaim.claimId, appealId: drafted.appealId, workItemId: drafted.workItemId });
    expect(result).toEqual({ appealId: drafted.appealId, level: 1, outcome: 'upheld', nextLevel: true, appealStatus: 'lost' });
    expect(await report(`appeals/${drafted.appealId}/letter.txt`)).toContain('Emergent imaging: see the enclosed records.');
    expect((await env.store.claims.get(benClaim.claimId))?.claim.status).toBe('denied');

    const [upheld] = await itemsOf(benClaim.claimId, 'denials');
    expect(upheld).toMatchObject({
      kind: 'appeal-upheld',
      actions: ['appeal', 'write-off'],
      amountCents: packet.disputedCents,
      details: expect.objectContaining({ appealLevel: 1, carc: ['CO-197'] }),
    });

    // Appealing again files the second level.
    await decide(upheld!.workItemId, 'appeal', 'second level with the ordering note');
    const second = await invoke('DraftAppeal', { claimId: benClaim.claimId, denialWorkItemId: upheld!.workItemId, executionId: 'life-b' });
    expect(second).toMatchObject({ level: 2, dueDate: upheld!.deadline });
    expect((await itemsOf(benClaim.claimId, 'appeals')).map((i) => i.kind)).toEqual(['level-2']);
    // The workflow went round once: the upheld appeal's denial, appealed again, waits for the second level's approval.
    const path = await statesEntered(env, lifecycleOf(benClaim));
    expect(path.slice(path.lastIndexOf('SubmitAppeal'))).toEqual([
      'SubmitAppeal',
      'AppealOutcome',
      'WorkDenial',
      'DenialDecided',
      'DraftAppeal',
      'AwaitAppealApproval',
    ]);
  });
});

describe('a packet the team rejects is written off', () => {
  it('once, however often the write-off step runs, and the claim closes with the insurer owing nothing', async () => {
    const { drafted } = await appealDenial(cleoClaim);
    await decide(drafted.workItemId as string, 'reject', 'records do not support necessity');
    const request = { claimId: cleoClaim.claimId, workItemId: drafted.workItemId };
    const first = await invoke('WriteOffDenial', request);
    const again = await invoke('WriteOffDenial', request);
    expect(first).toEqual({ claimId: cleoClaim.claimId, workItemId: drafted.workItemId, writtenOffCents: 8_000, status: 'closed' });
    expect(again).toMatchObject({ writtenOffCents: 8_000, status: 'closed' });
    const writeOffs = (await env.store.ledger.getLedger(cleoClaim.accountId)).entries.filter((e) => e.kind === 'write-off');
    expect(writeOffs.map((e) => [e.reasonCode, e.splits])).toEqual([['CO-50', [{ responsibility: 'primary', amountCents: -8_000 }]]]);
    expect((await owed(cleoClaim)).primary).toBe(0);
    expect((await env.store.claims.get(cleoClaim.claimId))!.appeals).toEqual([expect.objectContaining({ status: 'withdrawn' })]);
    const arn = lifecycleOf(cleoClaim);
    expect((await execution(env, arn)).status).toBe('SUCCEEDED');
    expect((await statesEntered(env, arn)).slice(-6)).toEqual([
      'DenialDecided',
      'DraftAppeal',
      'AwaitAppealApproval',
      'AppealDecided',
      'WriteOff',
      'WrittenOff',
    ]);
  });
});
