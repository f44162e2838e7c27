import { CopyObjectCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsAcknowledged999, read277ca, read999 } from '#functions/payers/exchange/index.ts';
import type { Store } from '#functions/store/index.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { startPayerStack } from '#test/support/payer-stack.ts';
import {
  claim,
  COMMERCIAL,
  coverage,
  dana,
  danaCoverage,
  hospital,
  line,
  nico,
  nicoCoverage,
  patient,
  phiOf,
} from '#test/payers/exchange/fixtures.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let stack: LocalStack;
let sfn: SFNClient;
let lambda: LambdaClient;
let store: Store;

const busy = patient('PAT-2001', { firstName: 'Bea', lastName: 'Busyline' });
const busyCoverage = coverage(busy, 'BUSY20001');
const down = patient('PAT-2002', { firstName: 'Dov', lastName: 'Outage' });
const downCoverage = coverage(down, 'DOWN20002');
const danaVisit = claim('PCN-D1', danaCoverage, [line('99213', 9_000)]);
const nicoVisit = claim('PCN-N1', nicoCoverage, [line('99213', 9_500)]);
const draftVisit = claim('PCN-D2', danaCoverage, [line('99212', 5_500)], { status: 'draft' });
const badTotal = claim('PCN-D3', danaCoverage, [line('99212', 5_500)], { totalChargeCents: 5_000 });

beforeAll(async () => {
  ({ stack, sfn, lambda, store } = await startPayerStack([
    [dana, danaCoverage],
    [nico, nicoCoverage],
    [busy, busyCoverage],
    [down, downCoverage],
  ]));
  for (const c of [danaVisit, nicoVisit, draftVisit, badTotal]) await store.claims.create(c, c.createdAt);
});
afterAll(async () => stack?.stop());

async function run(stateMachine: string, input: unknown, name?: string) {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: stack.stateMachineArns[stateMachine],
      input: JSON.stringify(input),
      ...(name ? { name } : {}),
    }),
  );
  await stack.settle();
  return executionArn!;
}
const describe_ = (executionArn: string) => sfn.send(new DescribeExecutionCommand({ executionArn }));
async function failedAttempts(executionArn: string): Promise<string[]> {
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
  return (events ?? [])
    .map((e) => e.lambdaFunctionFailedEventDetails?.error ?? e.taskFailedEventDetails?.error)
    .filter((x): x is string => Boolean(x));
}
async function inbox(kind: string): Promise<string[]> {
  const listed = await stack.s3.send(new ListObjectsV2Command({ Bucket: stack.bucketNames.Inbox, Prefix: 'inbound/' }));
  const keys = (listed.Contents ?? []).map((o) => o.Key!).filter((k) => k.split('/').pop()!.startsWith(`${kind}-`));
  return Promise.all(
    keys.map(async (Key) =>
      (await stack.s3.send(new GetObjectCommand({ Bucket: stack.bucketNames.Inbox, Key }))).Body!.transformToString(),
    ),
  );
}

describe('eligibility through the EligibilityCheck workflow and the embedded sandbox payer', () => {
  it('verifies active coverage and returns benefits without PHI', async () => {
    const arn = await run('EligibilityCheck', {
      patientId: dana.patientId,
      coverageId: danaCoverage.coverageId,
      providerId: hospital.providerId,
    });
    const execution = await describe_(arn);
    expect(execution.status).toBe('SUCCEEDED');
    const result = JSON.parse(execution.output!);
    expect(result).toMatchObject({ active: true, coverageStatus: 'active', payerId: COMMERCIAL.payerId, asOfDate: '2026-01-20' });
    expect(result.benefits.length).toBeGreaterThan(0);
    for (const phi of phiOf({ p: dana, c: danaCoverage })) expect(execution.output).not.toContain(phi);
  });

  it('waits out a rate limit with the workflow Retry and then succeeds', async () => {
    const arn = await run('EligibilityCheck', {
      patientId: busy.patientId,
      coverageId: busyCoverage.coverageId,
      providerId: hospital.providerId,
    });
    expect((await describe_(arn)).status).toBe('RUNNING');
    await stack.advanceClock(2 * MINUTE);
    const execution = await describe_(arn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(await failedAttempts(arn)).toEqual(['PayerRateLimitedError']);
  });

  it('gives up on a payer that stays unavailable, leaving a failed execution that names the error', async () => {
    const arn = await run('EligibilityCheck', {
      patientId: down.patientId,
      coverageId: downCoverage.coverageId,
      providerId: hospital.providerId,
    });
    await stack.advanceClock(15 * MINUTE);
    const execution = await describe_(arn);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('PayerUnavailableError');
    expect(await failedAttempts(arn)).toEqual(Array(4).fill('PayerUnavailableError'));
    for (const phi of phiOf({ p: down, c: downCoverage })) expect(JSON.stringify(execution)).not.toContain(phi);
  });

  it('fails at once, without retries, for a coverage that does not exist', async () => {
    const arn = await run('EligibilityCheck', { patientId: dana.patientId, coverageId: 'COV-NOPE', providerId: hospital.providerId });
    const execution = await describe_(arn);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('RecordNotFoundError');
    expect(await failedAttempts(arn)).toHaveLength(1);
  });
});

describe('a claim batch through the ClaimSubmission workflow, acknowledged and paid by the sandbox payer', () => {
  const batch = { batchId: 'B-20260120-1', payerId: COMMERCIAL.payerId, claimIds: [danaVisit.claimId, nicoVisit.claimId] };

  it('submits the claims, marks them submitted, and a second start of the same batch changes nothing', async () => {
    const first = await describe_(await run('ClaimSubmission', batch, 'submit-1'));
    expect(first.status).toBe('SUCCEEDED');
    const result = JSON.parse(first.output!);
    expect(result).toMatchObject({ batchId: batch.batchId, claimCount: 2, totalChargeCents: 18_500, status: 'queued' });
    expect(result.interchangeControlNumber).toMatch(/^\d{9}$/);
    const again = await describe_(await run('ClaimSubmission', batch, 'submit-again'));
    expect(again.status).toBe('SUCCEEDED');
    expect(JSON.parse(again.output!)).toEqual(result);
    for (const id of batch.claimIds) {
      const stored = await store.claims.get(id);
      expect(stored?.claim.status).toBe('submitted');
      expect(stored?.timeline.filter((e) => e.type === 'submitted')).toHaveLength(1);
    }
  });

  it('an hour later the 999 accepts the batch and the 277CA rejects the unknown member at the front door', async () => {
    await stack.advanceClock(2 * HOUR);
    const [ack999] = await inbox('999');
    const stored = await store.submissions.get(batch.batchId);
    expect(claimsAcknowledged999(read999(ack999!), { transactionSets: stored!.transactionSets! })).toEqual([
      { patientControlNumber: 'PCN-D1', accepted: true, code: 'A' },
      { patientControlNumber: 'PCN-N1', accepted: true, code: 'A' },
    ]);
    const [ack277] = await inbox('277CA');
    const claims = read277ca(ack277!).claims;
    expect(claims.find((c) => c.patientControlNumber === 'PCN-D1')?.accepted).toBe(true);
    expect(claims.find((c) => c.patientControlNumber === 'PCN-N1')).toMatchObject({
      accepted: false,
      statuses: [expect.objectContaining({ category: 'A3' })],
    });

    // The intake workflow applied both files to the claims: accepted, or rejected at the front door.
    const dana1 = await store.claims.get(danaVisit.claimId);
    const nico1 = await store.claims.get(nicoVisit.claimId);
    expect(dana1?.claim.status).toBe('accepted');
    expect(nico1?.claim.status).toBe('rejected');
    expect(
      dana1?.timeline
        .filter((e) => e.type === 'acknowledged')
        .map((e) => e.type === 'acknowledged' && [e.source, e.accepted])
        .sort(),
    ).toEqual([
      ['277CA', true],
      ['999', true],
    ]);
    expect(nico1?.timeline.some((e) => e.type === 'acknowledged' && e.source === '277CA' && !e.accepted && e.statusCode === 'A3')).toBe(
      true,
    );

    // Delivered again (or retried), the same file changes nothing.
    const listed = await stack.s3.send(new ListObjectsV2Command({ Bucket: stack.bucketNames.Inbox, Prefix: 'inbound/' }));
    const key = listed.Contents!.map((o) => o.Key!).find((k) => k.split('/').pop()!.startsWith('277CA-'))!;
    const again = await lambda.send(
      new InvokeCommand({
        FunctionName: 'ApplyAcknowledgement',
        Payload: Buffer.from(JSON.stringify({ file: { bucket: stack.bucketNames.Inbox, key, size: 1, etag: '' }, kind: '277CA' })),
      }),
    );
    expect(JSON.parse(Buffer.from(again.Payload!).toString())).toMatchObject({ accepted: 0, rejected: 0, alreadyApplied: 2, unmatched: 0 });
    expect((await store.claims.get(danaVisit.claimId))?.timeline).toHaveLength(dana1!.timeline.length);

    // Sent again under another name, it starts the intake workflow, which finds it already applied.
    await stack.s3.send(
      new CopyObjectCommand({
        Bucket: stack.bucketNames.Inbox,
        CopySource: `${stack.bucketNames.Inbox}/${key}`,
        Key: key.replace(/[^/]+$/, 'resent.x12'),
      }),
    );
    await stack.settle();
    expect((await store.claims.get(danaVisit.claimId))?.timeline).toHaveLength(dana1!.timeline.length);
    expect((await store.claims.get(nicoVisit.claimId))?.timeline).toHaveLength(nico1!.timeline.length);
  });

  it('after the payment cycle an 835 arrives and a status inquiry through the Lambda API says the claim is finalized and paid', async () => {
    await stack.advanceClock(8 * DAY);
    expect(await inbox('835')).toHaveLength(1);
    const reply = await lambda.send(
      new InvokeCommand({ FunctionName: 'CheckClaimStatus', Payload: Buffer.from(JSON.stringify({ claimId: danaVisit.claimId })) }),
    );
    expect(reply.FunctionError).toBeUndefined();
    const status = JSON.parse(Buffer.from(reply.Payload!).toString());
    expect(status).toMatchObject({ claimId: danaVisit.claimId, found: true, phase: 'finalized', patientControlNumber: 'PCN-D1' });
    expect(status.paidCents).toBeGreaterThan(0);
  });

  it('refuses a claim that has not passed the scrubber, without retrying', async () => {
    const execution = await describe_(
      await run('ClaimSubmission', { batchId: 'B-DRAFT', payerId: COMMERCIAL.payerId, claimIds: [draftVisit.claimId] }),
    );
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('ClaimNotReadyError');
    // The cause names the batch's field, never the claim id the caller sent, and carries no stack frames.
    expect(execution.cause).toContain('claim named by claimIds[0] is draft');
    expect(execution.cause).not.toContain(draftVisit.claimId);
    expect(execution.cause).not.toMatch(/\bat \S+ \(/);
    expect((await store.claims.get(draftVisit.claimId))?.claim.status).toBe('draft');
  });

  it('refuses, without retrying, a claim whose records cannot make a valid 837, and names the field', async () => {
    const arn = await run('ClaimSubmission', { batchId: 'B-BADTOTAL', payerId: COMMERCIAL.payerId, claimIds: [badTotal.claimId] });
    const execution = await describe_(arn);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('ExchangeInputError');
    expect(execution.cause).toContain('totalChargeCents');
    expect(await failedAttempts(arn)).toHaveLength(1);
    expect((await store.claims.get(badTotal.claimId))?.claim.status).toBe('scrubbed');
  });
});
