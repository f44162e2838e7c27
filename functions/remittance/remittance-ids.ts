/**
 * The ids a payment gives its records: derived from what the payer sent, never from the file's name or
 * arrival, so a redelivered or renamed file makes the same ids and the stores recognize it.
 */
import { stableId } from '#functions/platform/stable-id.ts';

/**
 * The remittance id of one payment: the payer and its TRN02 (check or EFT trace number), not the file,
 * so the same payment delivered again under another name is recognized as already received.
 */
export function remittanceIdFor(payerId: string, traceNumber: string): string {
  return stableId('RMT', payerId, traceNumber);
}

/** The id of a claim's `adjudicated` event from a payment: its adjudication (`adj`) or its CLP02 22 reversal (`rev`) of CLP07. */
export function claimEventIdFor(remittanceId: string, payerClaimControlNumber: string, kind: 'adj' | 'rev'): string {
  return stableId(`${kind}-835`, remittanceId, payerClaimControlNumber);
}

/** The id of the held reversal of one payer claim number: the adjudication it reverses finds it by this. */
export const pendingReversalId = (payerId: string, payerClaimControlNumber: string): string =>
  stableId('REV', payerId, payerClaimControlNumber);
