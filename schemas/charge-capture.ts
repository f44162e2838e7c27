/** `CaptureEncounter`: charge capture, an encounter's charges onto the ledger and its claim on its way (a Lambda API, issue 13). */
import { z } from 'zod';
import { apiRequestBase } from './api.ts';
import { entityId, executionArn, nonNegativeCents } from './common.ts';
import { encounterSchema } from './encounter.ts';

/** An encounter with its charges, and the provider that bills it (the hospital or practice, a provider on file). */
export const captureEncounterRequest = apiRequestBase.extend({
  encounter: encounterSchema,
  billingProviderId: entityId,
});
export type CaptureEncounterRequest = z.infer<typeof captureEncounterRequest>;

/** What `CaptureEncounter` answers; the same again for a retry of the same encounter. */
export const captureEncounterResponse = z.object({
  encounterId: entityId,
  claimId: entityId,
  /** The claim's ClaimLifecycle execution (`life-<claimId>`), which scrubs it first. */
  executionArn,
  totalChargeCents: nonNegativeCents,
  /** `already-captured`: an earlier call captured this encounter; nothing was posted again. */
  status: z.enum(['captured', 'already-captured']),
});
export type CaptureEncounterResponse = z.infer<typeof captureEncounterResponse>;
