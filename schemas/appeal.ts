/** An appeal of a denied or under-paid claim, approved by a person before it is sent. */
import { z } from 'zod';
import { cents, entityId, isoDate, isoDateTime } from './common.ts';

export const appealStatus = z.enum(['draft', 'awaiting-approval', 'submitted', 'won', 'lost', 'withdrawn']);
export type AppealStatus = z.infer<typeof appealStatus>;

export const appealSchema = z.object({
  appealId: entityId,
  claimId: entityId,
  accountId: entityId,
  payerId: entityId,
  level: z.number().int().min(1).max(5),
  status: appealStatus,
  /** Last day the payer accepts this appeal. */
  dueDate: isoDate,
  /** CARC/RARC codes that prompted it, e.g. ["CO-50", "N115"]. */
  reasonCodes: z.array(z.string().max(10)).min(1),
  evidence: z.array(z.string().max(200)),
  disputedCents: cents,
  createdAt: isoDateTime,
  submittedAt: isoDateTime.optional(),
  decidedAt: isoDateTime.optional(),
  recoveredCents: cents.optional(),
  /** What the payer answered, once it did (won: overturned or partially; lost: upheld or not appealable). */
  payerOutcome: z.enum(['overturned', 'partially-overturned', 'upheld', 'not-appealable', 'pending']).optional(),
});
export type Appeal = z.infer<typeof appealSchema>;
