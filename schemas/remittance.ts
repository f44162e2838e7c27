/** An 835 remittance, parsed to the parts that posting and denial handling use. */
import { z } from 'zod';
import { cents, entityId, isoDate, isoDateTime } from './common.ts';
import { adjustmentSchema, remarkCode } from './adjustment.ts';
import { procedureCode, procedureModifier } from './codes.ts';

/** SVC service line payment. */
export const remittanceLineSchema = z.object({
  /** REF*6R line item control number or the line's position in the claim. */
  lineNumber: z.number().int().min(1),
  procedureCode: procedureCode.optional(),
  modifiers: z.array(procedureModifier).max(4),
  chargeCents: cents,
  paidCents: cents,
  units: z.number().optional(),
  adjustments: z.array(adjustmentSchema),
  remarks: z.array(remarkCode),
});
export type RemittanceLine = z.infer<typeof remittanceLineSchema>;

/** CLP02 claim status codes used by 835 5010. */
export const remittanceClaimStatus = z.enum(['1', '2', '3', '4', '19', '20', '21', '22', '23', '25']);

/** CLP claim payment information. */
export const remittanceClaimSchema = z.object({
  patientControlNumber: z.string().min(1).max(38),
  statusCode: remittanceClaimStatus,
  chargeCents: cents,
  paidCents: cents,
  patientResponsibilityCents: cents,
  payerClaimControlNumber: z.string().min(1).max(50),
  adjustments: z.array(adjustmentSchema),
  remarks: z.array(remarkCode),
  lines: z.array(remittanceLineSchema),
});
export type RemittanceClaim = z.infer<typeof remittanceClaimSchema>;

/** PLB provider-level adjustment. */
export const providerAdjustmentSchema = z.object({
  reasonCode: z.string().min(2).max(2),
  reference: z.string().max(50).optional(),
  amountCents: cents,
});

export const remittanceSchema = z.object({
  remittanceId: entityId,
  payerId: entityId,
  /** TRN02: check or EFT trace number. */
  traceNumber: z.string().min(1).max(50),
  /** BPR02: total actual provider payment. */
  totalPaymentCents: cents,
  paymentMethod: z.enum(['ACH', 'CHK', 'BOP', 'FWT', 'NON']),
  /** BPR16: payment effective date, the date deadlines run from. */
  paymentDate: isoDate,
  receivedAt: isoDateTime,
  claims: z.array(remittanceClaimSchema),
  providerAdjustments: z.array(providerAdjustmentSchema),
});
export type Remittance = z.infer<typeof remittanceSchema>;
