import { amendClaim } from '#functions/corrections/amend-claim.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { amendClaimRequest } from '#schemas/claim-amendment.ts';

/** A person's fix of a claim the payer does not have: the fields change under the claim's version, the ledger's charge follows. */
export const handler = lambdaHandler(amendClaimRequest, async (request) => {
  const result = await amendClaim(tableStore(), request, now());
  logger.info('Claim amended', { claimId: result.claimId, changedFields: result.changed.length, status: result.status });
  return result;
});
