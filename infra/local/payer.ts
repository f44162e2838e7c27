import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { installEmbeddedGateway } from '#functions/payers/configured.ts';
import type { ClaimBatch, PayerGateway, RequestContext } from '#functions/payers/gateway.ts';
import { SandboxPayer, type InboxFile, type SandboxPayerSnapshot } from '#functions/payers/sandbox/index.ts';
import { s3InboxWriter } from '#functions/payers/sandbox/s3-inbox.ts';
import { sandboxAppealChannel } from '#functions/payers/sandbox/appeal-channel.ts';
import type { SimulatedClock } from './clock.ts';
import type { Activity } from './sfn/execution.ts';

export interface EmbeddedPayerOptions {
  readonly clock: SimulatedClock;
  readonly s3: S3Client;
  readonly inboxBucket: string;
  /** Work the stack's `settle()` waits for. */
  readonly activity: Activity;
  /** Where the payer's memory is kept between runs of `rcm local` (it holds synthetic PHI). */
  readonly stateFile?: string;
}

export interface EmbeddedPayer {
  readonly payer: SandboxPayer;
  /** Files the payer sent so far in this run (kind, name, time), newest last; no content. */
  readonly sent: readonly Pick<InboxFile, 'kind' | 'payerId' | 'name' | 'sentAt'>[];
  /** Re-reads the payer's schedule; call after acting on the payer directly (e.g. an appeal). */
  reschedule(): void;
  stop(): Promise<void>;
}

/**
 * Runs the sandbox payer inside the local stack as the default payer gateway: its clock is the stack's
 * simulated clock, its files go into the inbox bucket through the S3 API (so they start the intake
 * workflow like any payer file), and it wakes exactly when its next acknowledgement or payment cycle
 * is due, so `advanceClock('10d')` delivers the 999, 277CA and 835 at their simulated times.
 */
export function startEmbeddedPayer(options: EmbeddedPayerOptions): EmbeddedPayer {
  const { clock, activity } = options;
  const restore =
    options.stateFile && existsSync(options.stateFile)
      ? (JSON.parse(readFileSync(options.stateFile, 'utf8')) as SandboxPayerSnapshot)
      : undefined;
  const sent: Pick<InboxFile, 'kind' | 'payerId' | 'name' | 'sentAt'>[] = [];
  const toInbox = s3InboxWriter({ s3: options.s3, bucket: options.inboxBucket });
  const payer = new SandboxPayer({
    clock: () => new Date(clock.now()),
    inbox: async (file) => {
      await toInbox(file);
      sent.push({ kind: file.kind, payerId: file.payerId, name: file.name, sentAt: file.sentAt });
    },
    ...(restore ? { restore } : {}),
  });

  let wake: AbortController | undefined;
  let lastRunAt = Number.NEGATIVE_INFINITY;
  let stopped = false;
  const save = () => {
    if (!options.stateFile) return;
    mkdirSync(dirname(options.stateFile), { recursive: true });
    writeFileSync(options.stateFile, JSON.stringify(payer.exportState()), { mode: 0o600 });
  };
  const run = async () => {
    lastRunAt = clock.now();
    try {
      await payer.runDue();
    } catch {
      // The S3 write failed (the stack is stopping or s3rver hiccuped): the payer keeps the files and
      // the next wake-up, a minute later, sends them.
    }
    save();
  };
  const reschedule = () => {
    wake?.abort();
    wake = undefined;
    if (stopped) return;
    let due = payer.nextDueAt();
    if (due === undefined) return;
    // Never spin: work that is still due right after a run waits a simulated minute.
    if (due <= lastRunAt) due = lastRunAt + 60_000;
    const controller = new AbortController();
    wake = controller;
    clock.sleep(Math.max(0, due - clock.now()), controller.signal).then(
      () => void activity.track(run()).then(reschedule),
      () => undefined,
    );
  };
  reschedule();

  const gateway: PayerGateway = {
    checkEligibility: (x12: string, ctx: RequestContext) => payer.checkEligibility(x12, ctx),
    claimStatus: (x12: string, ctx: RequestContext) => payer.claimStatus(x12, ctx),
    requestAuthorization: async (x12: string, ctx: RequestContext) => {
      const answer = await payer.requestAuthorization(x12, ctx);
      save();
      return answer;
    },
    submitClaims: async (batch: ClaimBatch) => {
      const receipt = await payer.submitClaims(batch);
      save();
      reschedule();
      return receipt;
    },
    // An overturn's reversal and new payment go out on the payer's next cycle: wake it for that.
    ...sandboxAppealChannel(payer, {
      clock: () => new Date(clock.now()),
      afterDecision: () => {
        save();
        reschedule();
      },
    }),
  };
  const uninstall = installEmbeddedGateway(gateway);

  return {
    payer,
    sent,
    reschedule: () => {
      save();
      reschedule();
    },
    stop: async () => {
      stopped = true;
      wake?.abort();
      uninstall();
      save();
    },
  };
}
