import { apiHandler } from '#functions/api/api-handler.ts';
import { requestAuthorization } from '#functions/authorizations/request-authorization.ts';
import { sfnClient, tableStore } from '#functions/platform/aws-clients.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { executionArnOf, startNamedWith } from '#functions/platform/start-lifecycle.ts';
import { logger } from '#functions/platform/logger.ts';
import { requestAuthorizationRequest } from '#schemas/authorization-request.ts';

/** Lambda API: starts the AuthorizationRequest workflow (a 278 to the payer) for one request, once per authorizationId. */
export const handler = apiHandler(requestAuthorizationRequest, async (request, call) => {
  const stateMachineArn = requiredEnv('AUTHORIZATION_REQUEST_STATE_MACHINE_ARN');
  const startNamed = startNamedWith(sfnClient(), stateMachineArn);
  const start = async (name: string, input: object) => ({
    status: await startNamed(name, JSON.stringify(input)),
    executionArn: executionArnOf(stateMachineArn, name),
  });
  const result = await requestAuthorization({ store: tableStore(), start }, request, call);
  logger.info('RequestAuthorization started', { authorizationId: result.authorizationId, status: result.status });
  return result;
});
