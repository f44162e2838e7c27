import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { loadIcd10CmCodeSetFile, sampleCodeSetPath } from '#functions/claims/code-set-file.ts';
import { balancesByClaim, zeroBalances } from '#functions/accounts/balances.ts';
import { chargePosting } from '#functions/accounts/clerk-postings.ts';
import { scrubClaim } from '#functions/claims/scrubber.ts';
import { createStore, documentClient } from '#functions/store/index.ts';
import type { Claim } from '#schemas/claim.ts';
import { workQueue } from '#schemas/work-item.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { demoClaim, demoHospital, demoPayer, demoPeople, demoPhysician } from '#infra/local/demo/claims-story.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { connect } from '#infra/cli/connection.ts';
import { fullHistory } from './executions.ts';
import { bold, dim, green, red, status, table, dollars } from '#infra/cli/output.ts';

export interface ClaimsStoryOutcome {
  ok: boolean;
  eligibility: { patientId: string; status: string; coverageStatus?: string; retries: number }[];
  claims: {
    claimId: string;
    scrub: 'clean' | 'errors';
    submitted: boolean;
    lifecycle: string;
    expectedLifecycle?: string;
    claimStatus: string;
    expectedStatus?: string;
    phase?: string;
    expectedPhase?: string;
    paidCents?: number;
    patientOwesCents: number;
    insurerOpenCents: number;
    /** The lifecycle's state names in the order the execution entered them. */
    path: string[];
    ok: boolean;
  }[];
  payerFiles: { key: string; kind?: string; status: string }[];
  /** Open work items per queue at the end of the story. */
  queues: Record<string, number>;
}

/**
 * The claims part of the demo, through the real workflows and functions: scrub, verify eligibility,
 * submit a batch to the embedded sandbox payer, let simulated time pass for its 999/277CA and 835 (which
 * land in the inbox and start the intake workflow), then ask the payer where each claim stands.
 */
export async function runClaimsStory(stack: LocalStack, say: (text?: string) => void): Promise<ClaimsStoryOutcome> {
  const config = { region: stack.region, credentials: localCredentials };
  const sfn = new SFNClient({ ...config, endpoint: stack.endpoints.stepFunctions });
  const lambda = new LambdaClient({ ...config, endpoint: stack.endpoints.lambda });
  const store = createStore(documentClient(stack.dynamodb), stack.tableName);
  const nowIso = new Date(stack.clock.now()).toISOString();
  const today = nowIso.slice(0, 10);

  await store.reference.putProvider(demoHospital);
  await store.reference.putProvider(demoPhysician);
  await store.reference.putPayerProfile(demoPayer);
  for (const p of demoPeople) {
    await store.patients.putPatient(p.patient);
    await store.patients.putCoverage(p.coverage);
  }

  say(bold(`\n5. The billing office scrubs ${demoPeople.filter((p) => p.lines).length} claims before they go out`));
  const codeSet = loadIcd10CmCodeSetFile(sampleCodeSetPath);
  const claims: { claim: Claim; clean: boolean; expectedPhase?: string; expectedStatus?: string; expectedLifecycle?: string }[] = [];
  for (const p of demoPeople.filter((x) => x.lines)) {
    const claim = demoClaim(p, today, nowIso);
    await store.claims.create(claim, nowIso);
    // The charges drop onto the patient's account, owed by the primary insurer until the payer answers.
    await store.ledger.post(
      chargePosting({
        accountId: claim.accountId,
        claimId: claim.claimId,
        amountCents: claim.totalChargeCents,
        to: 'primary',
        postedAt: nowIso,
      }),
    );
    const result = scrubClaim({
      claim,
      coverages: [p.coverage],
      providers: [demoHospital, demoPhysician],
      payerProfile: demoPayer,
      authorizations: [],
      otherClaims: [],
      codeSet,
      today,
    });
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    await store.claims.recordEvent({
      type: 'scrubbed',
      eventId: `${claim.claimId}-scrubbed-1`,
      claimId: claim.claimId,
      at: nowIso,
      errorCount: errors,
      warningCount: result.findings.length - errors,
    });
    claims.push({
      claim,
      clean: errors === 0,
      ...(p.expectedPhase ? { expectedPhase: p.expectedPhase } : {}),
      ...(p.expectedStatus ? { expectedStatus: p.expectedStatus } : {}),
      ...(p.expectedLifecycle ? { expectedLifecycle: p.expectedLifecycle } : {}),
    });
  }
  say(
    table(
      ['CLAIM', 'LINES', 'CHARGES', 'SCRUB', 'WHAT THE PAYER WILL DO'],
      claims.map(({ claim, clean }) => [
        claim.claimId,
        String(claim.lines.length),
        dollars(claim.totalChargeCents),
        clean ? green('clean') : red('errors'),
        demoPeople.find((p) => p.patient.patientId === claim.patientId)!.story,
      ]),
    ),
  );

  say(bold('\n6. Eligibility is verified for every patient (EligibilityCheck workflow, 270 → 271)'));
  const eligibilityRuns = await Promise.all(
    demoPeople.map(async (p) => {
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({
          stateMachineArn: stack.stateMachineArns.EligibilityCheck,
          name: `eligibility-${p.patient.patientId}-${today}`,
          input: JSON.stringify({ patientId: p.patient.patientId, coverageId: p.coverage.coverageId, providerId: demoHospital.providerId }),
        }),
      );
      return { p, executionArn: executionArn! };
    }),
  );
  // The rate-limited inquiry waits out its Retry interval on the simulated clock.
  await stack.advanceClock(3 * 60_000);
  const eligibility: ClaimsStoryOutcome['eligibility'] = [];
  for (const { p, executionArn } of eligibilityRuns) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const out = d.output
      ? (JSON.parse(d.output) as {
          coverageStatus?: string;
          rejections?: { reason: string }[];
          benefits?: { kind: string; timePeriod?: string; amountCents?: number }[];
        })
      : {};
    const retries = p.story.includes('rate-limits') ? 1 : 0;
    eligibility.push({
      patientId: p.patient.patientId,
      status: d.status!,
      ...(out.coverageStatus ? { coverageStatus: out.coverageStatus } : {}),
      retries,
    });
    const remaining = out.benefits?.find((b) => b.kind === 'deductible' && b.timePeriod === 'remaining')?.amountCents;
    say(
      `   ${p.patient.patientId.padEnd(12)} ${status(d.status)}  coverage ${out.coverageStatus ?? '-'}${remaining !== undefined ? `, deductible left ${dollars(remaining)}` : ''}${out.rejections?.length ? `, payer says: ${out.rejections[0]!.reason}` : ''}${retries ? dim(' (rate-limited once, retried by the workflow)') : ''}`,
    );
  }

  const clean = claims.filter((c) => c.clean);
  say(
    bold(
      `\n7. Each clean claim starts its ClaimLifecycle workflow: eligibility for its date of service, 837 submission, then it waits for the payer`,
    ),
  );
  const lifecycles = new Map<string, string>();
  for (const { claim } of clean) {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: stack.stateMachineArns.ClaimLifecycle,
        name: `lifecycle-${claim.claimId}`,
        input: JSON.stringify({ claimId: claim.claimId }),
      }),
    );
    lifecycles.set(claim.claimId, executionArn!);
  }
  await stack.settle();
  for (const [claimId, executionArn] of lifecycles) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const held = (await store.workItems.forClaim(claimId, 'holds')).some((i) => i.status === 'open');
    const waiting = held
      ? '  held: the payer does not confirm coverage; waiting in the holds queue for a person'
      : '  waiting for the acknowledgement (task token parked beside the claim)';
    say(`   ${claimId.padEnd(12)} ${status(d.status)}${d.error ? `  ${d.error}` : dim(waiting)}`);
  }

  say(bold('\n   The clerk works the holds queue (ListWorkItems and ResolveWorkItem through the Lambda API)'));
  // Through the Lambda API, as any other hospital service calls the functions.
  const { invoke } = connect({ endpoint: stack.endpoints.lambda });
  const holds = await invoke<{ items: { workItemId: string; claimId?: string; summary: string }[] }>('ListWorkItems', { queue: 'holds' });
  for (const hold of holds.items) {
    const p = demoPeople.find((x) => hold.claimId === demoClaim(x, today, nowIso).claimId);
    say(`   ${hold.claimId?.padEnd(12)} ${hold.summary}`);
    if (!p?.correctedMemberId) continue;
    // The clerk reads the member id off the card, corrects the coverage, and resumes the held claim.
    await store.patients.putCoverage({ ...p.coverage, memberId: p.correctedMemberId });
    await invoke('ResolveWorkItem', {
      workItemId: hold.workItemId,
      action: 'resume',
      reason: 'member id corrected from the insurance card',
      decidedBy: 'demo-clerk',
    });
    say(dim(`   ${''.padEnd(12)} member id corrected, hold resumed: eligibility is asked again and the claim goes out`));
  }
  await stack.settle();

  say(
    bold(
      '\n8. Simulated time passes: the payer answers into the inbox; PayerFileIntake applies the 999 and 277CA to our claims and posts the 835 to the ledger',
    ),
  );
  await stack.advanceClock(2 * 3_600_000);
  say(dim('   +2 hours: acknowledgements'));
  await stack.advanceClock(8 * 86_400_000);
  say(dim('   +8 days: the payment cycle'));
  const payerFiles = await intakeOf(sfn, stack, `inbound/${demoPayer.payerId}/`);
  say(
    table(
      ['FILE', 'KIND', 'INTAKE'],
      payerFiles.map((f) => [f.key, f.kind ?? '-', status(f.status)]),
    ),
  );

  say(bold('\n   The biller works the denials queue (classified by CARC/RARC, with the amount held and the deadline)'));
  const denials = await invoke<{
    items: { workItemId: string; claimId?: string; summary: string; amountCents: number; deadline?: string }[];
  }>('ListWorkItems', { queue: 'denials' });
  for (const denial of denials.items) {
    const p = demoPeople.find((x) => denial.claimId === demoClaim(x, today, nowIso).claimId);
    say(`   ${denial.claimId?.padEnd(12)} ${dollars(denial.amountCents)} by ${denial.deadline ?? '-'}: ${denial.summary}`);
    if (!p?.denialDecision) continue;
    await invoke('ResolveWorkItem', {
      workItemId: denial.workItemId,
      action: p.denialDecision,
      reason: 'bundled under the payer contract; not separately payable',
      decidedBy: 'demo-biller',
    });
    say(dim(`   ${''.padEnd(12)} written off: the held amount leaves the insurer's balance and the claim closes`));
  }
  await stack.settle();

  say(
    bold(
      "\n9. Where each claim stands: its lifecycle, our record and ledger, and the payer's answer to a status inquiry (CheckClaimStatus through the Lambda API: 276 → 277)",
    ),
  );
  const outcomes: ClaimsStoryOutcome['claims'] = [];
  for (const { claim, clean: isClean, expectedPhase, expectedStatus, expectedLifecycle } of claims) {
    let phase: string | undefined;
    let paidCents: number | undefined;
    const submitted = (await store.claims.get(claim.claimId))?.claim.submittedAt !== undefined;
    if (submitted) {
      const reply = await lambda.send(
        new InvokeCommand({ FunctionName: 'CheckClaimStatus', Payload: Buffer.from(JSON.stringify({ claimId: claim.claimId })) }),
      );
      const answer = JSON.parse(Buffer.from(reply.Payload!).toString()) as { phase?: string; paidCents?: number; errorType?: string };
      phase = reply.FunctionError ? `error: ${answer.errorType}` : answer.phase;
      paidCents = answer.paidCents;
    }
    const claimStatus = (await store.claims.get(claim.claimId))?.claim.status ?? 'missing';
    const owed = balancesByClaim((await store.ledger.getLedger(claim.accountId)).entries).get(claim.claimId) ?? zeroBalances();
    const lifecycleArn = lifecycles.get(claim.claimId);
    const run = lifecycleArn ? await sfn.send(new DescribeExecutionCommand({ executionArn: lifecycleArn })) : undefined;
    const lifecycle = run ? (run.status === 'FAILED' ? (run.error ?? 'FAILED') : run.status!) : 'not started';
    const path = lifecycleArn ? await statesEntered(sfn, lifecycleArn) : [];
    outcomes.push({
      claimId: claim.claimId,
      scrub: isClean ? 'clean' : 'errors',
      submitted,
      lifecycle,
      claimStatus,
      path,
      patientOwesCents: owed.patient,
      insurerOpenCents: owed.primary,
      ...(expectedStatus ? { expectedStatus } : {}),
      ...(phase ? { phase } : {}),
      ...(expectedPhase ? { expectedPhase } : {}),
      ...(paidCents !== undefined ? { paidCents } : {}),
      ok: phase === expectedPhase && claimStatus === expectedStatus && lifecycle === expectedLifecycle,
      ...(expectedLifecycle ? { expectedLifecycle } : {}),
    });
  }
  say(
    table(
      ['CLAIM', 'LIFECYCLE', 'CHARGES', 'OUR RECORD', 'PAYER SAYS (277)', 'PAID', 'PATIENT OWES', 'INSURER OPEN'],
      outcomes.map((o) => {
        const c = claims.find((x) => x.claim.claimId === o.claimId)!.claim;
        const record = o.claimStatus === o.expectedStatus ? green(o.claimStatus) : red(`${o.claimStatus} (expected ${o.expectedStatus})`);
        const phase =
          o.phase === o.expectedPhase ? (o.phase ? green(o.phase) : '-') : red(`${o.phase ?? '-'} (expected ${o.expectedPhase})`);
        const life =
          o.lifecycle === o.expectedLifecycle
            ? o.lifecycle === 'SUCCEEDED'
              ? green(o.lifecycle)
              : o.lifecycle
            : red(`${o.lifecycle} (expected ${o.expectedLifecycle})`);
        return [
          o.claimId,
          life,
          dollars(c.totalChargeCents),
          record,
          phase,
          dollars(o.paidCents),
          dollars(o.patientOwesCents),
          dollars(o.insurerOpenCents),
        ];
      }),
    ),
  );
  say(
    dim(
      '   Lifecycle: SUCCEEDED when paid or written off; a denial waits in the denials queue for a person (Claim.Denied when they appeal or correct it); a claim the payer does not cover waits in the holds queue.',
    ),
  );
  say(
    dim(
      '   Our record: after the 999 and 277CA were applied and the 835 posted to the ledger. Insurer open: denied amounts still held for the denials queue, or charges never sent.',
    ),
  );

  const expectedKinds = ['277CA', '835', '999'];
  const ok =
    eligibility.every((e) => e.status === 'SUCCEEDED') &&
    outcomes.every((o) => o.ok) &&
    expectedKinds.every((k) => payerFiles.some((f) => f.kind === k && f.status === 'SUCCEEDED'));
  const queues: Record<string, number> = {};
  for (const queue of workQueue.options) {
    const page = await invoke<{ items: unknown[]; nextToken?: string }>('ListWorkItems', { queue, limit: 200 });
    queues[queue] = page.items.length;
  }
  return { ok, eligibility, claims: outcomes, payerFiles, queues };
}

/** The state names an execution entered, in order. */
async function statesEntered(sfn: SFNClient, executionArn: string): Promise<string[]> {
  return (await fullHistory(sfn, executionArn)).flatMap((e) => (e.stateEnteredEventDetails?.name ? [e.stateEnteredEventDetails.name] : []));
}

async function intakeOf(sfn: SFNClient, stack: LocalStack, prefix: string): Promise<ClaimsStoryOutcome['payerFiles']> {
  const out: ClaimsStoryOutcome['payerFiles'] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: stack.stateMachineArns.PayerFileIntake, ...(nextToken ? { nextToken } : {}) }),
    );
    for (const e of page.executions ?? []) {
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
      const key = (JSON.parse(d.input!) as { detail: { object: { key: string } } }).detail.object.key;
      if (!key.startsWith(prefix)) continue;
      const kind = d.output ? (JSON.parse(d.output) as { kind?: string }).kind : undefined;
      out.push({ key, status: d.status!, ...(kind ? { kind } : {}) });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
