/**
 * The scrubber runs first in a claim's life: a claim that would be denied for a missing prior
 * authorization is held before anything is sent; the clerk records the authorization the payer
 * issued and resumes; the claim is scrubbed again, sent with it, and paid, to the cent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claim, coverage, line, patient } from '#test/payers/exchange/fixtures.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';
import {
  claimBalances,
  decide,
  execution,
  openItem,
  putClaimOnTheBooks,
  startLifecycle,
  statesEntered,
} from '#test/support/lifecycle-scenario.ts';

const DAY = 86_400_000;
const robin = patient('PAT-5101', { firstName: 'Robin', lastName: 'Spine' });
const robinCoverage = coverage(robin, 'FULL51001');
// A lumbar MRI: the payer authorizes it in advance.
const mri = claim('PCN-SH1', robinCoverage, [line('72148', 120_000, { serviceDateFrom: '2026-01-14', serviceDateTo: '2026-01-14' })], {
  diagnoses: [{ code: 'M54.50' }],
});

let env: PayerStack;
let arn: string;

beforeAll(async () => {
  env = await startPayerStack([[robin, robinCoverage]]);
  await putClaimOnTheBooks(env, mri);
}, 120_000);
afterAll(async () => env?.stack.stop());

describe('a claim that needs a prior authorization', () => {
  it('is held before it is sent, in the holds queue, naming the missing authorization', async () => {
    arn = await startLifecycle(env, mri.claimId);
    expect((await execution(env, arn)).status).toBe('RUNNING');
    expect(await statesEntered(env, arn)).toEqual(['CheckInput', 'Begin', 'Scrub', 'IsClean', 'HoldForScrub']);
    const hold = await openItem(env, mri.claimId, 'holds');
    expect(hold).toMatchObject({ kind: 'authorization', amountCents: 120_000, awaited: true, details: { edits: 'AUTHORIZATION_MISSING' } });
    expect((await env.store.claims.get(mri.claimId))?.claim.status).toBe('draft');
    expect(await env.store.submissions.get(`${mri.claimId}-LC`)).toBeNull();
  });

  it('the clerk records the authorization and resumes: scrubbed again, sent with it, and paid in full', async () => {
    await env.store.patients.putAuthorization({
      authorizationId: 'AUTH-5101',
      patientId: robin.patientId,
      payerId: robinCoverage.payerId,
      authorizationNumber: 'PA5101',
      status: 'approved',
      procedureCodes: ['72148'],
      validFrom: '2026-01-01',
      validThrough: '2026-03-31',
    });
    const hold = await openItem(env, mri.claimId, 'holds');
    await decide(env, hold!.workItemId, 'resume', 'authorization PA issued by phone');
    expect((await env.store.claims.get(mri.claimId))?.claim.status).toBe('submitted');
    await env.stack.advanceClock(2 * 3_600_000);
    await env.stack.advanceClock(8 * DAY);
    const done = await execution(env, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(await statesEntered(env, arn)).toEqual([
      'CheckInput',
      'Begin',
      'Scrub',
      'IsClean',
      'HoldForScrub',
      'AfterScrubHold',
      'Scrub',
      'IsClean',
      'VerifyEligibility',
      'IsCovered',
      'Submit',
      'AwaitAcknowledgement',
      'WasAccepted',
      'AwaitAdjudication',
      'HowAdjudicated',
      'Settle',
      'StatementDue',
      'Paid',
    ]);
    // Paid in full (no patient share): the claim is closed.
    expect(JSON.parse(done.output!)).toMatchObject({ status: 'closed', next: 'closed' });
    expect((await env.store.claims.get(mri.claimId))?.claim.status).toBe('closed');
    expect((await claimBalances(env, mri)).primary).toBe(0);
    // Each step of the claim's workflow put its event on the claim's timeline with the execution that recorded it.
    const timeline = (await env.store.claims.get(mri.claimId))!.timeline;
    const byExecution = timeline.filter((e) => e.executionId === arn).map((e) => e.type);
    expect(byExecution.sort()).toEqual(['closed', 'scrubbed', 'scrubbed', 'submitted']);
    // What the payer's files said was recorded by their intake, not by this execution.
    expect(timeline.filter((e) => e.type === 'acknowledged' || e.type === 'adjudicated').every((e) => e.executionId === undefined)).toBe(
      true,
    );
  });
});
