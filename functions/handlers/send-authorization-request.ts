import { authorizationRequestSchema } from '#schemas/authorization-request.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { payerGateway } from '#functions/payers/configured.ts';
import { exchangeSettings } from '#functions/payers/settings.ts';
import { sendAuthorizationRequest } from '#functions/authorizations/send-authorization-request.ts';

/** Asks the payer to authorize services (278) and records its decision; the result carries no PHI. */
export const handler = lambdaHandler(authorizationRequestSchema, async (request) => {
  const result = await sendAuthorizationRequest(
    { store: tableStore(), gateway: payerGateway(), settings: exchangeSettings(), now },
    request,
  );
  logger.info('SendAuthorizationRequest done', {
    authorizationId: result.authorizationId,
    payerId: result.payerId,
    status: result.status,
    outcome: result.outcome,
    followUp: result.followUp,
  });
  return result;
});
