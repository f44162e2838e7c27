/**
 * Revealing an execution's data in the console is a view of the patient's record: a billing
 * supervisor opens Lee's claim execution, reveals its input and output with a reason, and the privacy
 * office later finds that view in Lee's accounting of disclosures (ListRecordAccess), with the
 * supervisor, the execution and the reason. A view that cannot be filed under a patient is not shown.
 * The console runs as its hono app (no browser) against the local stack.
 */
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCallError, apiClient, type ApiClient } from '#functions/api/client.ts';
import { consoleApp } from '#functions/console/app.ts';
import { memoryConsoleAudit, type ConsoleAudit } from '#functions/console/console-audit.ts';
import { ExecutionFeed } from '#functions/console/execution-feed.ts';
import { memoryExecutionStore } from '#functions/console/execution-store.ts';
import { memorySavedViews } from '#functions/console/saved-views.ts';
import type { Claim } from '#schemas/claim.ts';
import { claim, coverage, line, patient } from '#test/payers/exchange/fixtures.ts';
import { lifecycleArn, putClaimOnTheBooks } from '#test/support/lifecycle-scenario.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';

const lee = patient('PAT-9801', { firstName: 'Lee', lastName: 'Revelado' });
const leeCoverage = coverage(lee, 'REV98010');
const visit: Claim = claim('PCN-REV-A', leeCoverage, [line('99213', 12_000)]);
const REASON = 'payer says the claim id in the 837 differs';

let env: PayerStack;
let app: ReturnType<typeof consoleApp>;
let audit: ConsoleAudit;
let feed: ExecutionFeed;
let cookie: string;
let billingOffice: ApiClient;

/** Starts a claim's lifecycle as charge capture would, naming its payer in the input. */
async function startLifecycleFor(claimId: string, payerId: string): Promise<string> {
  const { executionArn } = await env.sfn.send(
    new StartExecutionCommand({
      stateMachineArn: env.stack.stateMachineArns.ClaimLifecycle,
      name: `life-${claimId}`,
      input: JSON.stringify({ claimId, payerId }),
    }),
  );
  await env.stack.settle();
  return executionArn!;
}

const post = (path: string, body: unknown) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });

beforeAll(async () => {
  env = await startPayerStack([[lee, leeCoverage]]);
  await putClaimOnTheBooks(env, visit);
  await startLifecycleFor(visit.claimId, visit.payerId);
  // A lifecycle started for a claim that is not on the books: it fails, and has no patient to file a view under.
  await startLifecycleFor('CLM-PCN-GHOST', visit.payerId);
  feed = new ExecutionFeed(env.sfn, memoryExecutionStore());
  await feed.poll();
  audit = memoryConsoleAudit();
  app = consoleApp({ sfn: env.sfn, lambda: env.lambda, feed, views: memorySavedViews(), audit, now: async () => env.stack.clock.now() });
  const session = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'billing-supervisor-2' }),
  });
  cookie = session.headers.get('set-cookie')!.split(';')[0]!;
  billingOffice = apiClient({ lambda: env.lambda, qualifier: 'billing-office' });
}, 120_000);
afterAll(async () => {
  await env?.stack.stop();
});

describe('revealing an execution’s data', () => {
  it('files the view in the patient’s accounting of disclosures, with who, which execution and why, before it answers', async () => {
    const arn = lifecycleArn(env, `life-${visit.claimId}`);
    const reply = await post(`/api/executions/${encodeURIComponent(arn)}/reveal`, { reason: REASON });
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as { input: string }).input).toContain(visit.claimId);

    const report = await billingOffice.call('ListRecordAccess', { patientId: lee.patientId, purposeOfUse: 'operations' });
    const views = report.entries.filter((e) => e.api === 'RecordDisclosure');
    expect(views).toEqual([
      expect.objectContaining({
        patientId: lee.patientId,
        record: 'claim',
        recordId: visit.claimId,
        action: 'read',
        // The lifecycle still runs (it waits on the payer): it has an input and no output yet.
        fields: ['execution.input'],
        reason: REASON,
        executionArn: arn,
        caller: 'billing-office',
        onBehalfOf: 'billing-supervisor-2',
        purposeOfUse: 'operations',
      }),
    ]);
    // The console's own audit keeps its record as well.
    expect((await audit.list())[0]).toMatchObject({ action: 'reveal-execution-data', target: arn, reason: REASON });
    // The trail holds field names and the reason, never the revealed values.
    expect(JSON.stringify(views)).not.toContain('Revelado');
  });

  it('shows nothing when the view cannot be filed under a patient: the claim is not on the books', async () => {
    const arn = lifecycleArn(env, 'life-CLM-PCN-GHOST');
    const reply = await post(`/api/executions/${encodeURIComponent(arn)}/reveal`, { reason: REASON });
    expect(reply.status).toBe(404);
    const body = (await reply.json()) as Record<string, unknown>;
    expect(body).toEqual({ error: 'RecordNotFoundError', message: 'claim named by claimId was not found' });
    expect(body).not.toHaveProperty('input');
  });

  it('names the field, never the value, when a caller asks for an unknown claim or an execution of another claim', async () => {
    const unknown = (await billingOffice
      .call('RecordDisclosure', {
        claimId: 'CLM-NOBODY-1',
        executionArn: lifecycleArn(env, 'life-CLM-NOBODY-1'),
        fields: ['input'],
        reason: REASON,
        purposeOfUse: 'operations',
      })
      .catch((e: unknown) => e)) as ApiCallError;
    expect(unknown).toBeInstanceOf(ApiCallError);
    expect(unknown.errorType).toBe('RecordNotFoundError');
    expect(unknown.message).not.toContain('NOBODY');

    const elsewhere = (await billingOffice
      .call('RecordDisclosure', {
        claimId: visit.claimId,
        executionArn: lifecycleArn(env, 'life-CLM-PCN-GHOST'),
        fields: ['output'],
        reason: REASON,
        purposeOfUse: 'operations',
      })
      .catch((e: unknown) => e)) as ApiCallError;
    expect(elsewhere.errorType).toBe('InputValidationError');
    expect(elsewhere.issues?.map((i) => i.path)).toEqual(['executionArn']);
    expect(elsewhere.message).not.toContain('GHOST');
  });
});

describe('claims per payer', () => {
  it('reads each lifecycle’s payer from its input once, and searches and counts by payer', async () => {
    expect((await feed.index.get(lifecycleArn(env, `life-${visit.claimId}`)))?.payerId).toBe(visit.payerId);
    const reply = await post('/api/executions/search', { query: { payerId: visit.payerId, workflow: 'ClaimLifecycle' } });
    const found = (await reply.json()) as {
      total: number;
      payers: { payerId: string; count: number; byState: Record<string, number> }[];
    };
    expect(found.total).toBe(2);
    expect(found.payers).toHaveLength(1);
    expect(found.payers[0]).toMatchObject({ payerId: visit.payerId, count: 2 });
    expect(Object.values(found.payers[0]!.byState).reduce((a, b) => a + b, 0)).toBe(2);
    const none = (await (await post('/api/executions/search', { query: { payerId: 'NO-SUCH-PAYER' } })).json()) as { total: number };
    expect(none.total).toBe(0);
  });
});
