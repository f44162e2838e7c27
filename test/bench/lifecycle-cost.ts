/**
 * What a claim's life costs in AWS, measured on the local stack: the claims of four paths run through
 * ClaimLifecycle with the sandbox payer (paid clean; denied and written off by a biller; held for an
 * unknown member id, corrected and resumed; denied for medical necessity, appealed, approved and
 * overturned), and their executions' histories are counted. State
 * transitions are the StateEntered events (Step Functions Standard bills each); Lambda invocations are
 * the lifecycle's Task invocations, the intake executions' (shared out per claim) and the API calls a
 * person makes. Dollars use us-east-1 list prices; Lambda duration is an assumption printed beside it.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, ListExecutionsCommand, StartExecutionCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { chargePosting } from '#functions/accounts/clerk-postings.ts';
import { listWorkItems } from '#functions/queues/work-items.ts';
import { appModel } from '#infra/app-model.ts';
import { fullHistory } from '#infra/cli/commands/executions.ts';
import { claim, coverage, line, patient } from '#test/payers/exchange/fixtures.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';

function report(figure: string, value: number, unit: string, human: string): void {
  if (human) console.log(human);
  console.log(JSON.stringify({ bench: 'lifecycle', figure, value: Number(value.toFixed(3)), unit }));
}

/** us-east-1 list prices (per unit), as the README's cost section uses them. */
const PRICE = {
  transition: 0.025 / 1_000,
  lambdaRequest: 0.2 / 1_000_000,
  lambdaGbSecond: 0.0000133334,
  /** DynamoDB, S3, CloudTrail data events, logs and KMS per claim, from the README's arithmetic (not measured here). */
  otherPerClaim: (0.02 + 0.02 + 0.01 + 0.015 + 0.015) / 1_000,
};
/** Assumed billed duration of one invocation (these functions do one or two DynamoDB/S3/payer calls). */
const ASSUMED_SECONDS_PER_INVOCATION = 0.2;

const memoryGb = new Map(appModel.functions.map((f) => [f.name, f.memoryMb / 1024]));
const functionOf = (arn: string | undefined): string => arn?.split(':').pop() ?? '';

interface Tally {
  transitions: number;
  invocations: number;
  gbSeconds: number;
}

function tally(events: readonly HistoryEvent[]): Tally {
  let transitions = 0;
  let invocations = 0;
  let gbSeconds = 0;
  for (const e of events) {
    if (e.stateEnteredEventDetails) transitions += 1;
    // Direct Lambda tasks, and lambda:invoke integrations (the task-token waits); without execution data the
    // integration's function name is not in the history, so its memory falls back to 512 MB.
    const task = e.taskScheduledEventDetails;
    const fn =
      e.lambdaFunctionScheduledEventDetails?.resource ??
      (task?.resourceType === 'lambda'
        ? String((JSON.parse(task.parameters ?? '{}') as { FunctionName?: string }).FunctionName ?? 'unknown')
        : undefined);
    if (fn) {
      invocations += 1;
      gbSeconds += (memoryGb.get(functionOf(fn)) ?? 0.5) * ASSUMED_SECONDS_PER_INVOCATION;
    }
  }
  return { transitions, invocations, gbSeconds };
}

const add = (a: Tally, b: Tally): Tally => ({
  transitions: a.transitions + b.transitions,
  invocations: a.invocations + b.invocations,
  gbSeconds: a.gbSeconds + b.gbSeconds,
});

/** Runs the four paths and reports transitions, invocations and dollars per claim and per 1,000 claims. */
type Path = 'clean' | 'denied-written-off' | 'held-resumed' | 'denied-appealed';

export async function lifecycleCost(perPath = 5): Promise<void> {
  // The functions' own log lines would drown the figures (the handlers load lazily, after this).
  process.env.LOG_LEVEL ??= 'SILENT';
  const paths: readonly Path[] = ['clean', 'denied-written-off', 'held-resumed', 'denied-appealed'];
  const people = Array.from({ length: perPath * paths.length }, (_, i) => {
    const p = patient(`PAT-B${i}`, { firstName: 'Bench', lastName: `Person${i}` });
    const path: Path = paths[Math.floor(i / perPath)]!;
    const member =
      path === 'clean'
        ? `FULL5${String(i).padStart(4, '0')}`
        : path === 'held-resumed'
          ? `NF5${String(i).padStart(4, '0')}`
          : `COPAY5${String(i).padStart(4, '0')}`;
    return { p, c: coverage(p, member), path };
  });
  const env: PayerStack = await startPayerStack(people.map(({ p, c }) => [p, c] as const));
  try {
    const claims = people.map(({ c, path }, i) => {
      const lines =
        path === 'denied-written-off'
          ? [
              line('93000', 6_000, { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' }),
              line('93010', 2_500, { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' }),
            ]
          : path === 'denied-appealed'
            ? [
                // Therapy without a musculoskeletal diagnosis: CO-50, appealed with the records and overturned.
                line('99213', 15_000, { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' }),
                line('97110', 8_000, { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' }),
              ]
            : [line('99213', 9_000, { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' })];
      return {
        claim: claim(
          `PCN-B${i}`,
          c,
          lines,
          path === 'denied-written-off' || path === 'denied-appealed' ? { diagnoses: [{ code: 'I10' }] } : {},
        ),
        path,
        coverage: c,
      };
    });
    for (const { claim: cl } of claims) {
      await env.store.claims.create(cl, cl.createdAt);
      await env.store.ledger.post(
        chargePosting({
          accountId: cl.accountId,
          claimId: cl.claimId,
          amountCents: cl.totalChargeCents,
          to: 'primary',
          postedAt: cl.createdAt,
        }),
      );
    }
    const arns = new Map<string, string>();
    for (const { claim: cl } of claims) {
      const out = await env.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: env.stack.stateMachineArns.ClaimLifecycle,
          name: `cost-${cl.claimId}`,
          input: JSON.stringify({ claimId: cl.claimId }),
        }),
      );
      arns.set(cl.claimId, out.executionArn!);
    }
    await env.stack.settle();
    const apiCalls = new Map<string, number>();
    const invoke = async (claimId: string, functionName: string, payload: unknown) => {
      apiCalls.set(claimId, (apiCalls.get(claimId) ?? 0) + 1);
      await env.lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode(JSON.stringify(payload)) }));
    };
    // The clerk corrects each held member id and resumes the hold.
    for (const { claim: cl, coverage: cov } of claims.filter((c) => c.path === 'held-resumed')) {
      const [hold] = await env.store.workItems.forClaim(cl.claimId, 'holds');
      await env.store.patients.putCoverage({ ...cov, memberId: cov.memberId.replace(/^NF/, 'FULL') });
      await invoke(cl.claimId, 'ResolveWorkItem', {
        workItemId: hold!.workItemId,
        action: 'resume',
        reason: 'member id corrected',
        decidedBy: 'bench',
      });
    }
    await env.stack.settle();
    await env.stack.advanceClock(2 * 3_600_000);
    await env.stack.advanceClock(8 * 86_400_000);
    // The biller writes off each bundling denial and appeals each medical-necessity one; the nurse approves the packets.
    const appealed = new Set(claims.filter((c) => c.path === 'denied-appealed').map((c) => c.claim.claimId));
    for (const item of (await listWorkItems(env.store, { queue: 'denials', limit: 200 })).items) {
      const appeal = appealed.has(item.claimId!);
      await invoke(item.claimId!, 'ResolveWorkItem', {
        workItemId: item.workItemId,
        action: appeal ? 'appeal' : 'write-off',
        reason: appeal ? 'records support necessity' : 'bundled',
        decidedBy: 'bench',
      });
    }
    await env.stack.settle();
    for (const item of (await listWorkItems(env.store, { queue: 'appeals', limit: 200 })).items) {
      await invoke(item.claimId!, 'ResolveWorkItem', {
        workItemId: item.workItemId,
        action: 'approve',
        reason: 'packet complete',
        decidedBy: 'bench',
      });
    }
    await env.stack.settle();
    // The overturned appeals' reprocessed 835s come on the payer's next cycle.
    await env.stack.advanceClock(8 * 86_400_000);

    // Intake executions are shared by the claims whose files they carried: spread them evenly.
    let intake: Tally = { transitions: 0, invocations: 0, gbSeconds: 0 };
    let nextToken: string | undefined;
    do {
      const page = await env.sfn.send(
        new ListExecutionsCommand({ stateMachineArn: env.stack.stateMachineArns.PayerFileIntake, nextToken }),
      );
      for (const e of page.executions ?? []) intake = add(intake, tally(await fullHistory(env.sfn, e.executionArn!)));
      nextToken = page.nextToken;
    } while (nextToken);
    const share = (t: Tally): Tally => ({
      transitions: t.transitions / claims.length,
      invocations: t.invocations / claims.length,
      gbSeconds: t.gbSeconds / claims.length,
    });

    // Figures of runs that went another way would mislead: every path must end as intended.
    // Paid in full (clean, held and resumed) closes when settled; a copay left to the patient stays paid (a statement).
    const expected = { clean: 'closed', 'denied-written-off': 'closed', 'held-resumed': 'closed', 'denied-appealed': 'paid' } as const;
    for (const { claim: cl, path } of claims) {
      const run = await env.sfn.send(new DescribeExecutionCommand({ executionArn: arns.get(cl.claimId)! }));
      const status = run.output ? (JSON.parse(run.output) as { status?: string }).status : undefined;
      if (run.status !== 'SUCCEEDED' || status !== expected[path]) {
        throw new Error(
          `lifecycle cost: ${cl.claimId} (${path}) ended ${run.status} ${run.error ?? status ?? ''}, not SUCCEEDED ${expected[path]}`,
        );
      }
    }
    for (const path of paths) {
      const ofPath = claims.filter((c) => c.path === path);
      let sum: Tally = { transitions: 0, invocations: 0, gbSeconds: 0 };
      for (const { claim: cl } of ofPath) {
        const own = tally(await fullHistory(env.sfn, arns.get(cl.claimId)!));
        const api = apiCalls.get(cl.claimId) ?? 0;
        sum = add(
          sum,
          add(add(own, share(intake)), { transitions: 0, invocations: api, gbSeconds: api * 0.25 * ASSUMED_SECONDS_PER_INVOCATION }),
        );
      }
      const per = {
        transitions: sum.transitions / ofPath.length,
        invocations: sum.invocations / ofPath.length,
        gbSeconds: sum.gbSeconds / ofPath.length,
      };
      const dollarsPer1000 =
        1_000 *
        (per.transitions * PRICE.transition +
          per.invocations * PRICE.lambdaRequest +
          per.gbSeconds * PRICE.lambdaGbSecond +
          PRICE.otherPerClaim);
      report(
        `lifecycle transitions per claim (${path})`,
        per.transitions,
        'transitions',
        `claim life, ${path}: ${per.transitions.toFixed(1)} state transitions and ${per.invocations.toFixed(1)} Lambda invocations per claim (intake files shared out)`,
      );
      report(`lifecycle invocations per claim (${path})`, per.invocations, 'invocations', '');
      report(
        `lifecycle $ per 1000 claims (${path})`,
        dollarsPer1000,
        '$',
        `  ≈ $${dollarsPer1000.toFixed(2)} per 1,000 claims all in (Step Functions and Lambda requests as counted; Lambda compute at an assumed ${ASSUMED_SECONDS_PER_INVOCATION * 1000} ms per invocation; DynamoDB, S3, CloudTrail, logs and KMS from the README's estimate)`,
      );
    }
  } finally {
    await env.stack.stop();
  }
}
