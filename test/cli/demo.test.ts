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
    const { stdout } = await run('node', ['bin/rcm.js', 'demo', '--json', '--data-dir', dataDir], { timeout: 470_000 });
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      ok: boolean;
      claims: {
        claimId: string;
        status: string;
        lifecycle: string;
        phase?: string;
        paidCents?: number;
        patientOwesCents: number;
        insurerOpenCents: number;
        path: string[];
      }[];
      queues: Record<string, number>;
      manager: {
        claimsByStatus: Record<string, number>;
        denialsByCategory: Record<string, number>;
        appeals: { claimId: string; level: number; status: string }[];
        payments: { files: number; totalPaymentCents: number; claimPaidCents: number; providerAdjustmentCents: number; balanced: number };
      };
      eligibility: { status: string; coverageStatus?: string }[];
      payerFiles: { kind?: string; status: string }[];
      files: { file: string; status: string; kind?: string }[];
    };
    expect(summary.ok).toBe(true);
    const claim = (claimId: string) => summary.claims.find((c) => c.claimId === claimId)!;
    // The story's patients: eligibility for each (the unknown member id before the clerk corrects it).
    expect(summary.eligibility.map((e) => e.coverageStatus)).toEqual(['active', 'active', 'active', 'unknown', ...Array(7).fill('active')]);
    expect(summary.payerFiles.every((f) => f.status === 'SUCCEEDED')).toBe(true);
    // Every claim's workflow ended SUCCEEDED: the story's, the practice's 200 and the secondary claim.
    expect(summary.claims).toHaveLength(10 + 200 + 1);
    expect(summary.claims.filter((c) => c.lifecycle !== 'SUCCEEDED')).toEqual([]);
    expect(
      [
        'CLM-DEMO-1',
        'CLM-DEMO-2',
        'CLM-DEMO-3',
        'CLM-DEMO-4',
        'CLM-DEMO-6',
        'CLM-DEMO-7',
        'CLM-DEMO-8',
        'CLM-DEMO-9',
        'CLM-DEMO-10',
        'CLM-DEMO-11',
        'CLM-DEMO-11-S',
      ].map((id) => [id, claim(id).status]),
    ).toEqual([
      // Paid in full: settled and closed.
      ['CLM-DEMO-1', 'closed'],
      // The deductible: the patient owes it (a statement is requested).
      ['CLM-DEMO-2', 'paid'],
      // The bundled ECG interpretation (CO-97) is written off by the demo's biller: the claim closes.
      ['CLM-DEMO-3', 'closed'],
      // Held for an unknown member id; the demo's clerk corrects it and resumes the hold.
      ['CLM-DEMO-4', 'closed'],
      // CO-4: amended and sent back as a replacement, paid with the patient's copay left.
      ['CLM-DEMO-6', 'paid'],
      // CO-50 appealed, approved and overturned: paid.
      ['CLM-DEMO-7', 'paid'],
      // CO-50 appealed, the packet rejected: written off.
      ['CLM-DEMO-8', 'closed'],
      // Held for a missing authorization; the payer approves the 278 the clerk sends (AuthorizationRequest), the hold is resumed: paid in full.
      ['CLM-DEMO-9', 'closed'],
      // 277CA rejection (physician not enrolled): amended, resubmitted, paid in full.
      ['CLM-DEMO-10', 'closed'],
      // Two plans: the primary's share billed to the secondary on its own claim, which leaves the patient a statement.
      ['CLM-DEMO-11', 'paid'],
      ['CLM-DEMO-11-S', 'paid'],
    ]);
    // Each claim's path through its lifecycle, as the execution history gives it.
    expect(claim('CLM-DEMO-1').path).toEqual([
      'CheckInput',
      'Begin',
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
    // Sam owes a share after the deductible: the lifecycle sends the statement.
    expect(claim('CLM-DEMO-2').path.slice(-4)).toEqual(['Settle', 'StatementDue', 'ProduceStatement', 'Paid']);
    expect(claim('CLM-DEMO-3').path.slice(-4)).toEqual(['WorkDenial', 'DenialDecided', 'WriteOff', 'WrittenOff']);
    expect(claim('CLM-DEMO-4').path.slice(4, 10)).toEqual([
      'VerifyEligibility',
      'IsCovered',
      'HoldForEligibility',
      'CountHold',
      'AfterHold',
      'VerifyEligibility',
    ]);
    expect(claim('CLM-DEMO-6').path).toContain('PrepareResubmission');
    expect(claim('CLM-DEMO-7').path.slice(11, 19)).toEqual([
      'WorkDenial',
      'DenialDecided',
      'DraftAppeal',
      'AwaitAppealApproval',
      'AppealDecided',
      'SubmitAppeal',
      'AppealOutcome',
      'AwaitAdjudication',
    ]);
    expect(claim('CLM-DEMO-8').path.slice(-3)).toEqual(['AppealDecided', 'WriteOff', 'WrittenOff']);
    expect(claim('CLM-DEMO-9').path.slice(2, 7)).toEqual(['Scrub', 'IsClean', 'HoldForScrub', 'AfterScrubHold', 'Scrub']);
    expect(claim('CLM-DEMO-10').path).toContain('WorkRejection');
    // What is left for people: the demo's quarantined letter (and an unmatched line of its sample 835); every hold, rejection, denial and appeal was decided.
    expect(summary.queues).toMatchObject({ holds: 0, rejections: 0, denials: 0, appeals: 0, 'failed-postings': 0, 'quarantined-files': 1 });
    // The billing manager's figures: two appeals (one won, one withdrawn), every remittance reconciled to its payment.
    expect(summary.manager.appeals.map((a) => [a.claimId, a.status])).toEqual([
      ['CLM-DEMO-7', 'won'],
      ['CLM-DEMO-8', 'withdrawn'],
    ]);
    expect(summary.manager.denialsByCategory).toMatchObject({ appealable: 2 });
    expect(summary.manager.payments.balanced).toBe(summary.manager.payments.files);
    expect(summary.manager.payments.totalPaymentCents).toBe(
      summary.manager.payments.claimPaidCents + summary.manager.payments.providerAdjustmentCents,
    );
    // Sam's visit went to the deductible: paid nothing, the patient owes, nothing left with the insurer.
    expect(claim('CLM-DEMO-2')).toMatchObject({ paidCents: 0, insurerOpenCents: 0 });
    expect(claim('CLM-DEMO-2').patientOwesCents).toBeGreaterThan(0);
    expect(claim('CLM-DEMO-3').insurerOpenCents).toBe(0);
    expect(summary.files.map((o) => [o.file, o.status, o.kind ?? null])).toEqual([
      ['inbound/demo/ack-000102.999', 'SUCCEEDED', '999'],
      ['inbound/demo/era-000101.835', 'SUCCEEDED', '835'],
      ['inbound/demo/scanned-letter.pdf', 'FAILED', null],
    ]);
    // A bound for a loaded 2-core machine, not a speed assertion: the demo (with 200 practice claims) takes 90-180 s there.
  }, 480_000);

  it('fails with a clear message and a non-zero exit status for an unknown command', async () => {
    await expect(run('node', ['bin/rcm.js', 'no-such-command'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("unknown command 'no-such-command'"),
    });
  });
});
