import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { lifecycleExecutionArn } from '#functions/platform/start-lifecycle.ts';
import { loadIcd10CmCodeSetFile, sampleCodeSetPath } from '#functions/claims/code-set-file.ts';
import { balancesByClaim, zeroBalances } from '#functions/accounts/balances.ts';
import { apiClient, type ApiClient } from '#functions/api/client.ts';
import { scrubClaim } from '#functions/claims/scrubber.ts';
import { createStore, documentClient } from '#functions/store/index.ts';
import type { Claim } from '#schemas/claim.ts';
import { workQueue } from '#schemas/work-item.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import {
  demoClaim,
  demoEncounter,
  demoHospital,
  demoPayer,
  demoPeople,
  demoPhysician,
  demoSecondaryPayer,
  practicePeople,
  type DemoPerson,
} from '#infra/local/demo/claims-story.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { connect } from '#infra/cli/connection.ts';
import { fullHistory } from './executions.ts';
import { demoBook, loadBook, type LoadReport } from './load.ts';
import type { Book } from '#schemas/book.ts';
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
  /** What a billing manager reads: claims by status, denials by category, appeals and their results, payments reconciled. */
  manager: {
    claimsByStatus: Record<string, number>;
    denialsByCategory: Record<string, number>;
    appeals: { claimId: string; level: number; status: string }[];
    payments: { files: number; totalPaymentCents: number; claimPaidCents: number; providerAdjustmentCents: number; balanced: number };
    openQueues: Record<string, number>;
  };
}

/** Loads part of the demo's book through the APIs; the demo stops on any record an API refused. */
async function loadAll(part: Partial<Book>, client: ApiClient, onBehalfOf: string): Promise<LoadReport> {
  const report = await loadBook(part, client, { onBehalfOf });
  const failed = report.records.find((r) => r.status === 'failed');
  if (failed) throw new Error(`the demo's ${failed.part} ${failed.id} was refused: ${failed.errorType}: ${failed.error}`);
  return report;
}

/**
 * The claims part of the demo, through the real workflows and functions: scrub, verify eligibility,
 * submit a batch to the embedded sandbox payer, let simulated time pass for its 999/277CA and 835 (which
 * land in the inbox and start the intake workflow), then ask the payer where each claim stands.
 */
export async function runClaimsStory(stack: LocalStack, say: (text?: string) => void, practice = 0): Promise<ClaimsStoryOutcome> {
  const people: readonly DemoPerson[] = [...demoPeople, ...practicePeople(practice)];
  const config = { region: stack.region, credentials: localCredentials };
  const sfn = new SFNClient({ ...config, endpoint: stack.endpoints.stepFunctions });
  const lambda = new LambdaClient({ ...config, endpoint: stack.endpoints.lambda });
  const store = createStore(documentClient(stack.dynamodb), stack.tableName);
  const nowIso = new Date(stack.clock.now()).toISOString();
  const today = nowIso.slice(0, 10);
  // The story's claims (and their secondaries) are printed one by one; the practice's only in the manager's summary.
  const storyClaimIds = new Set(demoPeople.map((p) => demoClaim(p, today, nowIso).claimId));
  const inStory = (claimId: string) => storyClaimIds.has(claimId.replace(/-S$/, ''));

  // The demo's book goes in the way `rcm load --demo-book` puts it into any stage (one loader): the
  // billing office keeps the reference data (RegisterProvider, RegisterPayerProfile), and the
  // registration desk registers each patient and coverages through RegisterPatient, as the hospital's
  // ADT system would (the `registration` consumer). The practice's patients and visits too: they are new
  // visits whose ClaimLifecycles run beside the story's, not a book already billed; migrating such a book
  // (history, no workflows to start) is what store.bulk.load is for.
  const book = demoBook(today, practice);
  const office = apiClient({ lambda, qualifier: 'billing-office' });
  const registration = apiClient({ lambda, qualifier: 'registration' });
  await loadAll({ providers: book.providers, payerProfiles: book.payerProfiles }, office, 'demo-billing-office');
  await loadAll({ patients: book.patients }, registration, 'demo-registration-desk');

  say(bold('\n5. Before the visits, eligibility is verified for every patient (EligibilityCheck workflow, 270 → 271)'));
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

  say(
    bold(
      `\n6. ${people.filter((p) => p.lines).length} visits are captured (CaptureEncounter API: the charges post to the account, the claim is built and its ClaimLifecycle starts); the scrubber's edits, the workflow's first step, as they stand`,
    ),
  );
  const codeSet = loadIcd10CmCodeSetFile(sampleCodeSetPath);
  const claims: { claim: Claim; clean: boolean; expectedPhase?: string; expectedStatus?: string; expectedLifecycle?: string }[] = [];
  const lifecycles = new Map<string, string>();
  const capture = await loadAll({ encounters: book.encounters }, registration, 'demo-charge-capture');
  const byEncounter = new Map(capture.records.map((r) => [r.id, r]));
  const captured = people.filter((x) => x.lines).map((p) => ({ p, answer: byEncounter.get(demoEncounter(p, today).encounterId)! }));
  for (const { p, answer } of captured) {
    lifecycles.set(answer.claimId!, answer.executionArn!);
    const claim = (await store.claims.get(answer.claimId!))!.claim;
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
      claims
        .filter(({ claim }) => inStory(claim.claimId))
        .map(({ claim, clean }) => [
          claim.claimId,
          String(claim.lines.length),
          dollars(claim.totalChargeCents),
          clean ? green('clean') : red('errors'),
          demoPeople.find((p) => p.patient.patientId === claim.patientId)!.story,
        ]),
    ),
  );
  if (practice) say(dim(`   ...and ${practice} claims of the practice's everyday volume`));

  say(
    bold(
      `\n7. Each claim's ClaimLifecycle runs: scrubbing, eligibility for its date of service, 837 submission, then it waits for the payer`,
    ),
  );
  await stack.settle();
  for (const [claimId, executionArn] of [...lifecycles].filter(([id]) => inStory(id))) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const hold = (await store.workItems.forClaim(claimId, 'holds')).find((i) => i.status === 'open');
    const waiting = hold
      ? `  held (${hold.kind}): waiting in the holds queue for a person`
      : '  waiting for the acknowledgement (task token parked beside the claim)';
    say(`   ${claimId.padEnd(12)} ${status(d.status)}${d.error ? `  ${d.error}` : dim(waiting)}`);
  }

  // People work the queues through the Lambda API, as any other hospital service calls the functions.
  const { invoke } = connect({ endpoint: stack.endpoints.lambda });
  type Item = { workItemId: string; claimId?: string; kind: string; summary: string; amountCents: number; deadline?: string };
  const openItems = async (queue: string) => (await invoke<{ items: Item[] }>('ListWorkItems', { queue, limit: 200 })).items;
  const personOf = (claimId: string | undefined): DemoPerson | undefined =>
    people.find((x) => claimId === demoClaim(x, today, nowIso).claimId);
  const decide = (workItemId: string, action: string, reason: string, decidedBy: string) =>
    invoke('ResolveWorkItem', { workItemId, action, reason, decidedBy });
  const amend = (claimId: string, p: DemoPerson, reason: string) =>
    invoke('AmendClaim', { claimId, amendedBy: 'demo-biller', reason, changes: p.amendment });

  say(bold('\n   The clerk works the holds queue (ListWorkItems and ResolveWorkItem through the Lambda API)'));
  for (const hold of await openItems('holds')) {
    const p = personOf(hold.claimId);
    say(`   ${hold.claimId?.padEnd(12)} ${hold.summary}`);
    if (hold.kind === 'eligibility' && p?.correctedMemberId) {
      // The clerk reads the member id off the card, corrects the coverage, and resumes the held claim.
      await store.patients.putCoverage({ ...p.coverage, memberId: p.correctedMemberId });
      await decide(hold.workItemId, 'resume', 'member id corrected from the insurance card', 'demo-clerk');
      say(dim(`   ${''.padEnd(12)} member id corrected, hold resumed: eligibility is asked again and the claim goes out`));
    } else if (hold.kind === 'authorization' && p?.authorizationObtained) {
      // The clerk asks the payer's utilization review through RequestAuthorization: the AuthorizationRequest
      // workflow sends a 278 and records the payer's decision; then the clerk resumes the hold.
      const wanted = p.authorizationObtained;
      const asked = await office.call('RequestAuthorization', {
        authorizationId: wanted.authorizationId,
        patientId: p.patient.patientId,
        coverageId: p.coverage.coverageId,
        providerId: demoHospital.providerId,
        services: (wanted.procedureCodes ?? []).map((procedureCode) => ({ procedureCode, units: 1 })),
        diagnosisCodes: (p.diagnoses ?? []).map((d) => d.replace('.', '')),
        validFrom: wanted.validFrom,
        validThrough: wanted.validThrough,
        purposeOfUse: 'payment',
        onBehalfOf: 'demo-clerk',
      });
      await stack.settle();
      const run = await sfn.send(new DescribeExecutionCommand({ executionArn: asked.executionArn }));
      const decision = run.output ? (JSON.parse(run.output) as { status?: string; authorizationNumber?: string }) : {};
      await decide(hold.workItemId, 'resume', `authorization ${decision.status ?? 'asked'} by the payer (278)`, 'demo-clerk');
      say(
        dim(
          `   ${''.padEnd(12)} authorization asked (RequestAuthorization → AuthorizationRequest, 278): ${decision.status ?? run.status}${decision.authorizationNumber ? ` ${decision.authorizationNumber}` : ''}; hold resumed: scrubbed again and sent`,
        ),
      );
    }
  }
  await stack.settle();

  say(
    bold(
      '\n8. Simulated time passes: the payer answers into the inbox; PayerFileIntake applies the 999 and 277CA to our claims and posts the 835 to the ledger',
    ),
  );
  await stack.advanceClock(2 * 3_600_000);
  say(dim('   +2 hours: acknowledgements'));
  say(bold("\n   The clerk works the rejections queue (the payer's front door said no)"));
  for (const rejection of await openItems('rejections')) {
    const p = personOf(rejection.claimId);
    say(`   ${rejection.claimId?.padEnd(12)} ${rejection.summary}`);
    if (!p?.amendment || !rejection.claimId) continue;
    await amend(rejection.claimId, p, 'the visit was rendered by the enrolled physician covering the clinic');
    await decide(rejection.workItemId, 'resubmit', 'rendering provider corrected', 'demo-clerk');
    say(dim(`   ${''.padEnd(12)} rendering physician corrected (AmendClaim), resubmitted: scrubbed and sent again`));
  }
  await stack.settle();
  await stack.advanceClock(8 * 86_400_000);
  say(dim('   +8 days: the payment cycle'));

  say(bold('\n   The biller works the denials queue (classified by CARC/RARC, with the amount held and the deadline)'));
  const resolvedDenials = await invoke<{ items: Item[] }>('ListWorkItems', { queue: 'denials', status: 'resolved', limit: 200 });
  for (const denial of resolvedDenials.items)
    say(
      `   ${denial.claimId?.padEnd(12)} ${dollars(denial.amountCents)}: ${denial.summary} ${dim('(written off by the small-balance policy)')}`,
    );
  for (const denial of await openItems('denials')) {
    const p = personOf(denial.claimId);
    say(`   ${denial.claimId?.padEnd(12)} ${dollars(denial.amountCents)} by ${denial.deadline ?? '-'}: ${denial.summary}`);
    if (!p?.denialDecision || !denial.claimId) continue;
    if (p.denialDecision === 'write-off') {
      await decide(denial.workItemId, 'write-off', 'bundled under the payer contract; not separately payable', 'demo-biller');
      say(dim(`   ${''.padEnd(12)} written off: the held amount leaves the insurer's balance and the claim closes`));
    } else if (p.denialDecision === 'correct') {
      await amend(denial.claimId, p, 'the modifier does not apply to this service');
      await decide(denial.workItemId, 'correct', 'modifier removed', 'demo-biller');
      say(dim(`   ${''.padEnd(12)} modifier removed (AmendClaim): a replacement claim (frequency 7, REF*F8) goes out`));
    } else {
      await decide(denial.workItemId, 'appeal', 'the records support medical necessity', 'demo-biller');
      say(dim(`   ${''.padEnd(12)} appealed: the workflow drafts the packet and letter into the reports bucket`));
    }
  }
  await stack.settle();
  say(bold('\n   The appeals nurse works the appeals queue (packets drafted by the workflows)'));
  for (const appeal of await openItems('appeals')) {
    const p = personOf(appeal.claimId);
    say(`   ${appeal.claimId?.padEnd(12)} ${dollars(appeal.amountCents)} by ${appeal.deadline ?? '-'}: ${appeal.summary}`);
    if (!p?.appealDecision) continue;
    const approve = p.appealDecision === 'approve';
    await decide(
      appeal.workItemId,
      p.appealDecision,
      approve ? 'packet complete: records enclosed' : 'the records do not support the service',
      'demo-appeals-nurse',
    );
    say(
      dim(
        `   ${''.padEnd(12)} ${approve ? 'approved: filed with the payer, which decides by its rules' : 'rejected: the denial is written off'}`,
      ),
    );
  }
  await stack.settle();
  say(dim('   +2 hours, +8 days: the next payment cycle (replacements, resubmissions, overturned appeals, secondary claims)'));
  await stack.advanceClock(2 * 3_600_000);
  await stack.advanceClock(8 * 86_400_000);
  await stack.advanceClock(2 * 3_600_000);
  await stack.advanceClock(8 * 86_400_000);
  const payerFiles = [
    ...(await intakeOf(sfn, stack, `inbound/${demoPayer.payerId}/`)),
    ...(await intakeOf(sfn, stack, `inbound/${demoSecondaryPayer.payerId}/`)),
  ];
  say(
    table(
      ['FILE', 'KIND', 'INTAKE'],
      payerFiles.map((f) => [f.key, f.kind ?? '-', status(f.status)]),
    ),
  );

  say(
    bold(
      "\n9. Where each claim stands: its lifecycle, our record and ledger, and the payer's answer to a status inquiry (CheckClaimStatus through the Lambda API: 276 → 277)",
    ),
  );
  // Secondary claims were created by their primaries' Settle step and run their own lifecycles (life-<claimId>).
  for (const p of people.filter((x) => x.secondaryMemberId && x.lines)) {
    const secondaryId = `${demoClaim(p, today, nowIso).claimId}-S`;
    const secondary = (await store.claims.get(secondaryId))?.claim;
    if (!secondary) continue;
    claims.push({ claim: secondary, clean: true, expectedStatus: 'paid', expectedLifecycle: 'SUCCEEDED' });
    lifecycles.set(secondaryId, lifecycleExecutionArn(stack.stateMachineArns.ClaimLifecycle!, secondaryId));
  }
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
      ok:
        (expectedPhase === undefined || phase === expectedPhase) &&
        (expectedStatus === undefined || claimStatus === expectedStatus) &&
        lifecycle === expectedLifecycle,
      ...(expectedLifecycle ? { expectedLifecycle } : {}),
    });
  }
  say(
    table(
      ['CLAIM', 'LIFECYCLE', 'CHARGES', 'OUR RECORD', 'PAYER SAYS (277)', 'PAID', 'PATIENT OWES', 'INSURER OPEN'],
      outcomes
        .filter((o) => inStory(o.claimId))
        .map((o) => {
          const c = claims.find((x) => x.claim.claimId === o.claimId)!.claim;
          const record = o.claimStatus === o.expectedStatus ? green(o.claimStatus) : red(`${o.claimStatus} (expected ${o.expectedStatus})`);
          const phase =
            o.expectedPhase === undefined || o.phase === o.expectedPhase
              ? o.phase
                ? green(o.phase)
                : '-'
              : red(`${o.phase ?? '-'} (expected ${o.expectedPhase})`);
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
      '   Lifecycle: SUCCEEDED when paid (then settled: a secondary claim, a statement or closed) or written off; holds, rejections, denials and appeals wait in their queues for a person.',
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
  const manager = await managerSummary(stack, store, outcomes, queues);
  say(bold('\n10. What the billing manager reads'));
  say(
    `   Claims by status: ${Object.entries(manager.claimsByStatus)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  say(
    `   Denials by category: ${
      Object.entries(manager.denialsByCategory)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'
    }`,
  );
  say(`   Appeals: ${manager.appeals.map((a) => `${a.claimId} level ${a.level} ${a.status}`).join('; ') || 'none'}`);
  say(
    `   Payments: ${manager.payments.files} remittance files, ${dollars(manager.payments.totalPaymentCents)} paid (claims ${dollars(manager.payments.claimPaidCents)}, provider adjustments ${dollars(manager.payments.providerAdjustmentCents)}), ${manager.payments.balanced} of ${manager.payments.files} reconciled to the payment`,
  );
  say(
    `   Open queues: ${Object.entries(queues)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  return { ok, eligibility, claims: outcomes, payerFiles, queues, manager };
}

/** What a billing manager reads at the end: claims by status, denials by category, appeals, payments reconciled. */
async function managerSummary(
  stack: LocalStack,
  store: ReturnType<typeof createStore>,
  outcomes: ClaimsStoryOutcome['claims'],
  queues: Record<string, number>,
): Promise<ClaimsStoryOutcome['manager']> {
  const claimsByStatus: Record<string, number> = {};
  for (const o of outcomes) claimsByStatus[o.claimStatus] = (claimsByStatus[o.claimStatus] ?? 0) + 1;
  const denialsByCategory: Record<string, number> = {};
  const appeals: ClaimsStoryOutcome['manager']['appeals'] = [];
  for (const o of outcomes) {
    for (const d of await store.workItems.forClaim(o.claimId, 'denials')) denialsByCategory[d.kind] = (denialsByCategory[d.kind] ?? 0) + 1;
    for (const a of (await store.claims.get(o.claimId))?.appeals ?? [])
      appeals.push({ claimId: o.claimId, level: a.level, status: a.status });
  }
  const payments = { files: 0, totalPaymentCents: 0, claimPaidCents: 0, providerAdjustmentCents: 0, balanced: 0 };
  const listed = await stack.s3.send(new ListObjectsV2Command({ Bucket: stack.bucketNames.Reports, Prefix: 'reconciliation/' }));
  for (const object of listed.Contents ?? []) {
    if (!object.Key?.endsWith('.json')) continue;
    const body = await stack.s3.send(new GetObjectCommand({ Bucket: stack.bucketNames.Reports, Key: object.Key }));
    const report = JSON.parse(await body.Body!.transformToString()) as {
      totalPaymentCents: number;
      claimPaidCents: number;
      providerAdjustmentCents: number;
      balanced: boolean;
    };
    payments.files += 1;
    payments.totalPaymentCents += report.totalPaymentCents;
    payments.claimPaidCents += report.claimPaidCents;
    payments.providerAdjustmentCents += report.providerAdjustmentCents;
    if (report.balanced) payments.balanced += 1;
  }
  return { claimsByStatus, denialsByCategory, appeals, payments, openQueues: queues };
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
