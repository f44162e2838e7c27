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
    const { stdout } = await run('node', ['bin/rcm.js', 'demo', '--json', '--data-dir', dataDir], { timeout: 240_000 });
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      ok: boolean;
      outcomes: { file: string; status: string; kind?: string }[];
      claims: {
        eligibility: { status: string; coverageStatus?: string }[];
        claims: {
          claimId: string;
          lifecycle: string;
          claimStatus: string;
          phase?: string;
          paidCents?: number;
          patientOwesCents: number;
          insurerOpenCents: number;
          path: string[];
        }[];
        payerFiles: { kind?: string; status: string }[];
        queues: Record<string, number>;
      };
    };
    expect(summary.ok).toBe(true);
    // Claims through their life: eligibility, submission, the payer's 999/277CA/835 taken in, status.
    expect(summary.claims.eligibility.map((e) => e.coverageStatus)).toEqual(['active', 'active', 'active', 'unknown', 'active']);
    // One 999 and one 277CA per claim sent (each lifecycle submits its own claim, the held one after it is resumed), one 835 for the payment cycle.
    expect(summary.claims.payerFiles.map((f) => f.kind).sort()).toEqual([
      '277CA',
      '277CA',
      '277CA',
      '277CA',
      '835',
      '999',
      '999',
      '999',
      '999',
    ]);
    expect(summary.claims.payerFiles.every((f) => f.status === 'SUCCEEDED')).toBe(true);
    expect(summary.claims.claims.map((c) => [c.claimId, c.lifecycle, c.claimStatus, c.phase ?? null])).toEqual([
      ['CLM-DEMO-1', 'SUCCEEDED', 'paid', 'finalized'],
      ['CLM-DEMO-2', 'SUCCEEDED', 'paid', 'finalized'],
      // The bundled ECG interpretation (CO-97) is written off by the demo's biller: the claim closes.
      ['CLM-DEMO-3', 'SUCCEEDED', 'closed', 'finalized'],
      // Held for an unknown member id; the demo's clerk corrects it and resumes the hold.
      ['CLM-DEMO-4', 'SUCCEEDED', 'paid', 'finalized'],
    ]);
    // Each claim's path through its lifecycle, as the execution history gives it.
    expect(summary.claims.claims[0]!.path).toEqual([
      'CheckInput',
      'Begin',
      'VerifyEligibility',
      'IsCovered',
      'Submit',
      'AwaitAcknowledgement',
      'WasAccepted',
      'AwaitAdjudication',
      'HowAdjudicated',
      'Paid',
    ]);
    expect(summary.claims.claims[2]!.path.slice(-4)).toEqual(['WorkDenial', 'DenialDecided', 'WriteOff', 'WrittenOff']);
    expect(summary.claims.claims[3]!.path.slice(0, 8)).toEqual([
      'CheckInput',
      'Begin',
      'VerifyEligibility',
      'IsCovered',
      'HoldForEligibility',
      'CountHold',
      'AfterHold',
      'VerifyEligibility',
    ]);
    // What is left for people: the demo's quarantined letter; the hold and the denial were decided.
    expect(summary.claims.queues).toMatchObject({ holds: 0, denials: 0, 'quarantined-files': 1 });
    // Sam's visit went to the deductible: paid nothing, the patient owes, nothing left with the insurer.
    expect(summary.claims.claims[1]).toMatchObject({ paidCents: 0, insurerOpenCents: 0 });
    expect(summary.claims.claims[1]!.patientOwesCents).toBeGreaterThan(0);
    // Kim's bundled ECG interpretation was held for the denials queue until the biller wrote it off.
    expect(summary.claims.claims[2]!.insurerOpenCents).toBe(0);
    expect(summary.claims.claims[0]!.paidCents).toBeGreaterThan(0);
    expect(summary.outcomes.map((o) => [o.file, o.status, o.kind ?? null])).toEqual([
      ['inbound/demo/ack-000102.999', 'SUCCEEDED', '999'],
      ['inbound/demo/era-000101.835', 'SUCCEEDED', '835'],
      ['inbound/demo/scanned-letter.pdf', 'FAILED', null],
    ]);
    // A bound for a loaded 2-core machine, not a speed assertion: the demo takes 30-60 s there.
  }, 250_000);

  it('fails with a clear message and a non-zero exit status for an unknown command', async () => {
    await expect(run('node', ['bin/rcm.js', 'no-such-command'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("unknown command 'no-such-command'"),
    });
  });
});
