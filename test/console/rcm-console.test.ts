/**
 * `rcm console` as an ops engineer runs it after `rcm local`: a process against the running local
 * stack that prints where the console is, serves the front end and its API with the console's
 * security headers (no caching, no referrer, a strict CSP), counts the stack's executions, and stops
 * cleanly on Ctrl-C (SIGINT) or SIGTERM, even one sent the moment it printed how to stop it (it used to
 * listen only after printing, so an early signal killed it).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '#functions/console/app.ts';
import { ensureWebBuilt } from '#functions/console/web-build.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { isolatedRcm } from '#test/support/isolated-rcm.ts';

const { stacksDir, env } = isolatedRcm(60_000);
let stack: LocalStack | undefined;
let monthAhead: number;
const DAY = 86_400_000;

beforeAll(async () => {
  process.env.RCM_STACKS_DIR = stacksDir;
  // The front end is built here, so the command finds it built and starts at once.
  [stack] = await Promise.all([startLocalStack({ dataDir: mkdtempSync(join(tmpdir(), 'rcm-console-data-')) }), ensureWebBuilt()]);
  const sfn = new SFNClient({ endpoint: stack.endpoints.stepFunctions, region: stack.region, credentials: localCredentials });
  // One execution for the console to index: an eligibility check of a claim that is not on the books (it fails).
  await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: stack.stateMachineArns.EligibilityCheck,
      input: JSON.stringify({ claimId: 'NO-SUCH-CLAIM' }),
    }),
  );
  await stack.settle();
  await stack.advanceClock(30 * DAY);
  monthAhead = stack.clock.now();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  delete process.env.RCM_STACKS_DIR;
});

/** Starts `rcm console` on a free port; resolves with the URL it prints once it has said how to stop it. */
async function startRcmConsole(): Promise<{ child: ChildProcessWithoutNullStreams; url: string; out: () => string }> {
  const child = spawn('node', ['bin/rcm.js', 'console', '--port', '0'], { env: env() });
  let out = '';
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // Ready once it said where it is and how to stop it (the two lines may arrive apart).
      const found = /Ops console at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (found && out.includes('Ctrl-C stops the console')) resolve(found[1]!);
    });
    child.on('exit', (code) => reject(new Error(`rcm console ended (${code}) before it served: ${out}`)));
  });
  return { child, url, out: () => out };
}

/** Waits for the process to end; 'still running' after a bound meant for a loaded machine, not a speed claim. */
function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null | 'still running'> {
  return Promise.race([
    new Promise<number | null>((resolve) =>
      child.on('exit', (code, signal) => {
        if (code === null) console.error(`rcm console ended by ${signal}`);
        resolve(code);
      }),
    ),
    new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 20_000)),
  ]);
}

function expectSecurityHeaders(response: Response): void {
  for (const [name, value] of Object.entries(securityHeaders)) expect(response.headers.get(name), name).toBe(value);
}

describe('rcm console', () => {
  it('prints its URL, serves the front end and its API with the security headers, and stops on SIGINT', async () => {
    const { child, url, out } = await startRcmConsole();
    try {
      expect(out()).toMatch(
        /Ops console at http:\/\/127\.0\.0\.1:\d+ \(1 executions indexed; index, saved views and audit in the local stack's table ConsoleState\)/,
      );
      expect(out()).toContain('simulated clock. Ctrl-C stops the console.');

      const home = await fetch(url);
      expect(home.status).toBe(200);
      expect(home.headers.get('content-type')).toContain('text/html');
      expect(await home.text()).toMatch(/<script type="module"[^>]* src="\/assets\/[^"]+\.js"/);
      expectSecurityHeaders(home);

      // The API answers only a logged-on user, and every answer carries the headers.
      const refused = await fetch(`${url}/api/queues/appeals`);
      expect(refused.status).toBe(401);
      expectSecurityHeaders(refused);
      const logon = await fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'ops-engineer-1' }),
      });
      const cookie = logon.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      const search = await fetch(`${url}/api/executions/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0]! },
        body: JSON.stringify({ query: { workflow: 'EligibilityCheck' } }),
      });
      expect(search.status).toBe(200);
      expectSecurityHeaders(search);
      const found = (await search.json()) as { total: number; executions: { status: string }[]; now: number };
      // A saved view outlives this console: the next one started on the stack (below) finds it.
      const saved = await fetch(`${url}/api/views`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0]! },
        body: JSON.stringify({ name: 'Failed eligibility checks', query: { workflow: 'EligibilityCheck', status: 'FAILED' } }),
      });
      expect(saved.status).toBe(200);
      expect(found.total).toBe(1);
      expect(found.executions[0]!.status).toBe('FAILED');
      // Ages count from the local stack's simulated clock (a month ahead here), which the command reads from the stack.
      expect(found.now).toBeGreaterThanOrEqual(monthAhead);

      child.kill('SIGINT');
      expect(await exitOf(child)).toBe(0);
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);

  it('keeps saved views across restarts in the local stack, and stops on SIGTERM as well', async () => {
    const { child, url } = await startRcmConsole();
    try {
      const logon = await fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'ops-engineer-2' }),
      });
      const views = await fetch(`${url}/api/views`, { headers: { cookie: logon.headers.get('set-cookie')!.split(';')[0]! } });
      expect(((await views.json()) as { views: { name: string }[] }).views.map((v) => v.name)).toContain('Failed eligibility checks');
      child.kill('SIGTERM');
      expect(await exitOf(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
