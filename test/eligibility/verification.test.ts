/**
 * A billing clerk's verification on the local stack: the EligibilityCheck workflow asks the sandbox
 * payer, stores what it said per coverage and date of service, and reuses a recent answer instead of
 * asking again.
 */
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';
import { ApiCallError, apiClient } from '#functions/api/client.ts';
import { memberFor, memberKey } from '#functions/payers/sandbox/profiles.ts';
import type { SandboxMember } from '#functions/payers/sandbox/types.ts';
import { claim, coverage, hospital, line, patient, phiOf } from '#test/payers/exchange/fixtures.ts';

const HOUR = 3_600_000;

const stan = patient('PAT-7001', { firstName: 'Stan', lastName: 'Dardplan' });
const stanCoverage = coverage(stan, 'STD70001');

let env: PayerStack;

beforeAll(async () => {
  env = await startPayerStack([[stan, stanCoverage]]);
});
afterAll(async () => env?.stack.stop());

async function run(stateMachine: string, input: unknown): Promise<{ status: string; output: Record<string, unknown>; raw: string }> {
  const { executionArn } = await env.sfn.send(
    new StartExecutionCommand({ stateMachineArn: env.stack.stateMachineArns[stateMachine], input: JSON.stringify(input) }),
  );
  await env.stack.settle();
  const execution = await env.sfn.send(new DescribeExecutionCommand({ executionArn }));
  return { status: execution.status!, output: JSON.parse(execution.output ?? '{}'), raw: JSON.stringify(execution) };
}

const verify = (extra: Record<string, unknown> = {}) =>
  run('EligibilityCheck', {
    patientId: stan.patientId,
    coverageId: stanCoverage.coverageId,
    providerId: hospital.providerId,
    serviceTypeCodes: ['30', '98'],
    ...extra,
  });

describe('verifying coverage before the visit', () => {
  let firstTrace: unknown;

  it('asks the payer and stores its answer: active, plan dates, and the benefits a clerk reads per service type', async () => {
    const { status, output, raw } = await verify();
    expect(status).toBe('SUCCEEDED');
    expect(output).toMatchObject({ source: 'asked', active: true, dateOfService: '2026-01-20', asOfDate: '2026-01-20' });
    firstTrace = output.traceNumber;
    expect(firstTrace).toMatch(/^ELG\d{9}$/);

    const stored = await env.store.eligibility.forDate(stan.patientId, stanCoverage.coverageId, '2026-01-20');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      traceNumber: firstTrace,
      active: true,
      planName: 'SANDBOX COMMERCIAL HEALTH PLAN',
      planBeginDate: '2000-01-01',
      serviceTypeCodes: ['30', '98'],
    });
    // The standard plan: 500.00 deductible with 200.00 met, 20%, 25.00 visit copay, 3000.00 out-of-pocket with 400.00 met.
    expect(stored[0]!.serviceBenefits).toContainEqual({
      serviceType: '98',
      network: 'in',
      copayCents: 2500,
      coinsuranceBps: 2000,
      deductibleCents: 50000,
      deductibleRemainingCents: 30000,
      outOfPocketMaxCents: 300000,
      outOfPocketRemainingCents: 260000,
    });
    expect(stored[0]!.serviceBenefits).toContainEqual({ serviceType: '98', network: 'out', coinsuranceBps: 4000, deductibleCents: 100000 });
    expect(await env.store.eligibility.latest(stan.patientId, stanCoverage.coverageId)).toEqual(stored[0]);
    for (const phi of phiOf({ p: stan, c: stanCoverage })) expect(raw).not.toContain(phi);
  });

  it('reuses that answer within the window instead of asking again, and says so', async () => {
    await env.stack.advanceClock(2 * HOUR);
    const { status, output } = await verify();
    expect(status).toBe('SUCCEEDED');
    expect(output).toMatchObject({ source: 'reused', traceNumber: firstTrace, active: true });
    expect(await env.store.eligibility.forDate(stan.patientId, stanCoverage.coverageId, '2026-01-20')).toHaveLength(1);
  });

  it('asks again when the caller wants a fresh answer, or for a service type the stored answer was not asked about', async () => {
    const fresh = await verify({ reuseWithinHours: 0 });
    expect(fresh.output).toMatchObject({ source: 'asked' });
    expect(fresh.output.traceNumber).not.toBe(firstTrace);
    const other = await verify({ serviceTypeCodes: ['86'] });
    expect(other.output).toMatchObject({ source: 'asked', serviceTypeCodes: ['86'] });
  });

  it('asks again once the window has passed', async () => {
    await env.stack.advanceClock(25 * HOUR);
    const { output } = await verify({ asOfDate: '2026-01-20' });
    expect(output).toMatchObject({ source: 'asked', dateOfService: '2026-01-20' });
    const history = await env.store.eligibility.forDate(stan.patientId, stanCoverage.coverageId, '2026-01-20');
    expect(history).toHaveLength(4);
    expect(history[0]!.checkedAt > history[1]!.checkedAt).toBe(true);
  });
});

describe('the nightly re-verification of the next days’ visits', () => {
  const ria = patient('PAT-7002', { firstName: 'Ria', lastName: 'Steady' });
  const riaCoverage = coverage(ria, 'STD70002');
  const tom = patient('PAT-7003', { firstName: 'Tom', lastName: 'Lapsed' });
  const tomCoverage = coverage(tom, 'STD70003');
  const cam = patient('PAT-7004', { firstName: 'Cam', lastName: 'Switched' });
  const camCoverage = coverage(cam, 'STD70004');
  const visit = (pcn: string, cov: typeof riaCoverage, date: string) =>
    claim(pcn, cov, [line('99213', 12_000, { serviceDateFrom: date, serviceDateTo: date })], { status: 'draft' });
  const riaVisit = visit('PCN-R1', riaCoverage, '2026-01-24');
  const tomVisit = visit('PCN-T1', tomCoverage, '2026-01-23');
  const camVisit = visit('PCN-C1', camCoverage, '2026-01-24');
  const laterVisit = visit('PCN-R2', riaCoverage, '2026-02-20');
  const reverify = () => run('CoverageReverification', { days: 5, asOfDate: '2026-01-22' });
  const outcomes = (output: Record<string, unknown>) =>
    Object.fromEntries((output.results as { coverageId: string; outcome: string }[]).map((r) => [r.coverageId, r.outcome]));

  beforeAll(async () => {
    for (const [p, c] of [
      [ria, riaCoverage],
      [tom, tomCoverage],
      [cam, camCoverage],
    ] as const) {
      await env.store.patients.putPatient(p);
      await env.store.patients.putCoverage(c);
    }
    for (const c of [riaVisit, tomVisit, camVisit, laterVisit]) await env.store.claims.create(c, c.createdAt);
  });

  it('verifies each coverage of the visits due in the window once, and stores what the payer said', async () => {
    const { status, output, raw } = await reverify();
    expect(status).toBe('SUCCEEDED');
    expect(output).toMatchObject({ asOfDate: '2026-01-22', throughDate: '2026-01-26', checked: 3, truncated: false });
    expect(outcomes(output)).toEqual({
      [riaCoverage.coverageId]: 'first-answer',
      [tomCoverage.coverageId]: 'first-answer',
      [camCoverage.coverageId]: 'first-answer',
    });
    expect(await env.store.eligibility.forDate(tom.patientId, tomCoverage.coverageId, '2026-01-23')).toHaveLength(1);
    for (const [p, c] of [
      [ria, riaCoverage],
      [tom, tomCoverage],
    ] as const)
      for (const phi of phiOf({ p, c })) expect(raw).not.toContain(phi);
  });

  it('puts a claim on hold when its coverage ended or changed, and leaves the others alone', async () => {
    // Overnight the payer terminates Tom's plan and raises Cam's coinsurance.
    const members = env.stack.payer!.payer.snapshot.members as Record<string, SandboxMember>;
    const payerId = tomCoverage.payerId;
    members[memberKey(payerId, 'STD70003')] = { ...memberFor(payerId, 'STD70003')!, terminationDate: '2026-01-21' };
    const camMember = memberFor(payerId, 'STD70004')!;
    members[memberKey(payerId, 'STD70004')] = { ...camMember, costShare: { ...camMember.costShare, coinsuranceBps: 3000 } };
    await env.stack.advanceClock(24 * HOUR);

    const { output } = await reverify();
    expect(outcomes(output)).toEqual({
      [riaCoverage.coverageId]: 'unchanged',
      [tomCoverage.coverageId]: 'ended',
      [camCoverage.coverageId]: 'changed',
    });
    const [tomHold] = await env.store.workItems.forClaim(tomVisit.claimId, 'holds');
    expect(tomHold).toMatchObject({
      queue: 'holds',
      kind: 'coverage-ended',
      status: 'open',
      amountCents: 12_000,
      deadline: '2026-01-23',
      actions: ['edit', 'dismiss'],
      details: { coverageId: tomCoverage.coverageId, coverageStatus: 'inactive', changes: ['coverage-ended'] },
    });
    const [camHold] = await env.store.workItems.forClaim(camVisit.claimId, 'holds');
    expect(camHold).toMatchObject({ kind: 'coverage-changed', details: { changes: ['cost-share-changed'] } });
    expect(await env.store.workItems.forClaim(riaVisit.claimId, 'holds')).toEqual([]);
    for (const item of [tomHold, camHold])
      for (const phi of phiOf({ p: tom, c: tomCoverage })) expect(JSON.stringify(item)).not.toContain(phi);
  });

  it('raises no second hold the next night for the same finding', async () => {
    await env.stack.advanceClock(24 * HOUR);
    const { output } = await reverify();
    expect(outcomes(output)[tomCoverage.coverageId]).toBe('ended');
    expect(await env.store.workItems.forClaim(tomVisit.claimId, 'holds')).toHaveLength(1);
    expect(await env.store.workItems.forClaim(camVisit.claimId, 'holds')).toHaveLength(1);
  });
});

describe('the eligibility APIs: the stored answer and a patient cost estimate', () => {
  const registration = () => apiClient({ lambda: env.lambda, qualifier: 'registration' });
  const portal = () => apiClient({ lambda: env.lambda, qualifier: 'patient-portal' });

  it('registration reads the latest stored answer for Stan’s visit, and the read is audited', async () => {
    const { eligibility } = await registration().call('GetEligibility', {
      purposeOfUse: 'payment',
      onBehalfOf: 'registrar-4',
      patientId: stan.patientId,
      coverageId: stanCoverage.coverageId,
      dateOfService: '2026-01-20',
    });
    expect(eligibility).toMatchObject({ active: true, dateOfService: '2026-01-20', planName: 'SANDBOX COMMERCIAL HEALTH PLAN' });
    const billingOffice = apiClient({ lambda: env.lambda, qualifier: 'billing-office' });
    const { entries } = await billingOffice.call('ListRecordAccess', { patientId: stan.patientId, purposeOfUse: 'operations' });
    expect(entries.find((e) => e.api === 'GetEligibility')).toMatchObject({
      record: 'coverage',
      recordId: stanCoverage.coverageId,
      caller: 'registration',
      onBehalfOf: 'registrar-4',
      action: 'read',
    });
  });

  it('estimates what Stan will owe for a visit, an x-ray and an MRI: deductible first, then coinsurance, line by line', async () => {
    const estimate = await portal().call('EstimatePatientCost', {
      purposeOfUse: 'patient-request',
      patientId: stan.patientId,
      coverageId: stanCoverage.coverageId,
      dateOfService: '2026-01-20',
      services: [
        { procedureCode: '99213', chargeCents: 15_000 },
        { procedureCode: '71046', chargeCents: 8_000 },
        { procedureCode: '72148', chargeCents: 120_000 },
      ],
    });
    // 300.00 of the deductible remains, 20% coinsurance; the fee schedule allows 90.00, 35.00 and 420.00.
    expect(
      estimate.lines.map((l) => [l.procedureCode, l.allowedCents, l.deductibleCents, l.coinsuranceCents, l.copayCents, l.patientCents]),
    ).toEqual([
      ['99213', 9_000, 9_000, 0, 0, 9_000],
      ['71046', 3_500, 3_500, 0, 0, 3_500],
      ['72148', 42_000, 17_500, 4_900, 0, 22_400],
    ]);
    expect(estimate).toMatchObject({
      totalChargeCents: 143_000,
      totalAllowedCents: 54_500,
      patientCents: 34_900,
      insuranceCents: 19_600,
      deductibleRemainingCents: 30_000,
      outOfPocketRemainingCents: 260_000,
    });
    expect(estimate.lines[2]!.basis.map((b) => b.step)).toEqual(['allowed', 'deductible', 'coinsurance']);
    expect(estimate.lines[0]!.basis.map((b) => b.step)).toEqual(['allowed', 'deductible', 'coinsurance', 'copay']);
    for (const phi of phiOf({ p: stan, c: stanCoverage })) expect(JSON.stringify(estimate)).not.toContain(phi);
  });

  it('names the field, not the value, when no answer is stored for the date', async () => {
    const error = await registration()
      .call('EstimatePatientCost', {
        purposeOfUse: 'payment',
        patientId: stan.patientId,
        coverageId: stanCoverage.coverageId,
        dateOfService: '2026-03-01',
        services: [{ procedureCode: '99213', chargeCents: 15_000 }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).errorType).toBe('RecordNotFoundError');
    expect((error as ApiCallError).message).toContain('dateOfService');
    expect((error as ApiCallError).message).not.toContain('2026-03-01');
  });
});
