/**
 * The ops console in headless Debian chromium against the local stack, as an appeals nurse uses it:
 * a therapy claim denied CO-50 has been appealed by the biller, and its lifecycle waits for the
 * packet's approval. The nurse logs on, finds the claim's execution by claim id, opens it (graph,
 * events, data masked), approves the appeal in the appeals queue with a reason, and sees the execution
 * move on past AwaitAppealApproval. Each main page passes axe-core with no serious or critical
 * violation, loads with no CSP violation, and is kept as a screenshot (RCM_UPDATE_SCREENSHOTS=1 copies
 * them to docs/ for the README).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleServer, type ConsoleServer } from '#functions/console/server.ts';
import { ensureWebBuilt } from '#functions/console/web-build.ts';
import { apiClient } from '#functions/api/client.ts';
import { repoRoot } from '#infra/local/paths.ts';
import type { Claim } from '#schemas/claim.ts';
import type { WorkItem } from '#schemas/work-item.ts';
import { claim, coverage, line, patient } from '#test/payers/exchange/fixtures.ts';
import { lifecycleArn, openItem, putClaimOnTheBooks } from '#test/support/lifecycle-scenario.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';
import { axeViolations, browserAvailable, launchChromium } from './support/browser.ts';

const DAY = 86_400_000;
const ana = patient('PAT-9701', { firstName: 'Ana', lastName: 'Consola', dateOfBirth: '1971-03-09' });
const anaCoverage = coverage(ana, 'COPAY97010');
// 97110 without a musculoskeletal diagnosis: the sandbox payer denies the line CO-50 and pays the visit.
const therapy: Claim = claim('PCN-CON-A', anaCoverage, [line('99213', 15_000), line('97110', 8_000, { units: 2 })], {
  diagnoses: [{ code: 'I10' }],
});
const artifacts = join(repoRoot, '.local', 'test-artifacts', 'console');

const run = browserAvailable();
let env: PayerStack;
let server: ConsoleServer;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const cspViolations: string[] = [];

async function resolveAsBiller(workItemId: string, action: string, reason: string): Promise<void> {
  const reply = await env.lambda.send(
    new InvokeCommand({
      FunctionName: 'ResolveWorkItem',
      Payload: new TextEncoder().encode(JSON.stringify({ workItemId, action, reason, decidedBy: 'biller-1' })),
    }),
  );
  if (reply.FunctionError) throw new Error(`ResolveWorkItem: ${new TextDecoder().decode(reply.Payload)}`);
  await env.stack.settle();
}

/** A page's screenshot kept as a test artifact (and in docs/ when asked to update them). */
async function screenshot(name: string): Promise<void> {
  const file = join(artifacts, `console-${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  if (process.env.RCM_UPDATE_SCREENSHOTS === '1') copyFileSync(file, join(repoRoot, 'docs', `console-${name}.png`));
}

async function expectAccessible(): Promise<void> {
  const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious).toEqual([]);
}

describe.skipIf(!run)('the ops console in the browser', () => {
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const [, built] = await Promise.all([
      (async () => {
        env = await startPayerStack([[ana, anaCoverage]]);
        await putClaimOnTheBooks(env, therapy);
        // As charge capture starts it: the input names the claim and its payer (the console counts claims per payer).
        await env.sfn.send(
          new StartExecutionCommand({
            stateMachineArn: env.stack.stateMachineArns.ClaimLifecycle,
            name: `life-${therapy.claimId}`,
            input: JSON.stringify({ claimId: therapy.claimId, payerId: therapy.payerId }),
          }),
        );
        await env.stack.settle();
        await env.stack.advanceClock(2 * 3_600_000);
        await env.stack.advanceClock(8 * DAY);
        const denial = await openItem(env, therapy.claimId, 'denials');
        await resolveAsBiller(denial!.workItemId, 'appeal', 'the records support the service');
      })(),
      ensureWebBuilt(),
    ]);
    expect(built).toContain('console-web');
    server = await startConsoleServer({
      sfn: env.sfn,
      lambda: env.lambda,
      now: async () => env.stack.clock.now(),
      pollMs: 500,
    });
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    await env?.stack.stop();
  });

  it('answers with no-store, no-referrer and a strict CSP, and only to a logged-on user', async () => {
    const home = await fetch(server.url);
    expect(home.headers.get('cache-control')).toBe('no-store');
    expect(home.headers.get('referrer-policy')).toBe('no-referrer');
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    const api = await fetch(`${server.url}/api/queues/appeals`);
    expect(api.status).toBe(401);
    expect(api.headers.get('cache-control')).toBe('no-store');
  });

  it('finds the denied claim by id and shows where its execution sits', async () => {
    await page.goto(server.url);
    await page.getByLabel('User id').fill('appeals-nurse-1');
    await page.getByRole('button', { name: 'Log on' }).click();
    await page.getByLabel('Claim id or execution name').fill(therapy.claimId);
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByRole('row', { name: new RegExp(`life-${therapy.claimId}`) });
    await row.waitFor();
    expect(await row.textContent()).toContain('AwaitAppealApproval');
    expect(await row.textContent()).toContain('RUNNING');
    // The search travels in the request body: the page's URL holds no claim id.
    expect(page.url()).not.toContain(therapy.claimId);
    await page.getByText('Where they sit in ClaimLifecycle').waitFor();
    // Claims per payer, and where that payer's claims sit: one click narrows the search to them.
    await page.getByRole('button', { name: `1 of payer ${therapy.payerId} in AwaitAppealApproval` }).waitFor();
    await page.locator('.react-flow__node').first().waitFor();
    await screenshot('executions');
    await expectAccessible();

    // A saved view is shared by an opaque id: opening its link runs the same search.
    await page.getByLabel('View name').fill('appeals waiting');
    await page.getByRole('button', { name: 'Save view' }).click();
    const link = (await page.getByText(/\?view=/).textContent())!.match(/http\S+\?view=[0-9a-f-]+/)![0];
    expect(link).not.toContain(therapy.claimId);
    const colleague = await chromium.context.newPage();
    await colleague.goto(link);
    await colleague.getByRole('row', { name: new RegExp(`life-${therapy.claimId}`) }).waitFor();
    await colleague.close();

    // Columns sort on a click, and say so to a screen reader.
    const started = page.getByRole('columnheader', { name: /Started/ });
    expect(await started.getAttribute('aria-sort')).toBe('none');
    // A time column sorts newest first on the first click, oldest first on the next.
    await started.getByRole('button').click();
    expect(await started.getAttribute('aria-sort')).toBe('descending');
    await started.getByRole('button').click();
    expect(await started.getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('button', { name: `only payer ${therapy.payerId}` }).click();
    await row.waitFor();
  });

  it('opens the execution: its graph coloured by the history, its events, its data masked until revealed with a reason', async () => {
    await page.getByRole('button', { name: `life-${therapy.claimId}` }).click();
    await expect.poll(() => page.getByTestId('current-state').textContent(), { timeout: 10_000 }).toBe('AwaitAppealApproval');
    expect(await page.getByTestId('execution-status').textContent()).toBe('RUNNING');
    await page.locator('.react-flow__node').first().waitFor();
    expect(await page.getByRole('cell', { name: 'AwaitAppealApproval' }).count()).toBeGreaterThan(0);
    // Masked: no member id or name on the page.
    for (const phi of ['COPAY97010', 'Consola']) expect(await page.content()).not.toContain(phi);
    await screenshot('execution');
    await expectAccessible();

    await page.getByLabel('Reason to reveal (recorded)').fill('checking the claim id the workflow started with');
    await page.getByRole('button', { name: 'Reveal' }).click();
    await page.getByText(`"claimId":"${therapy.claimId}"`).waitFor();
    const audit = (await (await page.request.get(`${server.url}/api/audit`)).json()) as {
      entries: { action: string; user: string; reason: string }[];
    };
    expect(audit.entries[0]).toMatchObject({
      action: 'reveal-execution-data',
      user: 'appeals-nurse-1',
      reason: 'checking the claim id the workflow started with',
    });
    // And the patient's accounting of disclosures holds the view, with who, which execution and why.
    const trail = await apiClient({ lambda: env.lambda, qualifier: 'billing-office' }).call('ListRecordAccess', {
      patientId: ana.patientId,
      purposeOfUse: 'operations',
    });
    expect(trail.entries.find((e) => e.api === 'RecordDisclosure')).toMatchObject({
      onBehalfOf: 'appeals-nurse-1',
      executionArn: lifecycleArn(env, `life-${therapy.claimId}`),
      fields: ['execution.input'],
      reason: 'checking the claim id the workflow started with',
    });
  });

  it('approves the appeal in the appeals queue with a reason, and the execution moves on', async () => {
    await page.getByRole('button', { name: 'Work queues' }).click();
    await page.getByRole('heading', { name: 'Appeals awaiting approval' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(therapy.claimId) });
    await row.waitFor();
    expect(await row.textContent()).toContain('$80.00');
    await screenshot('queues');
    await expectAccessible();

    // A bulk action shows how many items and dollars it would decide before it asks for a reason.
    await page.getByLabel('Bulk action').selectOption('approve');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('This will approve 1 items worth $80.00.').waitFor();
    // A queue that changed since the preview decides nothing.
    const stale = await page.request.post(`${server.url}/api/queues/appeals/bulk`, {
      data: { action: 'approve', reason: 'stale preview', expectedCount: 2 },
    });
    expect(stale.status()).toBe(409);

    await row.getByRole('button', { name: `approve ${therapy.claimId}` }).click();
    await row.getByLabel('Reason (required, recorded)').fill('packet complete: records attached');
    await row.getByRole('button', { name: 'Confirm approve' }).click();
    await page.getByText(`approve recorded for ${therapy.claimId}`).waitFor();
    const approved = (await env.store.workItems.forClaim(therapy.claimId, 'appeals')) as WorkItem[];
    expect(approved[0]?.resolution).toMatchObject({
      action: 'approve',
      decidedBy: 'appeals-nurse-1',
      reason: 'packet complete: records attached',
    });

    // The approval resumed the workflow's task token; the stack runs it as far as it goes.
    await env.stack.settle();
    await page.getByRole('button', { name: 'Executions' }).click();
    await page.getByLabel('Claim id or execution name').fill(therapy.claimId);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: `life-${therapy.claimId}` }).click();
    await expect.poll(() => page.getByTestId('current-state').textContent(), { timeout: 15_000 }).not.toBe('AwaitAppealApproval');
    expect(await page.getByRole('cell', { name: 'SubmitAppeal' }).count()).toBeGreaterThan(0);
    expect(cspViolations).toEqual([]);
  });

  it('logs an idle user off, after a warning', async () => {
    const strict = await startConsoleServer({ sfn: env.sfn, lambda: env.lambda, now: async () => env.stack.clock.now(), idleMs: 4000 });
    const idle = await chromium.context.newPage();
    try {
      await idle.goto(strict.url);
      await idle.getByLabel('User id').fill('ops-engineer-1');
      await idle.getByRole('button', { name: 'Log on' }).click();
      await idle
        .getByRole('alertdialog')
        .getByText(/You will be logged off in \d+ s/)
        .waitFor({ timeout: 10_000 });
      await idle.getByText('You were logged off after a period of inactivity.').waitFor({ timeout: 10_000 });
      expect((await idle.request.get(`${strict.url}/api/queues/appeals`)).status()).toBe(401);
    } finally {
      await idle.close();
      await strict.close();
    }
  });
});
