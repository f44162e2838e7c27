import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { apiHandler } from '#functions/api/api-handler.ts';
import { requestAuthorization } from '#functions/authorizations/request-authorization.ts';
import { sfnClient, tableStore } from '#functions/platform/aws-clients.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { logger } from '#functions/platform/logger.ts';
import { requestAuthorizationRequest } from '#schemas/authorization-request.ts';

/** Lambda API: starts the AuthorizationRequest workflow (a 278 to the payer) for one request, once per authorizationId. */
export const handler = apiHandler(requestAuthorizationRequest, async (request, call) => {
  const stateMachineArn = requiredEnv('AUTHORIZATION_REQUEST_STATE_MACHINE_ARN');
  const start = async (name: string, input: object) => {
    const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    try {
      await sfnClient().send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
      return { status: 'started' as const, executionArn };
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists || (error as { name?: string }).name === 'ExecutionAlreadyExists')
        return { status: 'already-started' as const, executionArn };
      throw error;
    }
  };
  const result = await requestAuthorization({ store: tableStore(), start }, request, call);
  logger.info('RequestAuthorization started', { authorizationId: result.authorizationId, status: result.status });
  return result;
});
