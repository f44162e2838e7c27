import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('rcm demo', () => {
  it('runs the payer files through the intake workflow and reports every outcome as expected', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rcm-demo-'));
    const { stdout } = await run('node', ['bin/rcm.js', 'demo', '--json', '--data-dir', dataDir], { timeout: 120_000 });
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as { ok: boolean; outcomes: { file: string; status: string; kind?: string }[] };
    expect(summary.ok).toBe(true);
    expect(summary.outcomes.map((o) => [o.file, o.status, o.kind ?? null])).toEqual([
      ['inbound/demo/ack-000102.999', 'SUCCEEDED', '999'],
      ['inbound/demo/era-000101.835', 'SUCCEEDED', '835'],
      ['inbound/demo/scanned-letter.pdf', 'FAILED', null],
    ]);
  });

  it('fails with a clear message and a non-zero exit status for an unknown command', async () => {
    await expect(run('node', ['bin/rcm.js', 'no-such-command'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("unknown command 'no-such-command'") });
  });
});
