/**
 * Patient statements on the local stack with the embedded sandbox payer. Robin's plan pays the visit
 * and leaves coinsurance; Sam's primary pays, the secondary claim pays most of what it left. Each
 * settled claim with something left to the patient has a statement request; `ProduceStatement`
 * (through the Lambda endpoint) puts Robin's PDF in the Reports bucket with the ledger's figures and
 * marks the request sent, and asked again changes nothing; the hourly `SendStatements` sweep sends
 * Sam's, which shows both payers on one visit.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementRequestIdFor } from '#functions/settlement/next-claim.ts';
import { formatDollars as formatCents } from '#functions/accounts/money.ts';
import { addDays } from '#functions/statements/settings.ts';
import type { ClaimEvent } from '#schemas/claim-event.ts';
import type { ProduceStatementResult, SendStatementsResult } from '#schemas/statement.ts';
import { claim, coverage, line, patient, SECONDARY } from '#test/payers/exchange/fixtures.ts';
import {
  claimBalances,
  execution,
  lifecycleArn,
  putClaimOnTheBooks,
  startLifecycle,
  statesEntered,
} from '#test/support/lifecycle-scenario.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';
import { pdfPages } from '#test/statements/pdf-text.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const onVisitDay = { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' };
// Standard cost share and no second plan: Robin owes the coinsurance.
const robin = patient('PAT-5102', {
  firstName: 'Robin',
  lastName: 'Statement',
  address: { line1: '7 Birch Lane', city: 'Springfield', state: 'IL', postalCode: '62704' },
});
const robinPlan = coverage(robin, 'STD51002');
const robinVisit = claim('PCN-PS1', robinPlan, [line('99213', 12_000, onVisitDay)]);
// A copay plan, then a secondary that pays after it.
const sam = patient('PAT-5103', { firstName: 'Sam', lastName: 'Statement' });
const samPrimary = coverage(sam, 'COPAY51003');
const samSecondary = coverage(sam, 'SEC51003', { payerId: SECONDARY.payerId, priority: 'secondary', groupNumber: 'GRP-SEC-9' });
const samVisit = claim('PCN-PS2', samPrimary, [line('99213', 12_000, onVisitDay), line('36415', 1_500, onVisitDay)]);
const samSecondaryClaimId = `${samVisit.claimId}-S`;

let env: PayerStack;

beforeAll(async () => {
  env = await startPayerStack([
    [robin, robinPlan],
    [sam, samPrimary],
  ]);
  await env.store.patients.putCoverage(samSecondary);
  await env.store.reference.putPayerProfile(SECONDARY);
  for (const c of [robinVisit, samVisit]) await putClaimOnTheBooks(env, c);
}, 120_000);
afterAll(async () => env?.stack.stop());

async function invoke<T>(functionName: string, input: unknown): Promise<T> {
  const reply = await env.lambda.send(
    new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode(JSON.stringify(input)) }),
  );
  const body = new TextDecoder().decode(reply.Payload);
  if (reply.FunctionError) throw new Error(`${functionName} failed: ${body}`);
  return JSON.parse(body) as T;
}

const reports = () => env.stack.bucketNames.Reports!;
async function pdfText(key: string): Promise<string> {
  const object = await env.stack.s3.send(new GetObjectCommand({ Bucket: reports(), Key: key }));
  expect(object.ContentType).toBe('application/pdf');
  return (await pdfPages(await object.Body!.transformToByteArray())).join('\n');
}

async function adjudication(claimId: string): Promise<Extract<ClaimEvent, { type: 'adjudicated' }>> {
  const adjudicated = (await env.store.claims.get(claimId))!.timeline.filter((e) => e.type === 'adjudicated').at(-1);
  if (adjudicated?.type !== 'adjudicated') throw new Error(`claim ${claimId} has no adjudication`);
  return adjudicated;
}

describe('patient statements', () => {
  it('the payers pay, each claim settles with what the patient owes, and its lifecycle sends the statement', async () => {
    await startLifecycle(env, robinVisit.claimId);
    await startLifecycle(env, samVisit.claimId);
    await env.stack.advanceClock(2 * HOUR);
    await env.stack.advanceClock(8 * DAY);
    // Sam's secondary claim has its own life: submitted, acknowledged, paid.
    await env.stack.settle();
    await env.stack.advanceClock(2 * HOUR);
    await env.stack.advanceClock(8 * DAY);
    for (const claimId of [robinVisit.claimId, samSecondaryClaimId]) {
      const arn = lifecycleArn(env, `life-${claimId}`);
      const done = await execution(env, arn);
      expect(done.status, claimId).toBe('SUCCEEDED');
      expect(JSON.parse(done.output!), claimId).toMatchObject({ next: 'statement' });
      expect(await statesEntered(env, arn), claimId).toEqual(
        expect.arrayContaining(['Settle', 'StatementDue', 'ProduceStatement', 'Paid']),
      );
      expect((await env.store.statements.get(statementRequestIdFor(claimId)))?.status, claimId).toBe('sent');
    }
    expect(await env.store.statements.listRequested()).toEqual([]);
  });

  let produced: ProduceStatementResult;

  it("Robin's statement is in the Reports bucket with the ledger's figures; asked again, ProduceStatement answers it and writes nothing", async () => {
    const paid = await adjudication(robinVisit.claimId);
    const owed = (await claimBalances(env, robinVisit)).patient;
    expect(owed).toBe(paid.patientResponsibilityCents);
    expect(owed).toBeGreaterThan(0);

    const request = await env.store.statements.get(statementRequestIdFor(robinVisit.claimId));
    const sent = request!.sent!;
    // Dated by the simulated clock on the day it was produced, due 30 days later (the default).
    expect(sent.dueDate).toBe(addDays(sent.statementDate, 30));
    expect(sent).toMatchObject({ key: `statements/${robinVisit.accountId}/${sent.statementId}.pdf`, amountDueCents: owed, pages: 1 });

    const text = await pdfText(sent.key);
    const adjusted = robinVisit.totalChargeCents - paid.paidCents - owed;
    for (const expected of [
      'Robin Statement',
      '7 Birch Lane',
      `Statement number: ${sent.statementId}`,
      `2026-01-12 99213 $120.00 ${formatCents(paid.paidCents)} ${formatCents(adjusted)} $0.00 ${formatCents(owed)}`,
      `Visit total $120.00 ${formatCents(paid.paidCents)} ${formatCents(adjusted)} $0.00 ${formatCents(owed)}`,
      `Amount due by ${sent.dueDate} ${formatCents(owed)}`,
    ])
      expect(text).toContain(expected);

    produced = await invoke<ProduceStatementResult>('ProduceStatement', { claimId: robinVisit.claimId, executionId: 'test' });
    expect(produced).toMatchObject({
      claimId: robinVisit.claimId,
      statementId: sent.statementId,
      key: sent.key,
      amountDueCents: owed,
      statementDate: sent.statementDate,
      dueDate: sent.dueDate,
      statementsProduced: 0,
      patientBilledCents: 0,
    });
  });

  it('asked again a day later, by request id, it answers the same statement and writes nothing', async () => {
    const before = await env.stack.s3.send(new HeadObjectCommand({ Bucket: reports(), Key: produced.key }));
    const stored = await env.store.statements.get(produced.statementRequestId);
    await env.stack.advanceClock(DAY);
    // A second rendering would carry the new date: the same ETag says the object was not written again.
    const again = await invoke<ProduceStatementResult>('ProduceStatement', { statementRequestId: produced.statementRequestId });
    expect(again).toEqual(produced);
    const after = await env.stack.s3.send(new HeadObjectCommand({ Bucket: reports(), Key: produced.key }));
    expect(after.ETag).toBe(before.ETag);
    expect(await env.store.statements.get(produced.statementRequestId)).toEqual(stored);
  });

  it("Sam's statement shows one visit, both payers' payments and what the secondary left; the hourly sweep finds nothing left to send", async () => {
    const owed = (await claimBalances(env, { accountId: samVisit.accountId, claimId: samSecondaryClaimId })).patient;
    const request = await env.store.statements.get(statementRequestIdFor(samSecondaryClaimId));
    expect(request?.status).toBe('sent');
    const sent = request!.sent!;
    const primaryPaid = await adjudication(samVisit.claimId);
    const secondaryPaid = await adjudication(samSecondaryClaimId);
    expect(owed).toBe(secondaryPaid.patientResponsibilityCents);
    expect(sent.amountDueCents).toBe(owed);
    const text = await pdfText(sent.key);
    const insurance = primaryPaid.paidCents + secondaryPaid.paidCents;
    const adjusted = samVisit.totalChargeCents - insurance - owed;
    expect(text).toContain(`Visit total $135.00 ${formatCents(insurance)} ${formatCents(adjusted)} $0.00 ${formatCents(owed)}`);
    expect(text).toContain(`Claim ${samSecondaryClaimId}`);
    expect(text).not.toContain('Other activity');

    expect(await invoke<SendStatementsResult>('SendStatements', {})).toEqual({
      requested: 0,
      produced: 0,
      alreadySent: 0,
      failed: 0,
      patientBilledCents: 0,
    });
  });
});
