/**
 * A clerk obtains prior authorizations before the services, on the local stack (DynamoDB Local, the
 * local Step Functions engine on a simulated clock, the embedded sandbox payer): the AuthorizationRequest
 * workflow sends the 278, waits a day on a pend and asks again, and records the decision. A partial
 * approval, a denial and a refused request land in the authorizations queue; an approval is billed
 * against as claims go out; the daily sweep warns before an authorization runs out.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCallError, apiClient } from '#functions/api/client.ts';
import type { AuthorizationDecision, AuthorizationRequest } from '#schemas/authorization-request.ts';
import { unitsUsed } from '#schemas/authorization.ts';
import { claim, coverage, line, patient } from '#test/payers/exchange/fixtures.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';
import { execution, putClaimOnTheBooks, startLifecycle, statesEntered } from '#test/support/lifecycle-scenario.ts';

const DAY = 86_400_000;
const pat = patient('PAT-7101', { firstName: 'Pat', lastName: 'Therapy' });
const patCoverage = coverage(pat, 'FULL71001');
const pem = patient('PAT-7102', { firstName: 'Pem', lastName: 'Review' });
const pemCoverage = coverage(pem, 'PEND71002');
const nia = patient('PAT-7103', { firstName: 'Nia', lastName: 'Nowhere' });
const niaCoverage = coverage(nia, 'NF71003');

let env: PayerStack;

const ask = (id: string, p: typeof pat, c: typeof patCoverage, extra: Partial<AuthorizationRequest> = {}): AuthorizationRequest => ({
  authorizationId: id,
  patientId: p.patientId,
  coverageId: c.coverageId,
  providerId: 'PRV-HOSP',
  services: [{ procedureCode: '97110', units: 6 }],
  diagnosisCodes: ['M545'],
  serviceTypeCode: 'AE',
  placeOfService: '11',
  validFrom: '2026-01-10',
  validThrough: '2026-03-31',
  ...extra,
});

async function run(request: AuthorizationRequest): Promise<string> {
  const { executionArn } = await env.sfn.send(
    new StartExecutionCommand({
      stateMachineArn: env.stack.stateMachineArns.AuthorizationRequest,
      name: `auth-${request.authorizationId}`,
      input: JSON.stringify(request),
    }),
  );
  await env.stack.settle();
  return executionArn!;
}

async function decisionOf(arn: string): Promise<AuthorizationDecision> {
  const done = await execution(env, arn);
  expect(done.status).toBe('SUCCEEDED');
  return JSON.parse(done.output ?? '{}') as AuthorizationDecision;
}

const queue = async () => (await env.store.workItems.list({ queue: 'authorizations', status: 'open', limit: 50 })).items;

beforeAll(async () => {
  env = await startPayerStack([
    [pat, patCoverage],
    [pem, pemCoverage],
    [nia, niaCoverage],
  ]);
}, 120_000);
afterAll(async () => env?.stack.stop());

describe('AuthorizationRequest on the local stack', () => {
  it('an approval is recorded with the number, span and units the payer issued; nothing is queued', async () => {
    const arn = await run(ask('PA-7101-A', pat, patCoverage));
    const decision = await decisionOf(arn);
    expect(decision).toMatchObject({ status: 'approved', outcome: 'approved', approvedUnits: 6, followUpDue: false });
    expect(decision.authorizationNumber).toMatch(/^SBX\d{7}$/);
    expect(decision.workItemId).toBeUndefined();
    const stored = await env.store.authorizations.get(pat.patientId, 'PA-7101-A');
    expect(stored).toMatchObject({
      status: 'approved',
      authorizationNumber: decision.authorizationNumber,
      procedureCodes: ['97110'],
      requestedUnits: 6,
      approvedUnits: 6,
      validFrom: '2026-01-10',
      validThrough: '2026-03-31',
      serviceTypeCode: 'AE',
    });
    expect(await statesEntered(env, arn)).toEqual(['CheckInput', 'Start', 'PrepareAsk', 'SendAuthorizationRequest', 'Decided', 'Done']);
    // The output carries no PHI.
    expect(JSON.stringify(decision)).not.toMatch(/Therapy|FULL71001|PAT-7101.*1979/);
  });

  it('a partial approval (8 of 20 visits) is recorded and queued for the clerk to ask for the rest', async () => {
    const decision = await decisionOf(await run(ask('PA-7101-B', pat, patCoverage, { services: [{ procedureCode: '97110', units: 20 }] })));
    expect(decision).toMatchObject({ status: 'partially-approved', approvedUnits: 8, reasonCode: 'UN' });
    const item = (await queue()).find((i) => i.workItemId === decision.workItemId);
    expect(item).toMatchObject({
      queue: 'authorizations',
      kind: 'partially-approved',
      deadline: '2026-01-10',
      details: { approvedUnits: 8, requestedUnits: 20 },
    });
  });

  it('a denial and a refused request (member not found) are queued; neither can authorize a claim', async () => {
    const denied = await decisionOf(await run(ask('PA-7101-C', pat, patCoverage, { services: [{ procedureCode: '0042T', units: 1 }] })));
    expect(denied).toMatchObject({ status: 'denied', outcome: 'denied', reasonCode: 'NP' });
    const refused = await decisionOf(await run(ask('PA-7103-A', nia, niaCoverage)));
    expect(refused).toMatchObject({ status: 'requested', outcome: 'rejected', rejections: [{ level: 'subscriber', code: '75' }] });
    const kinds = (await queue()).map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['denied', 'rejected']));
  });

  it('a pend waits a day and asks again, until the payer decides on the second day', async () => {
    const arn = await run(ask('PA-7102-A', pem, pemCoverage));
    expect((await execution(env, arn)).status).toBe('RUNNING');
    expect((await env.store.authorizations.get(pem.patientId, 'PA-7102-A'))?.status).toBe('pended');
    await env.stack.advanceClock(DAY);
    expect((await execution(env, arn)).status).toBe('RUNNING');
    await env.stack.advanceClock(DAY);
    const decision = await decisionOf(arn);
    expect(decision).toMatchObject({ status: 'approved', followUp: 3 });
    expect((await statesEntered(env, arn)).filter((s) => s === 'WaitForReview')).toHaveLength(2);
  });

  it('asking again for a decided authorization does not ask the payer again', async () => {
    const out = await env.lambda.send(
      new InvokeCommand({
        FunctionName: 'SendAuthorizationRequest',
        Payload: new TextEncoder().encode(JSON.stringify(ask('PA-7101-A', pat, patCoverage))),
      }),
    );
    const again = JSON.parse(new TextDecoder().decode(out.Payload)) as AuthorizationDecision;
    expect(again).toMatchObject({ outcome: 'already-decided', status: 'approved', approvedUnits: 6 });
  });
});

describe('units billed and renewals ahead of time', () => {
  it('a submitted claim charges its units to the approval once, and the claim is paid under its number', async () => {
    const visits = claim(
      'PCN-PA1',
      patCoverage,
      [1, 2, 3, 4, 5].map((d) => line('97110', 9_000, { serviceDateFrom: `2026-01-1${d + 1}`, serviceDateTo: `2026-01-1${d + 1}` })),
      { diagnoses: [{ code: 'M54.50' }] },
    );
    await putClaimOnTheBooks(env, visits);
    const arn = await startLifecycle(env, visits.claimId);
    await env.stack.advanceClock(2 * 3_600_000);
    await env.stack.advanceClock(8 * DAY);
    expect((await execution(env, arn)).status).toBe('SUCCEEDED');
    const a = await env.store.authorizations.get(pat.patientId, 'PA-7101-A');
    expect(a?.billedUnits).toEqual({ [visits.claimId]: 5 });
    expect(unitsUsed(a!)).toBe(5);
  });

  it('the daily sweep queues the approval running out of units (1 of 6 left) once, however often it runs', async () => {
    const sweep = async () => {
      const out = await env.lambda.send(
        new InvokeCommand({ FunctionName: 'SweepAuthorizations', Payload: new TextEncoder().encode('{}') }),
      );
      return JSON.parse(new TextDecoder().decode(out.Payload)) as { raised: number; expired: number; examined: number };
    };
    const first = await sweep();
    expect(first.raised).toBeGreaterThanOrEqual(1);
    expect((await sweep()).raised).toBe(0);
    const item = (await queue()).find((i) => i.kind === 'units-running-out');
    expect(item).toMatchObject({ details: { authorizationId: 'PA-7101-A' }, deadline: '2026-03-31' });
  });
});

describe('RequestAuthorization, the Lambda API the billing office calls', () => {
  it('starts the workflow once per authorization id, and the audit trail names the fields it disclosed', async () => {
    const billingOffice = apiClient({ lambda: env.lambda, qualifier: 'billing-office' });
    const request = {
      ...ask('PA-7101-API', pat, patCoverage, { services: [{ procedureCode: '97140', units: 4 }] }),
      purposeOfUse: 'payment' as const,
      onBehalfOf: 'clerk-9',
    };
    const first = await billingOffice.call('RequestAuthorization', request);
    expect(first).toMatchObject({ authorizationId: 'PA-7101-API', status: 'started' });
    await env.stack.settle();
    expect(await decisionOf(first.executionArn)).toMatchObject({ status: 'approved', approvedUnits: 4 });
    expect(await billingOffice.call('RequestAuthorization', request)).toMatchObject({
      status: 'already-started',
      executionArn: first.executionArn,
    });
    const trail = await billingOffice.call('ListRecordAccess', { patientId: pat.patientId, purposeOfUse: 'operations' });
    expect(JSON.stringify(trail)).toContain('PA-7101-API');
  });

  it('names the field of a record it cannot find, never its value', async () => {
    const billingOffice = apiClient({ lambda: env.lambda, qualifier: 'billing-office' });
    const error = (await billingOffice
      .call('RequestAuthorization', { ...ask('PA-X', pat, patCoverage, { coverageId: 'COV-NOPE-99' }), purposeOfUse: 'payment' })
      .catch((e: unknown) => e)) as ApiCallError;
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error.errorType).toBe('RecordNotFoundError');
    expect(error.message).toContain('coverageId');
    expect(error.message).not.toContain('COV-NOPE-99');
  });
});
