/** What denial classification returns for one remitted claim or line. */
import { z } from 'zod';
import { adjustmentGroupCode } from './adjustment.ts';
import { cents, entityId, isoDate } from './common.ts';

export const denialCategory = z.enum([
  'patient-responsibility',
  'contractual',
  'correctable',
  'appealable',
  'coordination-of-benefits',
  'eligibility',
  'duplicate',
  'timely-filing',
  'non-covered',
]);
export type DenialCategory = z.infer<typeof denialCategory>;

export const recommendedAction = z.enum([
  'post-adjustment',
  'transfer-to-patient',
  'correct-and-resubmit',
  'submit-new-claim',
  'appeal',
  'bill-other-payer',
  'verify-eligibility',
  'verify-original-claim',
  'write-off',
]);
export type RecommendedAction = z.infer<typeof recommendedAction>;

export const actionDeadlineSchema = z.object({
  date: isoDate,
  days: z.number().int().positive(),
  from: isoDate,
  basis: z.enum(['appeal', 'corrected-claim-window', 'timely-filing']),
  /** For appeals: which level this deadline is for. */
  appealLevel: z.number().int().min(1).optional(),
});
export type ActionDeadline = z.infer<typeof actionDeadlineSchema>;

export const denialClassificationSchema = z.object({
  claimId: entityId,
  category: denialCategory,
  action: recommendedAction,
  deadline: actionDeadlineSchema.nullable(),
  evidence: z.array(z.string()),
  appealRights: z.boolean(),
  adjustments: z.array(
    z.object({
      group: adjustmentGroupCode,
      reasonCode: z.string(),
      amountCents: cents,
      quantity: z.number().optional(),
      category: denialCategory,
      description: z.string(),
    }),
  ),
  remarks: z.array(z.object({ code: z.string(), description: z.string() })),
  /** Codes not in the catalog; a person should read them. */
  unknownCodes: z.array(z.string()),
  /** One sentence for the work queue. */
  summary: z.string(),
});
export type DenialClassification = z.infer<typeof denialClassificationSchema>;
