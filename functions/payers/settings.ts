/**
 * Who we are in X12 (interchange ids, the 837 submitter) and whom we send to, from the environment.
 * The defaults fit the embedded sandbox payer; a deployment sets every variable for its clearinghouse.
 * None of these values is PHI.
 */
import type { InterchangeIds, Receiver837, Submitter837 } from './exchange/index.ts';

export interface ExchangeSettings {
  interchange: InterchangeIds;
  submitter: Submitter837;
  receiver: Receiver837;
}

/** Reads `X12_SENDER_ID`, `X12_RECEIVER_ID`, `X12_USAGE_INDICATOR` (T/P), `SUBMITTER_NAME`, `SUBMITTER_ID`, `SUBMITTER_CONTACT_NAME`, `SUBMITTER_CONTACT_PHONE`, `RECEIVER_NAME`. */
export function exchangeSettings(env: NodeJS.ProcessEnv = process.env): ExchangeSettings {
  const senderId = env.X12_SENDER_ID ?? 'RCMSUBMITTER';
  const receiverId = env.X12_RECEIVER_ID ?? 'SANDBOXPAYER';
  const usage = env.X12_USAGE_INDICATOR ?? 'T';
  if (usage !== 'T' && usage !== 'P') throw new RangeError('X12_USAGE_INDICATOR must be T or P');
  return {
    interchange: { senderId, receiverId, usageIndicator: usage },
    submitter: {
      name: env.SUBMITTER_NAME ?? 'PATIENT ACCOUNTS OFFICE',
      id: env.SUBMITTER_ID ?? senderId,
      contactName: env.SUBMITTER_CONTACT_NAME ?? 'BILLING OFFICE',
      contactPhone: env.SUBMITTER_CONTACT_PHONE ?? '5555550100',
    },
    receiver: { name: env.RECEIVER_NAME ?? 'SANDBOX CLEARINGHOUSE', id: receiverId },
  };
}
