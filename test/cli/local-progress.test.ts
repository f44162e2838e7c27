/**
 * `rcm local` shows each part of the stack as it comes up, with its time, so a person waiting sees where
 * the seconds go. Times are not asserted (the machine is shared); their order is.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StartupTimer, type PartUp } from '#infra/local/startup.ts';

describe('the start-up timer', () => {
  it('reports parts in the order they finish, each with when it was up and how long it took', async () => {
    const events: PartUp[] = [];
    const timer = new StartupTimer((event) => events.push(event));
    let release!: () => void;
    const slow = timer.part('dynamodb', 'slow', () => new Promise<void>((resolve) => (release = resolve)));
    const fast = await timer.part(
      's3',
      (n: number) => `fast ${n}`,
      () => 3,
    );
    release();
    await slow;
    expect(fast).toBe(3);
    expect(events.map((e) => [e.part, e.label])).toEqual([
      ['s3', 'fast 3'],
      ['dynamodb', 'slow'],
    ]);
    for (const e of events) expect(e.tookMs).toBeLessThanOrEqual(e.atMs);
    expect(events[0]!.atMs).toBeLessThanOrEqual(events[1]!.atMs);
    expect(timer.reported).toEqual(events);
  });

  it('does not report a part that failed', async () => {
    const events: PartUp[] = [];
    const timer = new StartupTimer((event) => events.push(event));
    await expect(
      timer.part('table', 'table', () => {
        throw new Error('no table');
      }),
    ).rejects.toThrow('no table');
    expect(events).toEqual([]);
  });
});

describe('rcm local', () => {
  it('prints each part as it comes up, in order, on stderr, and keeps stdout for the endpoints', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcm-progress-'));
    const child = spawn(process.execPath, ['bin/rcm.js', 'local', '--json', '--data-dir', join(dir, 'data')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, RCM_STACKS_DIR: join(dir, 'running') },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('\n')) resolve();
        });
        void exited.then(() => reject(new Error(`rcm local ended before it was up: ${stderr}`)));
      });
    } finally {
      child.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
    expect(JSON.parse(stdout.trim())).toMatchObject({ stepFunctions: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });

    const lines = stderr.split('\n');
    expect(lines[0]).toMatch(/^Starting the local stack \(rcm loaded in \d+\.\d s\):$/);
    const parts = lines.flatMap((line) => {
      const m = /^\s+(\d+\.\d) s {2}(.+) \((\d+\.\d) s\)$/.exec(line);
      return m ? [{ at: Number(m[1]), label: m[2]! }] : [];
    });
    const index = (start: string) => parts.findIndex((p) => p.label.startsWith(start));
    // The workflow check, the S3 server and DynamoDB Local's JVM start together; the rest follows in order.
    const together = ['workflow files checked', 'S3 server (s3rver) with buckets rcm-inbox', 'DynamoDB Local (JVM) answers'].map(index);
    const after = [
      'Step Functions engine with PayerFileIntake',
      'table patient-accounts',
      'audit trail table',
      'Lambda functions',
      'sandbox payer',
      'Step Functions + Lambda endpoint http://127.0.0.1:',
    ].map(index);
    expect(
      [...together, ...after].every((i) => i >= 0),
      stderr,
    ).toBe(true);
    expect([...together].sort()).toEqual([0, 1, 2]);
    expect(after).toEqual([3, 4, 5, 6, 7, 8]);
    expect(parts).toHaveLength(9);
    // Reported as each came up, so their times since start-up began never go back.
    expect(parts.map((p) => p.at)).toEqual([...parts.map((p) => p.at)].sort((a, b) => a - b));
    expect(lines[10]).toMatch(/^Local stack up in \d+\.\d s \(\d+\.\d s since rcm started\)\.$/);
  }, 120_000);
});
