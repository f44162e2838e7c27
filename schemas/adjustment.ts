/** 835 CAS adjustments: a group code and a Claim Adjustment Reason Code with an amount. */
import { z } from 'zod';
import { cents } from './common.ts';

/**
 * CAS01 group codes. CO contractual obligation (provider absorbs), PR patient responsibility,
 * OA other adjustment, PI payer-initiated reduction, CR corrections and reversals (4010 only).
 */
export const adjustmentGroupCode = z.enum(['CO', 'PR', 'OA', 'PI', 'CR']);
export type AdjustmentGroupCode = z.infer<typeof adjustmentGroupCode>;

export const adjustmentSchema = z.object({
  group: adjustmentGroupCode,
  /** CARC, e.g. "45", "197", "B7". */
  reasonCode: z.string().regex(/^[0-9A-Z]{1,5}$/),
  amountCents: cents,
  quantity: z.number().optional(),
});
export type Adjustment = z.infer<typeof adjustmentSchema>;

/** RARC as carried in MOA/MIA or LQ*HE, e.g. "N290", "MA130". */
export const remarkCode = z.string().regex(/^(M|MA|N)\d{1,4}$/, 'RARC such as N290 or MA130');
