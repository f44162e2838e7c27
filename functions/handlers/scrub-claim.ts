import { z } from 'zod';
import { sampleCodeSetPath, loadIcd10CmCodeSetFile } from '#functions/claims/code-set-file.ts';
import type { Icd10CmCodeSet } from '#functions/claims/code-set.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { scrubStoredClaim } from '#functions/submission/scrub-claim.ts';
import { entityId } from '#schemas/common.ts';

export const scrubClaimInput = z.object({
  claimId: entityId,
  executionId: z.string().min(1).max(2048),
  attempt: z.number().int().min(0).max(100),
});

// The ICD-10-CM release ships with the function (a file beside the bundle); read once per container.
let codeSet: Icd10CmCodeSet | undefined;

/** Runs the scrubber's edits on a stored claim; a claim with errors is held, not sent. */
export const handler = lambdaHandler(scrubClaimInput, async (request) => {
  codeSet ??= loadIcd10CmCodeSetFile(sampleCodeSetPath);
  const result = await scrubStoredClaim(tableStore(), codeSet, request, now());
  logger.info('Claim scrubbed', { claimId: result.claimId, clean: result.clean, errorCount: result.errorCount, hold: result.hold });
  return result;
});
