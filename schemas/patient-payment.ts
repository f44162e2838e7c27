/** `RecordPatientPayment`: a patient's payment or a refund to the patient (a Lambda API, issue 13). */
import { z } from 'zod';
import { apiRequestBase } from './api.ts';
import { entityId, isoDateTime, nonNegativeCents } from './common.ts';
import { accountBalancesSchema } from './ledger-entry.ts';

/**
 * A payment the patient made (or a refund of one), applied to the patient responsibility of the
 * patient's account, optionally to one claim. `paymentId` is the caller's receipt or refund id: the
 * same id again records nothing again.
 */
export const recordPatientPaymentRequest = apiRequestBase.extend({
  paymentId: entityId,
  patientId: entityId,
  kind: z.enum(['payment', 'refund']),
  method: z.enum(['card', 'cash', 'check']),
  /** A check number or the card processor's reference; never a card number. */
  reference: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9 ._:#/-]+$/, 'letters, digits, spaces and . _ : # / -')
    .refine((r) => !/\d{12,}/.test(r.replace(/[ -]/g, '')), 'looks like a card number; send the processor reference instead')
    .optional(),
  amountCents: z.number().int().positive().describe('Amount in integer cents, more than zero'),
  claimId: entityId.optional(),
});
export type RecordPatientPaymentRequest = z.infer<typeof recordPatientPaymentRequest>;

/** What `RecordPatientPayment` answers: the balances after it (integer cents; a negative patient balance is a credit). */
export const recordPatientPaymentResponse = z.object({
  paymentId: entityId,
  accountId: entityId,
  kind: z.enum(['payment', 'refund']),
  amountCents: nonNegativeCents,
  /** `already-recorded`: an earlier call with this paymentId recorded it; nothing was posted again. */
  status: z.enum(['recorded', 'already-recorded']),
  postedAt: isoDateTime,
  balances: accountBalancesSchema,
  /** The claim's own balances, when the payment was applied to one. */
  claimBalances: accountBalancesSchema.optional(),
  /** What the patient paid on the account (or the claim) and what was refunded of it, after this call. */
  patientPaidCents: nonNegativeCents,
  patientRefundedCents: nonNegativeCents,
});
export type RecordPatientPaymentResponse = z.infer<typeof recordPatientPaymentResponse>;
