/**
 * The sandbox payer's appeal channel: the packet's evidence becomes the sandbox's evidence kinds, the
 * sandbox decides at once by its rules (plan.appealRules), and an overturn's reversal and new
 * adjudication go out in its next 835 cycle.
 */
import { PayerRejectedError } from '#functions/payers/errors.ts';
import type { AppealChannel, AppealPacket, AppealReceipt, RequestContext } from '#functions/payers/gateway.ts';
import type { AppealEvidence } from './appeals.ts';
import type { SandboxPayer } from './sandbox-payer.ts';
import type { AppealEvidenceKind } from './types.ts';

const sandboxKinds: ReadonlySet<string> = new Set<AppealEvidenceKind>([
  'authorization-number',
  'medical-records',
  'corrected-modifier',
  'proof-of-timely-filing',
  'primary-eob',
]);

/** The packet's evidence the sandbox understands (a copy of the remittance it sent is implied). */
export function sandboxEvidenceOf(packet: Pick<AppealPacket, 'evidence'>): AppealEvidence[] {
  return packet.evidence
    .filter((e) => sandboxKinds.has(e.kind))
    .map((e) => ({ kind: e.kind as AppealEvidenceKind, ...(e.reference ? { reference: e.reference } : {}) }));
}

/** Files an appeal with a sandbox payer instance; an unknown claim number is the payer's refusal. */
export function appealToSandbox(payer: Pick<SandboxPayer, 'appeal'>, packet: AppealPacket, ctx: RequestContext, now: Date): AppealReceipt {
  const decision = payer.appeal(ctx.payerId || packet.payerId, packet.payerClaimControlNumber, sandboxEvidenceOf(packet));
  if (decision.decision === 'not-found') throw new PayerRejectedError('ClaimNotFound', undefined, { payerId: ctx.payerId });
  return { outcome: decision.decision, receivedAt: now.toISOString() };
}

/**
 * The appeal channel over a sandbox payer running in this process (the local stack's). `afterDecision`
 * runs after each decision, e.g. to save the payer's memory and wake it for the 835 that carries an overturn.
 */
export function sandboxAppealChannel(
  payer: Pick<SandboxPayer, 'appeal'>,
  options: { clock: () => Date; afterDecision?: () => void },
): AppealChannel {
  return {
    submitAppeal: async (packet, ctx) => {
      const receipt = appealToSandbox(payer, packet, ctx, options.clock());
      options.afterDecision?.();
      return receipt;
    },
  };
}
