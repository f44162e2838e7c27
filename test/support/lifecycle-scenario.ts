/**
 * What every claim-lifecycle scenario on the local stack does: put a claim and its charges on the
 * books, start its ClaimLifecycle, read where the execution went, decide a work item through the
 * Lambda API as a person does, and read the claim's balances to the cent.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, StartExecutionCommand, type DescribeExecutionOutput } from '@aws-sdk/client-sfn';
import { fullHistory } from '#infra/cli/commands/executions.ts';
import { balancesByClaim, zeroBalances } from '#functions/accounts/balances.ts';
import { chargePosting } from '#functions/accounts/clerk-postings.ts';
import type { Claim } from '#schemas/claim.ts';
import type { WorkAction, WorkItem, WorkQueue } from '#schemas/work-item.ts';
import type { PayerStack } from './payer-stack.ts';

/** Stores the claim and posts its charges, owed by the primary insurer until the payer answers. */
export async function putClaimOnTheBooks(env: PayerStack, claim: Claim): Promise<void> {
  await env.store.claims.create(claim, claim.createdAt);
  await env.store.ledger.post(
    chargePosting({
      accountId: claim.accountId,
      claimId: claim.claimId,
      amountCents: claim.totalChargeCents,
      to: 'primary',
      postedAt: claim.createdAt,
    }),
  );
}

/** Starts the claim's ClaimLifecycle (named after the claim) and lets it run as far as it can. */
export async function startLifecycle(env: PayerStack, claimId: string): Promise<string> {
  const { executionArn } = await env.sfn.send(
    new StartExecutionCommand({
      stateMachineArn: env.stack.stateMachineArns.ClaimLifecycle,
      name: `life-${claimId}`,
      input: JSON.stringify({ claimId }),
    }),
  );
  await env.stack.settle();
  return executionArn!;
}

export const execution = (env: PayerStack, executionArn: string): Promise<DescribeExecutionOutput> =>
  env.sfn.send(new DescribeExecutionCommand({ executionArn }));

/** The names of the states the execution entered, in order. */
export async function statesEntered(env: PayerStack, executionArn: string): Promise<string[]> {
  return (await fullHistory(env.sfn, executionArn)).flatMap((e) =>
    e.stateEnteredEventDetails?.name ? [e.stateEnteredEventDetails.name] : [],
  );
}

/** The ARN of a ClaimLifecycle execution started under this name (the local stack's account and region). */
export const lifecycleArn = (env: PayerStack, name: string): string =>
  `${env.stack.stateMachineArns.ClaimLifecycle!.replace(':stateMachine:', ':execution:')}:${name}`;

/** What each party owes on the claim, in cents. */
export async function claimBalances(env: PayerStack, claim: Pick<Claim, 'accountId' | 'claimId'>) {
  return balancesByClaim((await env.store.ledger.getLedger(claim.accountId)).entries).get(claim.claimId) ?? zeroBalances();
}

/** The claim's open item in a queue (the one a waiting workflow is parked on). */
export async function openItem(env: PayerStack, claimId: string, queue: WorkQueue): Promise<WorkItem | undefined> {
  return (await env.store.workItems.forClaim(claimId, queue)).find((i) => i.status === 'open');
}

/** A person decides an item through the `ResolveWorkItem` Lambda API; the waiting workflow runs on. */
export async function decide(
  env: PayerStack,
  workItemId: string,
  action: WorkAction,
  reason: string,
  payload?: Record<string, string | number | boolean | string[]>,
): Promise<void> {
  const reply = await env.lambda.send(
    new InvokeCommand({
      FunctionName: 'ResolveWorkItem',
      Payload: new TextEncoder().encode(
        JSON.stringify({ workItemId, action, reason, decidedBy: 'billing-clerk-1', ...(payload ? { payload } : {}) }),
      ),
    }),
  );
  if (reply.FunctionError) throw new Error(`ResolveWorkItem failed: ${new TextDecoder().decode(reply.Payload)}`);
  await env.stack.settle();
}
