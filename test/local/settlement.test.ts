/**
 * After the payment, on the local stack with the embedded sandbox payer: Sam has a primary and a
 * secondary plan. The primary pays the visit and leaves a patient share; the ClaimLifecycle's Settle step bills the
 * secondary on a new claim that carries the primary's adjudication (2320 AMT*D and CAS, 2430 SVD/CAS)
 * and runs its own ClaimLifecycle; the secondary pays and the ledger ends exact. A visit paid in full
 * is closed; a share with no secondary coverage is a statement request, recorded once.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balancesByClaim, totalBalance, zeroBalances } from '#functions/accounts/balances.ts';
import { chargePosting } from '#functions/accounts/clerk-postings.ts';
import type { ClaimBatch } from '#functions/payers/gateway.ts';
import { payerGateway } from '#functions/payers/configured.ts';
import { startLifecycleWith } from '#functions/platform/start-lifecycle.ts';
import { settleClaim, type SettlementDeps } from '#functions/settlement/settle-claim.ts';
import { parseX12 } from '#functions/x12/parse.ts';
import type { Claim } from '#schemas/claim.ts';
import type { SettleClaimResult } from '#schemas/settlement.ts';
import { claim, coverage, line, patient, SECONDARY } from '#test/payers/exchange/fixtures.ts';
import { lifecycleArn } from '#test/support/lifecycle-scenario.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';
import { formatCents } from '#functions/x12/decimal.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const onVisitDay = { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' };
// Sam's primary has a copay and coinsurance (deductible met); the secondary pays after it (SEC).
const sam = patient('PAT-5003', { firstName: 'Sam', lastName: 'Twoplans' });
const samPrimary = coverage(sam, 'COPAY50003');
const samSecondary = coverage(sam, 'SEC50003', { payerId: SECONDARY.payerId, priority: 'secondary', groupNumber: 'GRP-SEC-9' });
const twoPlansVisit = claim('PCN-ST1', samPrimary, [line('99213', 12_000, onVisitDay), line('36415', 1_500, onVisitDay)]);
// Full coverage (FULL): the payer pays the allowed amount, nothing is left to anyone but the contractual write-down.
const ellis = patient('PAT-5001', { firstName: 'Ellis', lastName: 'Paidinfull' });
const ellisCoverage = coverage(ellis, 'FULL50001');
const paidInFullVisit = claim('PCN-ST2', ellisCoverage, [line('36415', 1_000, onVisitDay)]);
// Standard cost share and no second plan: the patient owes the rest.
const robin = patient('PAT-5002', { firstName: 'Robin', lastName: 'Oneplan' });
const robinCoverage = coverage(robin, 'STD50002');
const onePlanVisit = claim('PCN-ST3', robinCoverage, [line('99213', 12_000, onVisitDay)]);

let env: PayerStack;
let deps: SettlementDeps;
const submitted: ClaimBatch[] = [];

beforeAll(async () => {
  env = await startPayerStack([
    [sam, samPrimary],
    [ellis, ellisCoverage],
    [robin, robinCoverage],
  ]);
  await env.store.patients.putCoverage(samSecondary);
  await env.store.reference.putPayerProfile(SECONDARY);
  for (const c of [twoPlansVisit, paidInFullVisit, onePlanVisit]) {
    await env.store.claims.create(c, c.createdAt);
    await env.store.ledger.post(
      chargePosting({ accountId: c.accountId, claimId: c.claimId, amountCents: c.totalChargeCents, to: 'primary', postedAt: c.createdAt }),
    );
  }
  // What the payer gateway is handed, recorded on the way to the embedded payer (which still answers).
  const gateway = payerGateway({ PAYER_GATEWAY: 'sandbox' });
  const submit = gateway.submitClaims.bind(gateway);
  gateway.submitClaims = async (batch) => {
    submitted.push(batch);
    return submit(batch);
  };
  const start = startLifecycleWith(env.sfn, env.stack.stateMachineArns.ClaimLifecycle!);
  deps = {
    store: env.store,
    now: () => new Date(env.stack.clock.now()),
    // The executions settle their claims themselves; the test settles again to show a replay changes nothing.
    startLifecycle: start,
  };
}, 120_000);
afterAll(async () => env?.stack.stop());

const describeExecution = (name: string) => env.sfn.send(new DescribeExecutionCommand({ executionArn: lifecycleArn(env, name) }));
const claimBalances = async (c: Pick<Claim, 'accountId'>, claimId: string) =>
  balancesByClaim((await env.store.ledger.getLedger(c.accountId)).entries).get(claimId) ?? zeroBalances();
const adjudicationOf = async (claimId: string) => {
  const events = (await env.store.claims.get(claimId))!.timeline;
  const adjudicated = events.filter((e) => e.type === 'adjudicated').at(-1);
  if (adjudicated?.type !== 'adjudicated') throw new Error(`claim ${claimId} has no adjudication`);
  return adjudicated;
};

describe('after the primary paid', () => {
  let secondaryClaimId: string;

  it('the primary pays every visit through its ClaimLifecycle', async () => {
    for (const c of [twoPlansVisit, paidInFullVisit, onePlanVisit]) {
      await env.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: env.stack.stateMachineArns.ClaimLifecycle,
          name: `life-${c.claimId}`,
          input: JSON.stringify({ claimId: c.claimId }),
        }),
      );
    }
    await env.stack.settle();
    await env.stack.advanceClock(2 * HOUR);
    await env.stack.advanceClock(8 * DAY);
    // Each execution settles its claim in its Settle step: the secondary billed, a statement, or closed.
    const settledAs = {
      [twoPlansVisit.claimId]: 'secondary-claim',
      [paidInFullVisit.claimId]: 'closed',
      [onePlanVisit.claimId]: 'statement',
    };
    for (const c of [twoPlansVisit, paidInFullVisit, onePlanVisit]) {
      const execution = await describeExecution(`life-${c.claimId}`);
      expect(execution.status, c.claimId).toBe('SUCCEEDED');
      const next = settledAs[c.claimId];
      expect(JSON.parse(execution.output!), c.claimId).toMatchObject({ next, status: next === 'closed' ? 'closed' : 'paid' });
      expect((await env.store.claims.get(c.claimId))?.claim.status, c.claimId).toBe(next === 'closed' ? 'closed' : 'paid');
    }
  });

  it("the primary's Settle step billed the secondary on a new claim, moved the share onto it and started its ClaimLifecycle", async () => {
    const primaryPaid = await adjudicationOf(twoPlansVisit.claimId);
    expect(primaryPaid.patientResponsibilityCents).toBeGreaterThan(0);
    const settled = await settleClaim(deps, { claimId: twoPlansVisit.claimId, executionId: 'test' });
    expect(settled).toMatchObject({
      claimId: twoPlansVisit.claimId,
      next: 'secondary-claim',
      patientBalanceCents: primaryPaid.patientResponsibilityCents,
      secondaryClaimId: `${twoPlansVisit.claimId}-S`,
      status: 'paid',
      secondaryClaimsCreated: 0,
    });
    secondaryClaimId = settled.secondaryClaimId!;
    const secondary = (await env.store.claims.get(secondaryClaimId))!.claim;
    expect(secondary).toMatchObject({
      patientControlNumber: 'PCN-ST1-S',
      payerId: SECONDARY.payerId,
      coverageId: samSecondary.coverageId,
      priorClaimId: twoPlansVisit.claimId,
      priorPayerPaidCents: primaryPaid.paidCents,
      lines: twoPlansVisit.lines,
    });
    expect(await claimBalances(twoPlansVisit, twoPlansVisit.claimId)).toEqual(zeroBalances());
    expect(await claimBalances(twoPlansVisit, secondaryClaimId)).toEqual({
      ...zeroBalances(),
      secondary: primaryPaid.patientResponsibilityCents,
    });
    expect((await describeExecution(`life-${secondaryClaimId}`)).status).toBe('RUNNING');
  });

  it('the SettleClaim function, asked again, finds it all done and changes nothing', async () => {
    const entries = (await env.store.ledger.getLedger(twoPlansVisit.accountId)).entries.length;
    const reply = await env.lambda.send(
      new InvokeCommand({
        FunctionName: 'SettleClaim',
        Payload: new TextEncoder().encode(JSON.stringify({ claimId: twoPlansVisit.claimId })),
      }),
    );
    expect(reply.FunctionError).toBeUndefined();
    const again = JSON.parse(new TextDecoder().decode(reply.Payload)) as SettleClaimResult;
    expect(again).toMatchObject({ next: 'secondary-claim', secondaryClaimId, secondaryClaimsCreated: 0 });
    expect((await env.store.ledger.getLedger(twoPlansVisit.accountId)).entries).toHaveLength(entries);
  });

  it("the secondary's 837 carries the primary's adjudication, and the sandbox secondary pays; the ledger ends exact", async () => {
    await env.stack.settle();
    await env.stack.advanceClock(2 * HOUR);
    const batch = submitted.find((b) => b.payerId === SECONDARY.payerId);
    expect(batch, 'the secondary claim was submitted').toBeDefined();
    const x12 = batch!.files[0]!.x12;
    const primaryPaid = await adjudicationOf(twoPlansVisit.claimId);
    expect(x12).toContain(`AMT*D*${formatCents(primaryPaid.paidCents)}`);
    expect(x12).toMatch(/\bCAS\*CO\*45\*/);
    expect(x12).toMatch(/\bCAS\*PR\*/);
    expect(x12).toMatch(/\bSVD\*SBXCOMM01\*[1-9]/);
    expect(x12).toMatch(/\bDTP\*573\*D8\*\d{8}~/);
    const parsed = parseX12(x12);
    expect([...parsed.findings, ...parsed.transactions.flatMap((t) => t.findings)].filter((f) => f.severity === 'error')).toEqual([]);

    await env.stack.advanceClock(8 * DAY);
    const execution = await describeExecution(`life-${secondaryClaimId}`);
    expect(execution.status).toBe('SUCCEEDED');
    expect((await env.store.claims.get(secondaryClaimId))?.claim.status).toBe('paid');
    const secondaryPaid = await adjudicationOf(secondaryClaimId);
    expect(secondaryPaid.paidCents).toBeGreaterThan(0);
    // What the primary left is now what the secondary paid, its own adjustments and what it leaves the patient.
    const left = await claimBalances(twoPlansVisit, secondaryClaimId);
    expect(left).toEqual({ ...zeroBalances(), patient: secondaryPaid.patientResponsibilityCents });
    expect(await claimBalances(twoPlansVisit, twoPlansVisit.claimId)).toEqual(zeroBalances());
    const ledger = await env.store.ledger.getLedger(twoPlansVisit.accountId);
    expect(totalBalance(ledger.balances)).toBe(secondaryPaid.patientResponsibilityCents);
    const paidOn = (claimId: string) =>
      -ledger.entries
        .filter((e) => e.claimId === claimId && e.kind === 'insurance-payment')
        .reduce((s, e) => s + e.splits[0]!.amountCents, 0);
    expect(paidOn(twoPlansVisit.claimId)).toBe(primaryPaid.paidCents);
    expect(paidOn(secondaryClaimId)).toBe(secondaryPaid.paidCents);
    // The charges are what the two payers paid, the contractual write-downs and what the patient still owes.
    const written = -ledger.entries.filter((e) => e.kind === 'contractual-adjustment').reduce((s, e) => s + e.splits[0]!.amountCents, 0);
    expect(primaryPaid.paidCents + secondaryPaid.paidCents + written + secondaryPaid.patientResponsibilityCents).toBe(
      twoPlansVisit.totalChargeCents,
    );
  });

  it('the secondary claim settles in turn: no tertiary, so the patient is sent a statement for what the secondary left', async () => {
    const left = (await adjudicationOf(secondaryClaimId)).patientResponsibilityCents;
    expect(left).toBeGreaterThan(0);
    expect(JSON.parse((await describeExecution(`life-${secondaryClaimId}`)).output!)).toMatchObject({
      next: 'statement',
      patientBalanceCents: left,
    });
    const settled = await settleClaim(deps, { claimId: secondaryClaimId });
    expect(settled).toMatchObject({ next: 'statement', patientBalanceCents: left, statementsRequested: 0 });
    // The secondary's lifecycle produced the statement at once: nothing waits for the hourly sweep.
    expect((await env.store.statements.listRequested()).filter((r) => r.claimId === secondaryClaimId)).toEqual([]);
    expect(await env.store.statements.get(settled.statementRequestId!)).toMatchObject({
      claimId: secondaryClaimId,
      amountCents: left,
      status: 'sent',
      sent: { amountDueCents: left },
    });
  });

  it('a visit paid in full was closed by its Settle step, and settling it again changes nothing', async () => {
    expect(await claimBalances(paidInFullVisit, paidInFullVisit.claimId)).toEqual(zeroBalances());
    const settled = await settleClaim(deps, { claimId: paidInFullVisit.claimId });
    expect(settled).toEqual({
      claimId: paidInFullVisit.claimId,
      next: 'closed',
      patientBalanceCents: 0,
      status: 'closed',
      secondaryClaimsCreated: 0,
      statementsRequested: 0,
    });
    const stored = await env.store.claims.get(paidInFullVisit.claimId);
    expect(stored?.claim.status).toBe('closed');
    expect(stored?.timeline.filter((e) => e.type === 'closed').map((e) => e.type === 'closed' && e.reason)).toEqual(['paid-in-full']);
    expect(await settleClaim(deps, { claimId: paidInFullVisit.claimId })).toEqual(settled);
  });

  it('a share with no secondary coverage is one statement, however often it is settled', async () => {
    const share = (await adjudicationOf(onePlanVisit.claimId)).patientResponsibilityCents;
    expect(share).toBeGreaterThan(0);
    const first = await settleClaim(deps, { claimId: onePlanVisit.claimId });
    const second = await settleClaim(deps, { claimId: onePlanVisit.claimId });
    // The execution's Settle step requested it; asked again, nothing more is requested.
    expect(first).toMatchObject({ next: 'statement', patientBalanceCents: share, statementsRequested: 0, status: 'paid' });
    expect(second).toEqual(first);
    // The lifecycle sent it right after its Settle step; nothing is left waiting for the sweep.
    expect((await env.store.statements.listRequested()).filter((r) => r.claimId === onePlanVisit.claimId)).toEqual([]);
    expect(await env.store.statements.get(first.statementRequestId!)).toEqual({
      statementRequestId: first.statementRequestId,
      claimId: onePlanVisit.claimId,
      accountId: onePlanVisit.accountId,
      amountCents: share,
      requestedAt: expect.any(String),
      status: 'sent',
      sent: expect.objectContaining({ amountDueCents: share, pages: 1 }),
    });
    expect(await claimBalances(onePlanVisit, onePlanVisit.claimId)).toEqual({ ...zeroBalances(), patient: share });
  });
});
