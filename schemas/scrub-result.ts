/** What the claim scrubber returns: every finding at once. */
import { z } from 'zod';

export const findingSeverity = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof findingSeverity>;

export const findingSchema = z.object({
  /** Stable edit id, e.g. "NPI_CHECK_DIGIT"; work queues and metrics group by it. */
  id: z.string().regex(/^[A-Z0-9_]+$/),
  /** "error" stops submission; "warning" is for a person to look at. */
  severity: findingSeverity,
  /** Where on the claim, e.g. "lines[1].modifiers[0]" or "billingProvider.npi". */
  path: z.string().min(1),
  /** Plain words a billing clerk acts on; never names, member ids or birth dates. */
  message: z.string().min(1),
});
export type Finding = z.infer<typeof findingSchema>;

export const scrubResultSchema = z.object({
  /** True when no finding is an error. */
  clean: z.boolean(),
  findings: z.array(findingSchema),
});
export type ScrubResult = z.infer<typeof scrubResultSchema>;
